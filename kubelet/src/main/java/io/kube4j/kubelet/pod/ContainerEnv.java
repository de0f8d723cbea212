package io.kube4j.kubelet.pod;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.Quantity;
import io.kube4j.kubelet.runtime.ContainerSpec;
import io.kube4j.kubelet.volume.ReferencedObjects;
import io.kube4j.kubelet.volume.Volumes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's environment and command line as Kubernetes builds them: the kubelet's own
 * variables, then {@code envFrom}, then {@code env} (later wins), with {@code $(VAR)} expanded
 * against what came before ({@code $$} escapes); then command and args expanded against the result.
 */
final class ContainerEnv {

    /** The pod facts {@code fieldRef} and the kubelet's own variables read. */
    record PodFacts(String namespace, String name, String uid, String podIp, String hostIp, String nodeName,
                    String serviceAccount) {
    }

    private final ReferencedObjects objects;

    ContainerEnv(ReferencedObjects objects) {
        this.objects = objects;
    }

    Map<String, String> env(JsonNode container, PodFacts pod, Map<String, Path> volumes) throws EnvException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POD_NAME", pod.name());
        env.put("POD_NAMESPACE", pod.namespace());
        env.put("POD_IP", pod.podIp());
        env.put("NODE_NAME", pod.nodeName());
        volumes.forEach((name, dir) -> env.put(Volumes.envName(name), dir.toString()));
        for (JsonNode from : container.path("envFrom")) {
            String prefix = from.path("prefix").asText("");
            boolean isSecret = from.has("secretRef");
            JsonNode ref = isSecret ? from.path("secretRef") : from.path("configMapRef");
            String name = ref.path("name").asText();
            Optional<Map<String, byte[]>> data = isSecret ? objects.secret(pod.namespace(), name)
                    : objects.configMap(pod.namespace(), name);
            if (data.isEmpty()) {
                if (ref.path("optional").asBoolean(false)) {
                    continue;
                }
                throw new EnvException((isSecret ? "secret" : "configmap") + " \"" + name + "\" not found");
            }
            data.get().forEach((k, v) -> env.put(prefix + k, new String(v, StandardCharsets.UTF_8)));
        }
        for (JsonNode var : container.path("env")) {
            String name = var.path("name").asText();
            if (var.has("valueFrom")) {
                Optional<String> value = valueFrom(var.path("valueFrom"), pod);
                if (value.isPresent()) {
                    env.put(name, value.get());
                }
            } else {
                env.put(name, expand(var.path("value").asText(""), env));
            }
        }
        return env;
    }

    private Optional<String> valueFrom(JsonNode from, PodFacts pod) throws EnvException {
        if (from.has("fieldRef")) {
            String path = from.path("fieldRef").path("fieldPath").asText();
            return Optional.of(switch (path) {
                case "metadata.name" -> pod.name();
                case "metadata.namespace" -> pod.namespace();
                case "metadata.uid" -> pod.uid();
                case "spec.nodeName" -> pod.nodeName();
                case "spec.serviceAccountName" -> pod.serviceAccount();
                case "status.podIP" -> pod.podIp();
                case "status.hostIP" -> pod.hostIp();
                default -> throw new EnvException("unsupported fieldRef " + path);
            });
        }
        boolean isSecret = from.has("secretKeyRef");
        JsonNode ref = isSecret ? from.path("secretKeyRef") : from.path("configMapKeyRef");
        if (ref.isMissingNode()) {
            return Optional.empty();
        }
        String name = ref.path("name").asText();
        String key = ref.path("key").asText();
        Optional<Map<String, byte[]>> data = isSecret ? objects.secret(pod.namespace(), name)
                : objects.configMap(pod.namespace(), name);
        Optional<byte[]> value = data.map(d -> d.get(key));
        if (value.isEmpty() && !ref.path("optional").asBoolean(false)) {
            throw new EnvException((isSecret ? "secret" : "configmap") + " \"" + name + "\": key \"" + key + "\" not found");
        }
        return value.map(v -> new String(v, StandardCharsets.UTF_8));
    }

    /** {@code command} or {@code args} of the container, expanded against its environment. */
    static List<String> expanded(JsonNode container, String field, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (JsonNode part : container.path(field)) {
            out.add(expand(part.asText(), env));
        }
        return out;
    }

    /** The container's volume mounts, each with its volume's host directory (and subPath). */
    static List<ContainerSpec.Mount> mounts(JsonNode container, Map<String, Path> volumes) {
        List<ContainerSpec.Mount> out = new ArrayList<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            String path = mount.path("mountPath").asText("");
            Path dir = volumes.get(mount.path("name").asText());
            if (dir != null && !path.isEmpty()) {
                String sub = mount.path("subPath").asText("");
                out.add(new ContainerSpec.Mount(sub.isEmpty() ? dir : dir.resolve(sub), path,
                        mount.path("readOnly").asBoolean(false)));
            }
        }
        return out;
    }

    /** {@code imagePullPolicy}, defaulted as Kubernetes does: Always for {@code :latest} or no tag, else IfNotPresent. */
    static String pullPolicy(JsonNode container) {
        String given = container.path("imagePullPolicy").asText("");
        if (!given.isEmpty()) {
            return given;
        }
        String image = container.path("image").asText("");
        if (image.contains("@")) {
            return "IfNotPresent";
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > slash;
        return !tagged || image.endsWith(":latest") ? "Always" : "IfNotPresent";
    }

    /** {@code resources.limits} as the runtime applies them. */
    static ContainerSpec.Limits limits(JsonNode container) {
        JsonNode limits = container.path("resources").path("limits");
        long cpu = limits.hasNonNull("cpu") ? Quantity.parse(limits.path("cpu").asText()).milliValue() : 0;
        long memory = limits.hasNonNull("memory") ? Quantity.parse(limits.path("memory").asText()).value() : 0;
        return new ContainerSpec.Limits(cpu, memory);
    }

    /** Kubernetes' {@code $(VAR)} expansion: unknown references stay as written, {@code $$} is a dollar. */
    static String expand(String text, Map<String, String> vars) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i++;
            } else if (next == '(') {
                int close = text.indexOf(')', i + 2);
                String name = close < 0 ? null : text.substring(i + 2, close);
                if (name != null && vars.containsKey(name)) {
                    out.append(vars.get(name));
                    i = close;
                } else {
                    out.append(c);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A variable that cannot be set; the container waits with {@code CreateContainerConfigError}. */
    static final class EnvException extends Exception {
        EnvException(String message) {
            super(message);
        }
    }
}
