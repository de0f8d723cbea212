package io.kube4j.kubelet.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.common.api.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumesTest {

    /** One ConfigMap "app" with two keys, and no Secrets. */
    static final ReferencedObjects OBJECTS = new ReferencedObjects() {
        @Override
        public Optional<Map<String, byte[]>> configMap(String namespace, String name) {
            return name.equals("app") ? Optional.of(Map.of("a.conf", bytes("A"), "b.conf", bytes("B"))) : Optional.empty();
        }

        @Override
        public Optional<Map<String, byte[]>> secret(String namespace, String name) {
            return Optional.empty();
        }
    };

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheSelectedItemsOfAConfigMapWithTheirModes(@TempDir Path pod) throws Exception {
        var spec = Json.parse("""
                {"volumes":[{"name":"cfg","configMap":{"name":"app","defaultMode":256,
                  "items":[{"key":"a.conf","path":"sub/a"}]}},{"name":"scratch","emptyDir":{}}]}""");
        Map<String, Path> dirs = new Volumes(OBJECTS).prepare("default", spec, pod);
        Path a = dirs.get("cfg").resolve("sub/a");
        assertThat(Files.readString(a)).isEqualTo("A");
        assertThat(Files.exists(dirs.get("cfg").resolve("b.conf"))).isFalse();
        // 256 = 0400, plus owner write so the kubelet can remove it
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a))).isEqualTo("rw-------");
        assertThat(dirs.get("scratch")).isDirectory();
    }

    @Test
    void refusesAMissingSecretUnlessOptional(@TempDir Path pod) throws Exception {
        var required = Json.parse("{\"volumes\":[{\"name\":\"s\",\"secret\":{\"secretName\":\"nope\"}}]}");
        assertThatThrownBy(() -> new Volumes(OBJECTS).prepare("default", required, pod))
                .hasMessageContaining("volume \"s\"").hasMessageContaining("secret \"nope\" not found");
        var optional = Json.parse("{\"volumes\":[{\"name\":\"s\",\"secret\":{\"secretName\":\"nope\",\"optional\":true}}]}");
        assertThat(new Volumes(OBJECTS).prepare("default", optional, pod).get("s")).isDirectory();
    }

    @Test
    void namesTheVolumeVariableInUpperCaseWithUnderscores() {
        assertThat(Volumes.envName("my-data.v1")).isEqualTo("KUBE4J_VOLUME_MY_DATA_V1");
    }
}
