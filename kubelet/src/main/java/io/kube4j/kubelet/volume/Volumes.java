package io.kube4j.kubelet.volume;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a pod's volumes as host directories before its containers start: emptyDir under the
 * pod directory, hostPath as given, configMap and secret written as files (honouring
 * {@code items} and {@code defaultMode}) in the atomic layout of {@link AtomicDir}, and brought up to
 * date with their sources by {@link #refresh}. The directories go with the pod directory.
 *
 * <p>Processes see a volume through the environment variable {@link #envName(String)} and,
 * in their command and args, through the {@code mountPath} itself, which the kubelet rewrites
 * to the host directory.
 */
public final class Volumes {

    private static final Logger LOG = LoggerFactory.getLogger(Volumes.class);

    private final ReferencedObjects objects;

    public Volumes(ReferencedObjects objects) {
        this.objects = objects;
    }

    /** {@code KUBE4J_VOLUME_<NAME>}: upper case, '-' and '.' as '_'. */
    public static String envName(String volume) {
        return "KUBE4J_VOLUME_" + volume.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /**
     * Brings the configMap and secret volumes of a running pod up to date with their sources, each
     * swapped in whole (see {@link AtomicDir}). A source that is gone or unreadable leaves its
     * volume as it was, as Kubernetes does.
     *
     * @return the names of the volumes whose content changed
     */
    public List<String> refresh(String namespace, JsonNode podSpec, Path podDir) {
        List<String> changed = new ArrayList<>();
        for (JsonNode volume : podSpec.path("volumes")) {
            String name = volume.path("name").asText();
            Path dir = podDir.resolve("volumes").resolve(name);
            boolean isSecret = volume.has("secret");
            if (!isSecret && !volume.has("configMap")) {
                continue;
            }
            JsonNode source = volume.path(isSecret ? "secret" : "configMap");
            try {
                Optional<Map<String, byte[]>> data = isSecret ? objects.secret(namespace, source.path("secretName").asText())
                        : objects.configMap(namespace, source.path("name").asText());
                if (data.isEmpty()) {
                    continue;
                }
                Path data0 = dir.resolve(AtomicDir.DATA);
                String before = Files.isSymbolicLink(data0) ? Files.readSymbolicLink(data0).toString() : "";
                write(name, dir, source, data, 0644);
                String after = Files.isSymbolicLink(data0) ? Files.readSymbolicLink(data0).toString() : "";
                if (!before.equals(after)) {
                    changed.add(name);
                }
            } catch (IOException | VolumeException | RuntimeException e) {
                LOG.debug("volume {} not refreshed: {}", name, e.getMessage());
            }
        }
        return changed;
    }

    /**
     * @return volume name → host directory, in the pod's order
     * @throws VolumeException naming the volume and what is missing
     */
    public Map<String, Path> prepare(String namespace, JsonNode podSpec, Path podDir) throws VolumeException {
        Map<String, Path> out = new LinkedHashMap<>();
        for (JsonNode volume : podSpec.path("volumes")) {
            String name = volume.path("name").asText();
            Path dir = podDir.resolve("volumes").resolve(name);
            try {
                if (volume.has("hostPath")) {
                    dir = Path.of(volume.path("hostPath").path("path").asText());
                    String type = volume.path("hostPath").path("type").asText("");
                    if (type.equals("DirectoryOrCreate")) {
                        Files.createDirectories(dir);
                    } else if (type.equals("Directory") && !Files.isDirectory(dir)) {
                        throw new VolumeException("volume \"" + name + "\": hostPath " + dir + " is not a directory");
                    }
                } else if (volume.has("configMap")) {
                    JsonNode source = volume.path("configMap");
                    write(name, dir, source, objects.configMap(namespace, source.path("name").asText()), 0644);
                } else if (volume.has("secret")) {
                    JsonNode source = volume.path("secret");
                    write(name, dir, source, objects.secret(namespace, source.path("secretName").asText()), 0644);
                } else {
                    // emptyDir, and (as an empty directory) any type this kubelet does not model
                    Files.createDirectories(dir);
                }
            } catch (IOException e) {
                throw new VolumeException("volume \"" + name + "\": " + e.getMessage());
            }
            out.put(name, dir);
        }
        return out;
    }

    private static void write(String volume, Path dir, JsonNode source, Optional<Map<String, byte[]>> data, int defaultMode)
            throws IOException, VolumeException {
        if (data.isEmpty() && !source.path("optional").asBoolean(false)) {
            String kind = source.has("secretName") ? "secret \"" + source.path("secretName").asText()
                    : "configmap \"" + source.path("name").asText();
            throw new VolumeException("volume \"" + volume + "\": " + kind + "\" not found");
        }
        Map<String, byte[]> values = data.orElse(Map.of());
        int mode = source.path("defaultMode").asInt(defaultMode);
        Map<String, AtomicDir.Content> files = new LinkedHashMap<>();
        if (source.path("items").isArray() && !source.path("items").isEmpty()) {
            for (JsonNode item : source.path("items")) {
                byte[] value = values.get(item.path("key").asText());
                if (value == null) {
                    if (source.path("optional").asBoolean(false)) {
                        continue;
                    }
                    throw new VolumeException("volume \"" + volume + "\": no key \"" + item.path("key").asText() + "\"");
                }
                files.put(relative(volume, dir, item.path("path").asText()),
                        new AtomicDir.Content(value, item.path("mode").asInt(mode)));
            }
        } else {
            for (Map.Entry<String, byte[]> e : values.entrySet()) {
                files.put(relative(volume, dir, e.getKey()), new AtomicDir.Content(e.getValue(), mode));
            }
        }
        AtomicDir.write(dir, files);
    }

    private static String relative(String volume, Path dir, String path) throws VolumeException {
        Path file = dir.resolve(path).normalize();
        if (path.isEmpty() || !file.startsWith(dir) || file.equals(dir) || path.startsWith("..")) {
            throw new VolumeException("volume \"" + volume + "\": path \"" + path + "\" leaves the volume");
        }
        return dir.relativize(file).toString();
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode >> i & 1) == 1) {
                out.add(bits[i]);
            }
        }
        // the kubelet must still be able to rewrite and remove what it wrote
        out.add(PosixFilePermission.OWNER_READ);
        out.add(PosixFilePermission.OWNER_WRITE);
        return out;
    }
}
