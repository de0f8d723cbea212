package io.kube4j.scheduler.core;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.core.Node;
import io.kube4j.scheduler.queue.ClusterEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeEventHandlerTest {

    static Optional<ClusterEvent> change(Node before, Node after) {
        return NodeEventHandler.change(before, after);
    }

    @Test
    void becomingReadyIsAnEvent() {
        assertThat(change(node("n").ready("False").build(), node("n").ready("True").build()))
                .contains(ClusterEvent.NODE_BECAME_READY);
    }

    @Test
    void changesToWhatSchedulingReadsAreEvents() {
        Node base = node("n").build();
        assertThat(change(base, node("n").label("disk", "ssd").build())).contains(ClusterEvent.NODE_CHANGED);
        assertThat(change(base, node("n").taint("k", "v", "NoSchedule").build())).contains(ClusterEvent.NODE_CHANGED);
        assertThat(change(base, node("n").unschedulable().build())).contains(ClusterEvent.NODE_CHANGED);
        assertThat(change(base, node("n").allocatable("8", "8Gi", "110").build())).contains(ClusterEvent.NODE_CHANGED);
    }

    @Test
    void aHeartbeatIsNoEvent() {
        Node before = node("n").build();
        Node after = node("n").build();
        after.metadata().resourceVersion("42");
        after.status().put("heartbeat", "now");
        assertThat(change(before, after)).isEmpty();
    }
}
