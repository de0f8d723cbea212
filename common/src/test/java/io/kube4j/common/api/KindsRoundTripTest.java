package io.kube4j.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.apps.Deployment;
import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.api.coordination.Lease;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.core.Endpoints;
import io.kube4j.common.api.core.Event;
import io.kube4j.common.api.core.Namespace;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.ReplicationController;
import io.kube4j.common.api.core.ResourceQuota;
import io.kube4j.common.api.core.Secret;
import io.kube4j.common.api.core.Service;
import io.kube4j.common.api.core.ServiceAccount;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every typed kind keeps fields it does not model through read, copy, change and write. */
class KindsRoundTripTest {

    static Stream<Kind<?>> kinds() {
        return Stream.of(Pod.KIND, Node.KIND, Service.KIND, Endpoints.KIND, Namespace.KIND, ConfigMap.KIND, Secret.KIND,
                ServiceAccount.KIND, Event.KIND, ReplicationController.KIND, ResourceQuota.KIND, ReplicaSet.KIND,
                Deployment.KIND, Lease.KIND);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void readModifyWriteKeepsUnknownFields(Kind<?> kind) {
        String json = """
                {"apiVersion":"%s","kind":"%s",
                 "metadata":{"name":"x","namespace":"ns","labels":{"a":"b"},"futureMeta":{"deep":[1,2,{"k":"v"}]}},
                 "spec":{"someFieldFromTheFuture":{"nested":true},"list":[{"name":"c","extra":42}]},
                 "status":{"conditions":[{"type":"Ready","status":"True","unknown":"kept"}]},
                 "topLevelUnknown":"kept"}
                """.formatted(kind.apiVersion(), kind.kind());
        ObjectNode original = (ObjectNode) Json.parse(json);
        KubeObject object = kind.wrap(original.deepCopy());

        KubeObject copy = object.deepCopy();
        copy.metadata().label("changed", "yes");

        ObjectNode written = (ObjectNode) Json.parse(Json.string(copy.json()));
        ObjectNode expected = original.deepCopy();
        ((ObjectNode) expected.path("metadata").path("labels")).put("changed", "yes");
        assertThat(written).isEqualTo(expected);
        assertThat(object.json()).as("the copy is independent").isEqualTo(original);
        assertThat(copy.key()).isEqualTo(kind.namespaced() ? "ns/x" : "ns/x");
        assertThat(copy.getClass()).isEqualTo(object.getClass());
        assertThat(kind.path("ns", "x", "status")).endsWith("/" + kind.plural() + "/x/status");
    }
}
