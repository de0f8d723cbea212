package io.kube4j.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
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
    void rewritesMountPathsInTheCommandLineToTheVolumeDirectory() {
        var container = Json.parse("""
                {"name":"c","command":["sh","-c"],"args":["cat /etc/config/key; echo $(GREETING)"],
                 "volumeMounts":[{"name":"config","mountPath":"/etc/config"}]}""");
        var command = ContainerEnv.commandLine(container, Map.of("GREETING", "hi"), Map.of("config", Path.of("/var/k/v")));
        assertThat(command).containsExactly("sh", "-c", "cat /var/k/v/key; echo hi");
    }
}
