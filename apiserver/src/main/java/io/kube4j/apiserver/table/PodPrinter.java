package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.Fields.items;
import static io.kube4j.apiserver.table.Fields.orNone;
import static io.kube4j.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get pods}: NAME READY STATUS RESTARTS AGE; wide: IP NODE NOMINATED NODE READINESS GATES. */
final class PodPrinter implements RowPrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.NAME,
            Column.text("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            Column.text("Status", "The aggregate status of the containers in this pod."),
            Column.integer("Restarts", "The number of times the containers in this pod have been restarted."),
            Column.AGE,
            Column.wide("IP", "IP address allocated to the pod."),
            Column.wide("Node", "Name of the node the pod is assigned to."),
            Column.wide("Nominated Node", "Name of the node where the pod is nominated to run."),
            Column.wide("Readiness Gates", "Pod readiness gates and how many of them are true."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode pod, Instant now) {
        PodStatus status = PodStatus.of(pod);
        String ip = text(pod, "/status/podIPs/0/ip");
        if (ip.isEmpty()) {
            ip = text(pod, "/status/podIP");
        }
        return List.of(
                text(pod, "/metadata/name"),
                status.ready() + "/" + status.total(),
                status.reason(),
                status.restarts(),
                Fields.age(pod, now),
                orNone(ip),
                orNone(text(pod, "/spec/nodeName")),
                orNone(text(pod, "/status/nominatedNodeName")),
                readinessGates(pod));
    }

    /** {@code true/total} over spec.readinessGates, judged by the pod's conditions. */
    private static String readinessGates(JsonNode pod) {
        List<JsonNode> gates = items(pod, "/spec/readinessGates");
        if (gates.isEmpty()) {
            return Fields.NONE;
        }
        List<JsonNode> conditions = items(pod, "/status/conditions");
        long trueGates = gates.stream()
                .map(gate -> text(gate, "/conditionType"))
                .filter(type -> conditions.stream()
                        .filter(c -> type.equals(text(c, "/type")))
                        .findFirst()
                        .map(c -> "True".equals(text(c, "/status")))
                        .orElse(false))
                .count();
        return trueGates + "/" + gates.size();
    }
}
