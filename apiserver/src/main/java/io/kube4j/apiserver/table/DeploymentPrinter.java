package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.Fields.number;
import static io.kube4j.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get deployments}: NAME READY UP-TO-DATE AVAILABLE AGE; wide: CONTAINERS IMAGES SELECTOR. */
final class DeploymentPrinter implements RowPrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.NAME,
            Column.text("Ready", "Number of the pod with ready state"),
            Column.integer("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
            Column.integer("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
            Column.AGE,
            Column.wide("Containers", "Names of each container in the template."),
            Column.wide("Images", "Images referenced by each container in the template."),
            Column.wide("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode deployment, Instant now) {
        List<String> containers = Fields.containersAndImages(deployment.at("/spec/template/spec"));
        return List.of(
                text(deployment, "/metadata/name"),
                ready(deployment),
                number(deployment, "/status/updatedReplicas"),
                number(deployment, "/status/availableReplicas"),
                Fields.age(deployment, now),
                containers.get(0),
                containers.get(1),
                Fields.selector(deployment.at("/spec/selector")));
    }

    /** {@code status.readyReplicas/spec.replicas}; an unset spec.replicas means the default, 1. */
    static String ready(JsonNode deployment) {
        return number(deployment, "/status/readyReplicas") + "/" + desiredReplicas(deployment);
    }

    static long desiredReplicas(JsonNode workload) {
        JsonNode replicas = workload.at("/spec/replicas");
        return replicas.isNumber() ? replicas.asLong() : 1;
    }
}
