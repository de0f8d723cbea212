package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.Fields.items;
import static io.kube4j.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@code kubectl get nodes}: NAME STATUS ROLES AGE VERSION; wide: addresses and node info. */
final class NodePrinter implements RowPrinter {

    private static final String ROLE_PREFIX = "node-role.kubernetes.io/";

    private static final List<Column> COLUMNS = List.of(
            Column.NAME,
            Column.text("Status", "The status of the node."),
            Column.text("Roles", "The roles of the node."),
            Column.AGE,
            Column.text("Version", "Kubelet version reported by the node."),
            Column.wide("Internal-IP", "The node's first internal IP address."),
            Column.wide("External-IP", "The node's first external IP address."),
            Column.wide("OS-Image", "OS image reported by the node."),
            Column.wide("Kernel-Version", "Kernel version reported by the node."),
            Column.wide("Container-Runtime", "Container runtime version reported by the node."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode node, Instant now) {
        return List.of(
                text(node, "/metadata/name"),
                status(node),
                roles(node),
                Fields.age(node, now),
                text(node, "/status/nodeInfo/kubeletVersion"),
                address(node, "InternalIP"),
                address(node, "ExternalIP"),
                unknownIfEmpty(text(node, "/status/nodeInfo/osImage")),
                unknownIfEmpty(text(node, "/status/nodeInfo/kernelVersion")),
                unknownIfEmpty(text(node, "/status/nodeInfo/containerRuntimeVersion")));
    }

    /** {@code Ready}, {@code NotReady} (any status but True) or {@code Unknown} (no Ready condition). */
    static String status(JsonNode node) {
        List<String> status = new ArrayList<>();
        items(node, "/status/conditions").stream()
                .filter(c -> "Ready".equals(text(c, "/type")))
                .reduce((first, last) -> last)
                .ifPresent(c -> status.add("True".equals(text(c, "/status")) ? "Ready" : "NotReady"));
        if (status.isEmpty()) {
            status.add("Unknown");
        }
        if (node.at("/spec/unschedulable").asBoolean(false)) {
            status.add("SchedulingDisabled");
        }
        return String.join(",", status);
    }

    /** Roles from {@code node-role.kubernetes.io/<role>} labels and the legacy {@code kubernetes.io/role}. */
    static String roles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        JsonNode labels = node.at("/metadata/labels");
        if (labels.isObject()) {
            for (Map.Entry<String, JsonNode> label : labels.properties()) {
                String key = label.getKey();
                if (key.startsWith(ROLE_PREFIX) && key.length() > ROLE_PREFIX.length()) {
                    roles.add(key.substring(ROLE_PREFIX.length()));
                } else if (key.equals("kubernetes.io/role") && !label.getValue().asText().isEmpty()) {
                    roles.add(label.getValue().asText());
                }
            }
        }
        return roles.isEmpty() ? Fields.NONE : String.join(",", roles);
    }

    private static String address(JsonNode node, String type) {
        return items(node, "/status/addresses").stream()
                .filter(a -> type.equals(text(a, "/type")))
                .map(a -> text(a, "/address"))
                .findFirst()
                .orElse(Fields.NONE);
    }

    private static String unknownIfEmpty(String value) {
        return value.isEmpty() ? "<unknown>" : value;
    }
}
