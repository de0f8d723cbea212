package io.kube4j.scheduler.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.scheduler.cache.SchedulerCache;
import io.kube4j.scheduler.queue.ClusterEvent;
import io.kube4j.scheduler.queue.SchedulingQueue;
import java.util.Optional;

/**
 * Feeds node changes to the cache, and wakes parked pods when a node is added, becomes Ready,
 * or changes in a way scheduling reads (labels, taints, {@code spec.unschedulable}, allocatable).
 * Heartbeat-only status updates wake nobody.
 */
public final class NodeEventHandler implements ResourceEventHandler<Node> {

    private final SchedulingQueue queue;
    private final SchedulerCache cache;

    public NodeEventHandler(SchedulingQueue queue, SchedulerCache cache) {
        this.queue = queue;
        this.cache = cache;
    }

    @Override
    public void onAdd(Node node) {
        cache.addNode(node);
        queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADDED);
    }

    @Override
    public void onUpdate(Node oldNode, Node newNode) {
        cache.updateNode(newNode);
        change(oldNode, newNode).ifPresent(queue::moveAllToActiveOrBackoff);
    }

    @Override
    public void onDelete(Node lastKnown) {
        cache.removeNode(lastKnown.metadata().name());
    }

    /** What about the node changed that could let a parked pod fit, if anything. */
    static Optional<ClusterEvent> change(Node oldNode, Node newNode) {
        if (!ready(oldNode) && ready(newNode)) {
            return Optional.of(ClusterEvent.NODE_BECAME_READY);
        }
        JsonNode a = oldNode.json();
        JsonNode b = newNode.json();
        boolean changed = !a.path("metadata").path("labels").equals(b.path("metadata").path("labels"))
                || !a.path("spec").equals(b.path("spec"))
                || !a.path("status").path("allocatable").equals(b.path("status").path("allocatable"))
                || !a.path("status").path("capacity").equals(b.path("status").path("capacity"));
        return changed ? Optional.of(ClusterEvent.NODE_CHANGED) : Optional.empty();
    }

    /** Reads the tree without {@link Node#readyStatus()}, which would add an empty status to a cached object. */
    private static boolean ready(Node node) {
        for (JsonNode condition : node.json().path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText().equals("True");
            }
        }
        return false;
    }
}
