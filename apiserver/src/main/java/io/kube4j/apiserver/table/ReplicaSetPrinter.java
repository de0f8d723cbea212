package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.Fields.number;
import static io.kube4j.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get replicasets} and {@code replicationcontrollers}: NAME DESIRED CURRENT READY AGE;
 * wide: CONTAINERS IMAGES SELECTOR. A ReplicaSet's selector is a LabelSelector, a
 * ReplicationController's a plain label map.
 */
final class ReplicaSetPrinter implements RowPrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.NAME,
            Column.integer("Desired", "Number of desired pods."),
            Column.integer("Current", "Number of actual replicas."),
            Column.integer("Ready", "The number of ready replicas for this replica set."),
            Column.AGE,
            Column.wide("Containers", "Names of each container in the template."),
            Column.wide("Images", "Images referenced by each container in the template."),
            Column.wide("Selector", "Label query over pods that should match the replica count."));

    private final boolean mapSelector;

    private ReplicaSetPrinter(boolean mapSelector) {
        this.mapSelector = mapSelector;
    }

    static ReplicaSetPrinter replicaSets() {
        return new ReplicaSetPrinter(false);
    }

    static ReplicaSetPrinter replicationControllers() {
        return new ReplicaSetPrinter(true);
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode set, Instant now) {
        List<String> containers = Fields.containersAndImages(set.at("/spec/template/spec"));
        JsonNode selector = set.at("/spec/selector");
        return List.of(
                text(set, "/metadata/name"),
                DeploymentPrinter.desiredReplicas(set),
                number(set, "/status/replicas"),
                number(set, "/status/readyReplicas"),
                Fields.age(set, now),
                containers.get(0),
                containers.get(1),
                mapSelector ? Fields.formatLabels(selector) : Fields.selector(selector));
    }
}
