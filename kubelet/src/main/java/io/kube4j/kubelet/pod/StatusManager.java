package io.kube4j.kubelet.pod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pod statuses through the {@code status} subresource, and only when they changed: it
 * compares with what it sent last and with what the informer already shows. Thread-safe.
 */
final class StatusManager {

    private static final Logger LOG = LoggerFactory.getLogger(StatusManager.class);

    private final ResourceClient<Pod> pods;
    private final Map<String, JsonNode> sent = new ConcurrentHashMap<>();

    StatusManager(ResourceClient<Pod> pods) {
        this.pods = pods;
    }

    void update(Pod pod, ObjectNode status) {
        String uid = pod.metadata().uid();
        if (status.equals(sent.get(uid)) || covers(pod.status(), status)) {
            return;
        }
        ObjectNode patch = Json.object();
        patch.set("status", status);
        try {
            pods.patchStatus(pod.metadata().namespace(), pod.metadata().name(), ResourceClient.MERGE_PATCH, patch);
            sent.put(uid, status);
        } catch (ApiException | java.io.UncheckedIOException e) {
            // gone (404), refused, or no apiserver: the next sync tries again with fresh state
            LOG.debug("pod {}: status not updated: {}", pod.key(), e.getMessage());
        }
    }

    /** True when every field of {@code wanted} is already in {@code current}. */
    private static boolean covers(JsonNode current, JsonNode wanted) {
        var fields = wanted.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().equals(current.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The status last sent for the pod, if any. */
    java.util.Optional<JsonNode> lastSent(String uid) {
        return java.util.Optional.ofNullable(sent.get(uid));
    }

    void forget(String uid) {
        sent.remove(uid);
    }
}
