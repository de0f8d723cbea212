package io.kube4j.common.selector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which field paths a field selector may use on each kind, and how each is read from the
 * object's JSON tree, copied from the {@code ToSelectableFields} functions of the Kubernetes
 * registries. Every kind offers {@code metadata.name} and {@code metadata.namespace}.
 *
 * <p>A value the object does not have reads as "", except where Kubernetes reads a Go zero
 * value: booleans read "false" and counters "0".
 */
public final class SelectableFields {

    private static final Map<String, Function<JsonNode, String>> METADATA = Map.of(
            "metadata.name", text("metadata", "name"),
            "metadata.namespace", text("metadata", "namespace"));

    private static final Map<GroupKind, Map<String, Function<JsonNode, String>>> BY_KIND = Map.of(
            new GroupKind("", "Pod"), withMetadata(Map.of(
                    "spec.nodeName", text("spec", "nodeName"),
                    "spec.restartPolicy", text("spec", "restartPolicy"),
                    "spec.schedulerName", text("spec", "schedulerName"),
                    "spec.serviceAccountName", text("spec", "serviceAccountName"),
                    "spec.hostNetwork", bool("spec", "hostNetwork"),
                    "status.phase", text("status", "phase"),
                    "status.podIP", SelectableFields::podIp,
                    "status.nominatedNodeName", text("status", "nominatedNodeName"))),
            new GroupKind("", "Event"), withMetadata(Map.ofEntries(
                    Map.entry("involvedObject.kind", text("involvedObject", "kind")),
                    Map.entry("involvedObject.namespace", text("involvedObject", "namespace")),
                    Map.entry("involvedObject.name", text("involvedObject", "name")),
                    Map.entry("involvedObject.uid", text("involvedObject", "uid")),
                    Map.entry("involvedObject.apiVersion", text("involvedObject", "apiVersion")),
                    Map.entry("involvedObject.resourceVersion", text("involvedObject", "resourceVersion")),
                    Map.entry("involvedObject.fieldPath", text("involvedObject", "fieldPath")),
                    Map.entry("reason", text("reason")),
                    Map.entry("reportingComponent", text("reportingComponent")),
                    Map.entry("source", text("source", "component")),
                    Map.entry("type", text("type")))),
            new GroupKind("", "Secret"), withMetadata(Map.of("type", text("type"))),
            new GroupKind("", "Node"), withMetadata(Map.of("spec.unschedulable", bool("spec", "unschedulable"))),
            new GroupKind("", "Namespace"), withMetadata(Map.of("status.phase", text("status", "phase"))),
            new GroupKind("", "ReplicationController"),
            withMetadata(Map.of("status.replicas", count("status", "replicas"))),
            new GroupKind("apps", "ReplicaSet"), withMetadata(Map.of("status.replicas", count("status", "replicas"))),
            // Kubernetes names the selectable field "successful" but reads status.succeeded.
            new GroupKind("batch", "Job"), withMetadata(Map.of("status.successful", count("status", "succeeded"))));

    private SelectableFields() {
    }

    /** The field paths {@code group}/{@code kind} offers, sorted; "" is the core group. */
    public static Set<String> fields(String group, String kind) {
        return new TreeMap<>(table(group, kind)).keySet();
    }

    /** How to read {@code field} from an object of {@code group}/{@code kind}; empty when the kind has no such field. */
    public static Optional<Function<JsonNode, String>> extractor(String group, String kind, String field) {
        return Optional.ofNullable(table(group, kind).get(field));
    }

    /**
     * Rejects a selector that uses a field the kind does not offer, with Kubernetes' message
     * {@code field label not supported: <field>}; the apiserver answers it with 400.
     *
     * @throws SelectorException for the first unsupported field
     */
    public static void validate(String group, String kind, FieldSelector selector) {
        Map<String, Function<JsonNode, String>> table = table(group, kind);
        for (FieldSelector.Requirement requirement : selector.requirements()) {
            if (!table.containsKey(requirement.field())) {
                throw new SelectorException("field label not supported: " + requirement.field());
            }
        }
    }

    /**
     * Validates {@code selector} for the kind, then returns a test of whole objects (their JSON
     * trees) against it, for filtering lists and watch events.
     *
     * @throws SelectorException when the selector uses a field the kind does not offer
     */
    public static Predicate<JsonNode> matcher(String group, String kind, FieldSelector selector) {
        validate(group, kind, selector);
        if (selector.isEverything()) {
            return object -> true;
        }
        Map<String, Function<JsonNode, String>> table = table(group, kind);
        return object -> selector.matches(field -> table.get(field).apply(object));
    }

    private static Map<String, Function<JsonNode, String>> table(String group, String kind) {
        return BY_KIND.getOrDefault(new GroupKind(group == null ? "" : group, kind), METADATA);
    }

    private static Map<String, Function<JsonNode, String>> withMetadata(Map<String, Function<JsonNode, String>> fields) {
        Map<String, Function<JsonNode, String>> all = new HashMap<>(METADATA);
        all.putAll(fields);
        return Map.copyOf(all);
    }

    private static Function<JsonNode, String> text(String... path) {
        return object -> scalar(at(object, path), "");
    }

    private static Function<JsonNode, String> bool(String... path) {
        return object -> scalar(at(object, path), "false");
    }

    private static Function<JsonNode, String> count(String... path) {
        return object -> scalar(at(object, path), "0");
    }

    /** Kubernetes reads the first of status.podIPs; older writers set only status.podIP. */
    private static String podIp(JsonNode pod) {
        String first = scalar(at(pod, "status", "podIPs").path(0).path("ip"), "");
        return first.isEmpty() ? scalar(at(pod, "status", "podIP"), "") : first;
    }

    private static JsonNode at(JsonNode object, String... path) {
        JsonNode node = object;
        for (String name : path) {
            if (node == null) {
                return null;
            }
            node = node.path(name);
        }
        return node;
    }

    private static String scalar(JsonNode node, String absent) {
        return node == null || !node.isValueNode() || node.isNull() ? absent : node.asText();
    }

    private record GroupKind(String group, String kind) {
    }
}
