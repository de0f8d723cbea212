package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.cache.CachedObject;
import io.kube4j.apiserver.cache.WatchCache;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.common.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Node authorizer's pods, read from the pods watch cache by key prefix and the indexed {@code spec.nodeName}. */
final class NodeAuthorizerPods implements NodeAuthorizer.Pods {

    private final WatchCache cache;
    private final ResourceType pods;
    private final String root;

    NodeAuthorizerPods(WatchCache cache, ResourceType pods, String root) {
        this.cache = cache;
        this.pods = pods;
        this.root = root;
    }

    @Override
    public Optional<JsonNode> get(String namespace, String name) {
        String key = pods.key(root, namespace, name);
        return cache.list(key, o -> o.key().equals(key)).items().stream().findFirst().map(NodeAuthorizerPods::parse);
    }

    @Override
    public List<JsonNode> boundTo(String node, String namespace) {
        List<JsonNode> out = new ArrayList<>();
        for (CachedObject pod : cache.list(pods.namespacePrefix(root, namespace), o -> node.equals(o.fields().get("spec.nodeName"))).items()) {
            out.add(parse(pod));
        }
        return out;
    }

    private static JsonNode parse(CachedObject pod) {
        try {
            return Json.MAPPER.readTree(pod.json());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable pod " + pod.key(), e);
        }
    }
}
