package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** {@code kubectl get resourcequotas}: NAME AGE REQUEST LIMIT, each {@code resource: used/hard}. */
final class ResourceQuotaPrinter implements RowPrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.NAME,
            Column.AGE,
            Column.text("Request", "Usage and hard limit of each quota that is not on limits.*."),
            Column.text("Limit", "Usage and hard limit of each limits.* quota."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode quota, Instant now) {
        List<String> requests = new ArrayList<>();
        List<String> limits = new ArrayList<>();
        JsonNode hard = quota.at("/status/hard");
        TreeSet<String> resources = new TreeSet<>();
        if (hard.isObject()) {
            hard.fieldNames().forEachRemaining(resources::add);
        }
        for (String resource : resources) {
            String used = text(quota.at("/status/used"), "/" + escape(resource));
            String entry = resource + ": " + (used.isEmpty() ? "0" : used) + "/" + text(hard, "/" + escape(resource));
            (resource.startsWith("limits.") ? limits : requests).add(entry);
        }
        return List.of(text(quota, "/metadata/name"), Fields.age(quota, now),
                String.join(", ", requests), String.join(", ", limits));
    }

    /** JSON pointer escaping: resource names such as {@code requests.nvidia.com/gpu} contain '/'. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
