package io.kube4j.controllermanager.replication;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.ReplicationController;
import io.kube4j.common.selector.LabelSelector;
import io.kube4j.controllermanager.Controller;
import io.kube4j.controllermanager.replicaset.ReplicaSetController;
import io.kube4j.controllermanager.replicaset.ReplicatedKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The replication controller: the ReplicaSet logic over core/v1 ReplicationControllers, whose
 * selector is a plain label map (defaulting to the template's labels).
 */
public final class ReplicationControllers {

    private ReplicationControllers() {
    }

    public static Controller controller() {
        return new ReplicaSetController<>(new ReplicatedKind<>("replicationcontroller", ReplicationController.KIND,
                ReplicationControllers::selector));
    }

    static LabelSelector selector(ReplicationController rc) {
        JsonNode selector = rc.spec().path("selector");
        if (selector.isMissingNode() || selector.isEmpty()) {
            selector = rc.spec().path("template").path("metadata").path("labels");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        selector.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return LabelSelector.fromLabels(labels);
    }
}
