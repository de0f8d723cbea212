package io.kube4j.controllermanager.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.controllermanager.util.Conditions;
import java.time.Instant;
import java.util.Optional;

/** The node lifecycle controller's writes: the Ready condition, NoExecute taints, pod readiness, evictions. */
final class NodeWrites {

    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    static final String NOT_READY = "node.kubernetes.io/not-ready";

    private final ResourceClient<Node> nodes;
    private final ResourceClient<Pod> pods;

    NodeWrites(ApiClient api) {
        this.nodes = new ResourceClient<>(api, Node.KIND);
        this.pods = new ResourceClient<>(api, Pod.KIND);
    }

    static Optional<JsonNode> readyCondition(Node node) {
        for (JsonNode c : node.status().path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    void markUnknown(Node node, Instant now) {
        ObjectNode status = node.status().deepCopy();
        boolean never = readyCondition(node).isEmpty();
        Conditions.set(status, "Ready", "Unknown", never ? "NodeStatusNeverUpdated" : "NodeStatusUnknown",
                "Kubelet stopped posting node status.", now, false);
        ObjectNode patch = Json.object();
        patch.putObject("status").set("conditions", status.get("conditions"));
        nodes.patchStatus("", node.metadata().name(), ResourceClient.MERGE_PATCH, patch);
    }

    /** Makes the node's NoExecute health taint {@code wanted} (null for none); answers the node as written. */
    Node setHealthTaint(Node node, String wanted, Instant now) {
        ArrayNode taints = Json.MAPPER.createArrayNode();
        boolean present = false;
        boolean changed = false;
        for (JsonNode t : node.spec().path("taints")) {
            String key = t.path("key").asText();
            boolean health = (key.equals(UNREACHABLE) || key.equals(NOT_READY)) && t.path("effect").asText().equals("NoExecute");
            if (health && !key.equals(wanted)) {
                changed = true;
                continue;
            }
            present |= health;
            taints.add(t.deepCopy());
        }
        if (wanted != null && !present) {
            taints.addObject().put("key", wanted).put("effect", "NoExecute").put("timeAdded", Conditions.format(now));
            changed = true;
        }
        if (!changed) {
            return node;
        }
        ObjectNode patch = Json.object();
        patch.putObject("metadata").put("resourceVersion", node.metadata().resourceVersion());
        if (taints.isEmpty()) {
            patch.putObject("spec").putNull("taints");
        } else {
            patch.putObject("spec").set("taints", taints);
        }
        return nodes.patch("", node.metadata().name(), ResourceClient.MERGE_PATCH, patch);
    }

    void markPodNotReady(Pod pod, Instant now) {
        ObjectNode status = pod.status().deepCopy();
        Conditions.set(status, "Ready", "False", "NodeNotReady", "the pod's node stopped reporting", now, false);
        ObjectNode patch = Json.object();
        patch.putObject("status").set("conditions", status.get("conditions"));
        try {
            pods.patchStatus(pod.metadata().namespace(), pod.metadata().name(), ResourceClient.MERGE_PATCH, patch);
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    /** Deletes the pod; with {@code force}, at once (its kubelet is gone and would never confirm). */
    void evict(Pod pod, boolean force) {
        ObjectNode options = Json.object();
        options.putObject("preconditions").put("uid", pod.metadata().uid());
        if (force) {
            options.put("gracePeriodSeconds", 0);
        }
        try {
            pods.delete(pod.metadata().namespace(), pod.metadata().name(), options);
        } catch (ApiException e) {
            if (!e.isConflict()) {
                throw e;
            }
        }
    }

    void deleteNode(Node node) {
        nodes.delete("", node.metadata().name());
    }
}
