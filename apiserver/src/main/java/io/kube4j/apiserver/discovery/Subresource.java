package io.kube4j.apiserver.discovery;

import io.kube4j.apiserver.registry.ResourceType;
import java.util.List;

/**
 * What discovery says about one subresource: the kind its requests and replies carry and the
 * verbs it serves. kubectl reads these: {@code scale} must name {@code autoscaling/v1 Scale} or
 * {@code kubectl scale} fails; {@code eviction} must name {@code policy/v1 Eviction} or drain
 * deletes pods instead of evicting them.
 *
 * @param group   the group of {@code kind}; null when it is the parent's
 * @param version the version of {@code kind}; null when it is the parent's
 */
record Subresource(String name, String group, String version, String kind, List<String> verbs) {

    private static final List<String> READ_WRITE = List.of("get", "patch", "update");
    private static final List<String> CONNECT = List.of("create", "get");

    static Subresource of(String name, ResourceType parent) {
        String parentKind = parent.kind();
        return switch (name) {
            case "status", "ephemeralcontainers", "resize", "approval" -> same(name, parentKind, READ_WRITE);
            case "scale" -> new Subresource(name, "autoscaling", "v1", "Scale", READ_WRITE);
            case "binding" -> same(name, "Binding", List.of("create"));
            case "eviction" -> new Subresource(name, "policy", "v1", "Eviction", List.of("create"));
            case "log" -> same(name, parentKind, List.of("get"));
            case "finalize" -> same(name, parentKind, List.of("update"));
            case "token" -> new Subresource(name, "authentication.k8s.io", "v1", "TokenRequest", List.of("create"));
            case "exec" -> same(name, "PodExecOptions", CONNECT);
            case "attach" -> same(name, "PodAttachOptions", CONNECT);
            case "portforward" -> same(name, "PodPortForwardOptions", CONNECT);
            case "proxy" -> same(name, parentKind + "ProxyOptions", List.of("create", "delete", "get", "patch", "update"));
            default -> same(name, parentKind, List.of("get"));
        };
    }

    private static Subresource same(String name, String kind, List<String> verbs) {
        return new Subresource(name, null, null, kind, verbs);
    }
}
