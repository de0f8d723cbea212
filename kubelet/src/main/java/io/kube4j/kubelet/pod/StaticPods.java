package io.kube4j.kubelet.pod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Pod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static pods of {@code --pod-manifest-path}: one Pod manifest (YAML or JSON) per file; hidden
 * files and other extensions are ignored. As Kubernetes names them, a static pod is
 * {@code <name>-<node>} in its namespace ({@code default} when absent), bound to this node, and its
 * uid is a hash of the file, its content and the node, so an edited file is a new pod (the old one
 * stops, the new one starts). The hash is also its {@code kubernetes.io/config.hash} annotation,
 * which its mirror pod carries as {@code kubernetes.io/config.mirror}.
 */
final class StaticPods {

    static final String MIRROR = "kubernetes.io/config.mirror";
    static final String HASH = "kubernetes.io/config.hash";
    static final String SOURCE = "kubernetes.io/config.source";

    private static final Logger LOG = LoggerFactory.getLogger(StaticPods.class);

    private final Path dir;
    private final String nodeName;
    /** Files already reported as unreadable, with the content that failed: warn once per version. */
    private final Map<Path, String> reported = new LinkedHashMap<>();

    StaticPods(Path dir, String nodeName) {
        this.dir = dir;
        this.nodeName = nodeName;
    }

    /** The static pods the directory holds now, by uid. An unreadable manifest is skipped with a warning. */
    Map<String, Pod> scan() {
        Map<String, Pod> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (name.startsWith(".") || !Files.isRegularFile(file)
                        || !(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))) {
                    continue;
                }
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue; // removed while listing
                }
                try {
                    Pod pod = pod(file, text);
                    out.put(pod.metadata().uid(), pod);
                    reported.remove(file);
                } catch (RuntimeException e) {
                    if (!text.equals(reported.put(file, text))) {
                        LOG.warn("static pod manifest {} ignored: {}", file, e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list static pod manifests in {}: {}", dir, e.getMessage());
        }
        return out;
    }

    private Pod pod(Path file, String text) {
        JsonNode parsed;
        try {
            parsed = Json.YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not YAML or JSON: " + e.getMessage());
        }
        if (!(parsed instanceof ObjectNode json) || !"Pod".equals(json.path("kind").asText())
                || !"v1".equals(json.path("apiVersion").asText("v1"))) {
            throw new IllegalArgumentException("not a v1 Pod");
        }
        String name = json.path("metadata").path("name").asText("");
        if (name.isEmpty() || !json.path("spec").path("containers").isArray() || json.path("spec").path("containers").isEmpty()) {
            throw new IllegalArgumentException("a static pod needs metadata.name and at least one container");
        }
        String uid = hash(file + "\n" + nodeName + "\n" + text);
        ObjectNode metadata = (ObjectNode) json.path("metadata");
        json.remove("status");
        metadata.put("name", name + "-" + nodeName);
        metadata.put("namespace", metadata.path("namespace").asText("default"));
        metadata.put("uid", uid);
        metadata.remove("resourceVersion");
        ObjectNode annotations = metadata.has("annotations") && metadata.get("annotations").isObject()
                ? (ObjectNode) metadata.get("annotations") : metadata.putObject("annotations");
        annotations.put(HASH, uid);
        annotations.put(SOURCE, "file");
        ((ObjectNode) json.path("spec")).put("nodeName", nodeName);
        return Pod.of(json);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mirror pod of a static pod: its metadata and spec, owned by the node, marked with the hash. */
    static Pod mirrorOf(Pod staticPod, String nodeUid) {
        ObjectNode json = staticPod.json().deepCopy();
        json.remove("status");
        ObjectNode metadata = (ObjectNode) json.path("metadata");
        metadata.remove("uid");
        ((ObjectNode) metadata.path("annotations")).put(MIRROR, staticPod.metadata().uid());
        ObjectNode owner = metadata.putArray("ownerReferences").addObject();
        owner.put("apiVersion", "v1").put("kind", "Node").put("name", staticPod.nodeName()).put("uid", nodeUid)
                .put("controller", true);
        return Pod.of(json);
    }

    static String mirrorHash(Pod pod) {
        return pod.metadata().annotations().getOrDefault(MIRROR, "");
    }
}
