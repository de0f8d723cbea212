package io.kube4j.scheduler.plugins.nodename;

import static io.kube4j.scheduler.testing.NodeBuilder.node;
import static io.kube4j.scheduler.testing.PodBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.framework.CycleState;
import org.junit.jupiter.api.Test;

class NodeNameTest {

    final NodeName plugin = new NodeName();

    @Test
    void aPodNamingANodeFitsOnlyThatNode() {
        var pod = pod("p").nodeName("a").info();
        assertThat(plugin.filter(new CycleState(), pod, node("a").info()).isSuccess()).isTrue();
        assertThat(plugin.filter(new CycleState(), pod, node("b").info()).reasons())
                .containsExactly("node(s) didn't match the requested node name");
    }

    @Test
    void aPodNamingNoNodeFitsAnyNode() {
        assertThat(plugin.filter(new CycleState(), pod("p").info(), node("b").info()).isSuccess()).isTrue();
    }
}
