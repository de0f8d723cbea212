package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.Fields.items;
import static io.kube4j.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code kubectl get endpoints}: NAME ENDPOINTS AGE. */
final class EndpointsPrinter implements RowPrinter {

    private static final int MAX_SHOWN = 3;

    private static final List<Column> COLUMNS = List.of(
            Column.NAME,
            Column.text("Endpoints", "Endpoints of the service (ip:port), the first three of them."),
            Column.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode endpoints, Instant now) {
        return List.of(text(endpoints, "/metadata/name"), format(endpoints), Fields.age(endpoints, now));
    }

    /** {@code ip:port,…} for the first three addresses, then {@code + N more...}; {@code <none>} without subsets. */
    static String format(JsonNode endpoints) {
        List<JsonNode> subsets = items(endpoints, "/subsets");
        if (subsets.isEmpty()) {
            return Fields.NONE;
        }
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (JsonNode subset : subsets) {
            List<JsonNode> addresses = items(subset, "/addresses");
            List<JsonNode> ports = items(subset, "/ports");
            if (ports.isEmpty()) {
                // Headless services may have no ports: list the bare addresses.
                count += addresses.size();
                addresses.forEach(a -> addIfRoom(shown, text(a, "/ip")));
                continue;
            }
            for (JsonNode port : ports) {
                count += addresses.size();
                addresses.forEach(a -> addIfRoom(shown, hostPort(text(a, "/ip"), text(port, "/port"))));
            }
        }
        String list = String.join(",", shown);
        return count > MAX_SHOWN ? list + " + " + (count - MAX_SHOWN) + " more..." : list;
    }

    private static void addIfRoom(List<String> shown, String entry) {
        if (shown.size() < MAX_SHOWN) {
            shown.add(entry);
        }
    }

    private static String hostPort(String ip, String port) {
        return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
