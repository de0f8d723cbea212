package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.Fields.items;
import static io.kube4j.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code kubectl get services}: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE; wide: SELECTOR. */
final class ServicePrinter implements RowPrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.NAME,
            Column.text("Type", "The type of the service."),
            Column.text("Cluster-IP", "The cluster IP of the service."),
            Column.text("External-IP", "The external IPs of the service."),
            Column.text("Port(s)", "The ports the service exposes."),
            Column.AGE,
            Column.wide("Selector", "Route traffic to pods with labels matching this selector."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode service, Instant now) {
        String clusterIp = text(service, "/spec/clusterIPs/0");
        if (clusterIp.isEmpty()) {
            clusterIp = text(service, "/spec/clusterIP");
        }
        String ports = ports(service);
        return List.of(
                text(service, "/metadata/name"),
                type(service),
                Fields.orNone(clusterIp),
                externalIp(service),
                ports.isEmpty() ? Fields.NONE : ports,
                Fields.age(service, now),
                Fields.formatLabels(service.at("/spec/selector")));
    }

    /** {@code 80/TCP}, or {@code 80:30080/TCP} when a node port is allocated, comma-joined. */
    static String ports(JsonNode service) {
        List<String> pieces = new ArrayList<>();
        for (JsonNode port : items(service, "/spec/ports")) {
            String protocol = text(port, "/protocol").isEmpty() ? "TCP" : text(port, "/protocol");
            long nodePort = port.path("nodePort").asLong(0);
            String number = text(port, "/port");
            pieces.add(nodePort > 0 ? number + ":" + nodePort + "/" + protocol : number + "/" + protocol);
        }
        return String.join(",", pieces);
    }

    private static String type(JsonNode service) {
        String type = text(service, "/spec/type");
        return type.isEmpty() ? "ClusterIP" : type;
    }

    private static String externalIp(JsonNode service) {
        List<String> externalIps = items(service, "/spec/externalIPs").stream().map(JsonNode::asText).toList();
        return switch (type(service)) {
            case "ClusterIP", "NodePort" -> externalIps.isEmpty() ? Fields.NONE : String.join(",", externalIps);
            case "LoadBalancer" -> {
                List<String> all = new ArrayList<>();
                for (JsonNode ingress : items(service, "/status/loadBalancer/ingress")) {
                    String address = text(ingress, "/ip").isEmpty() ? text(ingress, "/hostname") : text(ingress, "/ip");
                    if (!address.isEmpty()) {
                        all.add(address);
                    }
                }
                all.addAll(externalIps);
                yield all.isEmpty() ? "<pending>" : String.join(",", all);
            }
            case "ExternalName" -> text(service, "/spec/externalName");
            default -> "<unknown>";
        };
    }
}
