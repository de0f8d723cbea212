package io.kube4j.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
import io.kube4j.kubelet.runtime.ContainerSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ContainerEnvTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$(A)-$(B)      | 1-two",
        "$(MISSING)     | $(MISSING)",
        "$$(A)          | $(A)",
        "cost: $5       | cost: $5",
        "$(A            | $(A",
    })
    void expandsVariablesAsKubernetesDoes(String text, String expected) {
        assertThat(ContainerEnv.expand(text, Map.of("A", "1", "B", "two"))).isEqualTo(expected);
    }

    @Test
    void rewritesMountPathsInTheHostCommandLineToTheVolumeDirectory() {
        var container = Json.parse("""
                {"name":"c","command":["sh","-c"],"args":["cat /etc/config/key; echo $(GREETING)"],
                 "volumeMounts":[{"name":"config","mountPath":"/etc/config"}]}""");
        Map<String, String> env = Map.of("GREETING", "hi");
        var spec = new ContainerSpec("uid", "default/p", "c", "busybox", ContainerEnv.pullPolicy(container),
                ContainerEnv.expanded(container, "command", env), ContainerEnv.expanded(container, "args", env), env, null,
                Path.of("/var/k"), ContainerEnv.mounts(container, Map.of("config", Path.of("/var/k/v"))),
                ContainerSpec.Limits.NONE);
        assertThat(spec.hostArgv()).containsExactly("sh", "-c", "cat /var/k/v/key; echo hi");
        assertThat(spec.args()).containsExactly("cat /etc/config/key; echo hi");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "busybox                     | ''       | Always",
        "busybox:latest              | ''       | Always",
        "kube4j/busybox:1.36         | ''       | IfNotPresent",
        "localhost:5000/busybox      | ''       | Always",
        "busybox:1.36                | Never    | Never",
    })
    void defaultsThePullPolicyAsKubernetesDoes(String image, String given, String expected) {
        var container = Json.object().put("name", "c").put("image", image);
        if (!given.isEmpty()) {
            container.put("imagePullPolicy", given);
        }
        assertThat(ContainerEnv.pullPolicy(container)).isEqualTo(expected);
    }
}
