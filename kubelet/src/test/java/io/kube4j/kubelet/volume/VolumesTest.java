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

    @Test
    void swapsInNewContentAtomicallyThroughTheDataLinkAndDropsRemovedKeys(@TempDir Path pod) throws Exception {
        Map<String, byte[]> data = new java.util.HashMap<>(Map.of("a.conf", bytes("A"), "b.conf", bytes("B")));
        ReferencedObjects changing = new ReferencedObjects() {
            @Override
            public Optional<Map<String, byte[]>> configMap(String namespace, String name) {
                return Optional.of(Map.copyOf(data));
            }

            @Override
            public Optional<Map<String, byte[]>> secret(String namespace, String name) {
                return Optional.empty();
            }
        };
        var spec = Json.parse("{\"volumes\":[{\"name\":\"cfg\",\"configMap\":{\"name\":\"app\"}}]}");
        Volumes volumes = new Volumes(changing);
        Path dir = volumes.prepare("default", spec, pod).get("cfg");
        Path first = dir.resolve(Files.readSymbolicLink(dir.resolve("..data")));
        assertThat(Files.readSymbolicLink(dir.resolve("a.conf"))).isEqualTo(Path.of("..data", "a.conf"));
        assertThat(volumes.refresh("default", spec, pod)).isEmpty();

        data.put("a.conf", bytes("A2"));
        data.remove("b.conf");
        assertThat(volumes.refresh("default", spec, pod)).containsExactly("cfg");
        assertThat(Files.readString(dir.resolve("a.conf"))).isEqualTo("A2");
        assertThat(dir.resolve("b.conf")).doesNotExist();
        assertThat(first).doesNotExist();
        try (var entries = Files.list(dir)) {
            // the current version, its link, and one link per key
            assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals("..data") && !n.equals("a.conf")))
                    .hasSize(1).allMatch(n -> n.startsWith(".."));
        }
    }
}
