package io.kube4j.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeLabelsTest {

    @ParameterizedTest(name = "{0} forbidden: {1}")
    @CsvSource({
            "node-role.kubernetes.io/control-plane, true", "node-restriction.kubernetes.io/pool, true",
            "team.node-restriction.kubernetes.io/x, true", "example.k8s.io/thing, true", "kubernetes.io/custom, true",
            "kubernetes.io/hostname, false", "topology.kubernetes.io/zone, false", "node.kubernetes.io/instance-type, false",
            "kubelet.kubernetes.io/anything, false", "x.node.kubernetes.io/y, false", "disk, false", "example.com/gpu, false",
    })
    void forbidsKubeletsOnlyRestrictedAndUnknownKubernetesLabels(String key, boolean forbidden) {
        assertThat(NodeLabels.forbidden(Set.of(key)).contains(key)).isEqualTo(forbidden);
    }

    @Test
    void findsLabelsAddedChangedAndRemoved() {
        Set<String> modified = NodeLabels.modified(Json.parse("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}"),
                Json.parse("{\"a\":\"1\",\"b\":\"9\",\"d\":\"4\"}"));

        assertThat(modified).containsExactly("b", "c", "d");
    }
}
