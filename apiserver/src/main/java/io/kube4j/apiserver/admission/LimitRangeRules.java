package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.core.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The arithmetic of LimitRange items over a pod spec, free of I/O: which requests and limits a
 * {@code Container} item fills in, and which {@code min}, {@code max} and
 * {@code maxLimitRequestRatio} bounds a pod breaks (Kubernetes' messages, word for word).
 */
final class LimitRangeRules {

    private LimitRangeRules() {
    }

    /** What a LimitRange's Container items fill in, as Kubernetes defaults an item (default ← max, defaultRequest ← default ← min). */
    record Defaults(Map<String, Quantity> limits, Map<String, Quantity> requests) {
    }

    static Defaults containerDefaults(JsonNode limitRangeSpec) {
        Map<String, Quantity> limits = new TreeMap<>();
        Map<String, Quantity> requests = new TreeMap<>();
        for (JsonNode item : limitRangeSpec.path("limits")) {
            if (!item.path("type").asText().equals("Container")) {
                continue;
            }
            Map<String, Quantity> itemLimits = new TreeMap<>(Quantities.list(item.path("max"), "max"));
            itemLimits.putAll(Quantities.list(item.path("default"), "default"));
            Map<String, Quantity> itemRequests = new TreeMap<>(Quantities.list(item.path("min"), "min"));
            itemRequests.putAll(itemLimits);
            itemRequests.putAll(Quantities.list(item.path("defaultRequest"), "defaultRequest"));
            itemLimits.forEach(limits::putIfAbsent);
            itemRequests.forEach(requests::putIfAbsent);
        }
        return new Defaults(limits, requests);
    }

    /**
     * Fills in the requests and limits a container lacks; a resource whose limit the user set gets
     * that limit as its request, as pod defaulting does. Returns what was set, for the
     * {@code kubernetes.io/limit-ranger} annotation ("cpu, memory request for container main").
     */
    static List<String> applyDefaults(ObjectNode spec, Defaults defaults) {
        List<String> notes = new ArrayList<>();
        fill(spec.get("initContainers"), defaults, "init container", notes);
        fill(spec.get("containers"), defaults, "container", notes);
        return notes;
    }

    private static void fill(JsonNode containers, Defaults defaults, String what, List<String> notes) {
        if (containers == null || !containers.isArray()) {
            return;
        }
        for (JsonNode c : containers) {
            if (!(c instanceof ObjectNode container)) {
                continue;
            }
            ObjectNode resources = child(container, "resources");
            boolean hadLimits = resources.has("limits");
            boolean hadRequests = resources.has("requests");
            ObjectNode limits = child(resources, "limits");
            ObjectNode requests = child(resources, "requests");
            List<String> setLimits = new ArrayList<>();
            List<String> setRequests = new ArrayList<>();
            for (Map.Entry<String, Quantity> e : defaults.requests().entrySet()) {
                if (!requests.has(e.getKey())) {
                    requests.put(e.getKey(), limits.has(e.getKey()) ? limits.get(e.getKey()).asText() : e.getValue().toString());
                    setRequests.add(e.getKey());
                }
            }
            for (Map.Entry<String, Quantity> e : defaults.limits().entrySet()) {
                if (!limits.has(e.getKey())) {
                    limits.put(e.getKey(), e.getValue().toString());
                    setLimits.add(e.getKey());
                }
            }
            String name = container.path("name").asText("");
            if (!setRequests.isEmpty()) {
                notes.add(String.join(", ", setRequests) + " request for " + what + " " + name);
            }
            if (!setLimits.isEmpty()) {
                notes.add(String.join(", ", setLimits) + " limit for " + what + " " + name);
            }
            if (!hadLimits && limits.isEmpty()) {
                resources.remove("limits");
            }
            if (!hadRequests && requests.isEmpty()) {
                resources.remove("requests");
            }
        }
    }

    private static ObjectNode child(ObjectNode parent, String field) {
        return parent.get(field) instanceof ObjectNode o ? o : parent.putObject(field);
    }

    /** Every bound of {@code limitRangeSpec} that the pod breaks, in Kubernetes' words; empty when it fits. */
    static List<String> violations(JsonNode limitRangeSpec, JsonNode podSpec) {
        List<String> errors = new ArrayList<>();
        for (JsonNode item : limitRangeSpec.path("limits")) {
            String type = item.path("type").asText();
            if (type.equals("Container")) {
                for (String list : List.of("initContainers", "containers")) {
                    for (JsonNode c : podSpec.path(list)) {
                        JsonNode resources = c.path("resources");
                        check(item, "Container", Quantities.list(resources.path("requests"), "requests"),
                                Quantities.list(resources.path("limits"), "limits"), errors);
                    }
                }
            } else if (type.equals("Pod")) {
                check(item, "Pod", podTotal(podSpec, "requests"), podTotal(podSpec, "limits"), errors);
            }
        }
        return errors;
    }

    /** The pod's effective amount: the sum over its containers, or the largest init container when that is more. */
    static Map<String, Quantity> podTotal(JsonNode podSpec, String field) {
        Map<String, BigDecimal> sum = new LinkedHashMap<>();
        for (JsonNode c : podSpec.path("containers")) {
            Quantities.list(c.path("resources").path(field), field).forEach((r, q) -> sum.merge(r, q.amount(), BigDecimal::add));
        }
        for (JsonNode c : podSpec.path("initContainers")) {
            Quantities.list(c.path("resources").path(field), field).forEach((r, q) -> sum.merge(r, q.amount(), BigDecimal::max));
        }
        Map<String, Quantity> out = new TreeMap<>();
        sum.forEach((r, amount) -> out.put(r, Quantity.parse(Quantities.format(amount, Quantities.isBytes(r)))));
        return out;
    }

    private static void check(JsonNode item, String kind, Map<String, Quantity> requests, Map<String, Quantity> limits,
                              List<String> errors) {
        Quantities.list(item.path("min"), "min").forEach((r, min) -> {
            Quantity req = requests.get(r);
            Quantity lim = limits.get(r);
            String prefix = "minimum " + r + " usage per " + kind + " is " + min;
            if (req == null) {
                errors.add(prefix + ".  No request is specified");
            } else if (req.compareTo(min) < 0) {
                errors.add(prefix + ", but request is " + req);
            } else if (lim != null && lim.compareTo(min) < 0) {
                errors.add(prefix + ", but limit is " + lim);
            }
        });
        Quantities.list(item.path("max"), "max").forEach((r, max) -> {
            Quantity req = requests.get(r);
            Quantity lim = limits.get(r);
            String prefix = "maximum " + r + " usage per " + kind + " is " + max;
            if (lim == null) {
                errors.add(prefix + ".  No limit is specified");
            } else if (lim.compareTo(max) > 0) {
                errors.add(prefix + ", but limit is " + lim);
            } else if (req != null && req.compareTo(max) > 0) {
                errors.add(prefix + ", but request is " + req);
            }
        });
        Quantities.list(item.path("maxLimitRequestRatio"), "maxLimitRequestRatio").forEach((r, ratio) -> {
            Quantity req = requests.get(r);
            Quantity lim = limits.get(r);
            String prefix = r + " max limit to request ratio per " + kind + " is " + ratio;
            if (req == null || req.isZero()) {
                errors.add(prefix + ", but no request is specified or request is 0");
            } else if (lim == null || lim.isZero()) {
                errors.add(prefix + ", but no limit is specified or limit is 0");
            } else {
                BigDecimal observed = lim.amount().divide(req.amount(), MathContext.DECIMAL64);
                if (observed.compareTo(ratio.amount()) > 0) {
                    errors.add(prefix + ", but provided ratio is " + String.format(java.util.Locale.ROOT, "%f", observed.doubleValue()));
                }
            }
        });
    }
}
