package io.kube4j.common.client.informer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceEventHandlerTest {

    @Test
    void onChangeHandsOverTheAddedTheNewAndTheLastKnownState() {
        List<String> seen = new ArrayList<>();
        ResourceEventHandler<String> handler = ResourceEventHandler.onChange(seen::add);
        handler.onAdd("a1");
        handler.onUpdate("a1", "a2");
        handler.onDelete("a2");
        assertThat(seen).containsExactly("a1", "a2", "a2");
    }

    @Test
    void onChangeBothStatesAlsoHandsOverTheStateBeforeAnUpdate() {
        List<String> seen = new ArrayList<>();
        ResourceEventHandler<String> handler = ResourceEventHandler.onChangeBothStates(seen::add);
        handler.onAdd("a1");
        handler.onUpdate("a1", "a2");
        handler.onDelete("a2");
        assertThat(seen).containsExactly("a1", "a1", "a2", "a2");
    }
}
