package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.meta.StatusCause;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' checks of an object's metadata: the JSON type of each field (what its typed decoding refuses),
 * the name, the generateName prefix, labels and annotations.
 */
final class MetaValidation {

    private static final List<String> STRINGS = List.of("name", "generateName", "namespace", "selfLink", "uid",
            "resourceVersion", "creationTimestamp", "deletionTimestamp");
    private static final List<String> INTEGERS = List.of("generation", "deletionGracePeriodSeconds");
    private static final List<String> OBJECT_LISTS = List.of("ownerReferences", "managedFields");

    private MetaValidation() {
    }

    static List<StatusCause> validate(JsonNode meta, Strategy.NameRule rule) {
        List<StatusCause> causes = new ArrayList<>(types(meta));
        JsonNode name = meta.path("name");
        if (name.isMissingNode() || name.isNull() || name.isTextual()) {
            causes.addAll(Validation.name("metadata.name", name.asText(""), rule));
        }
        if (meta.path("generateName").isTextual()) {
            causes.addAll(generateName(meta.path("generateName").asText(), rule));
        }
        causes.addAll(Validation.labels("metadata.labels", meta.get("labels")));
        causes.addAll(Validation.annotations("metadata.annotations", meta.get("annotations")));
        return causes;
    }

    /** Refuses (422) metadata fields of the wrong JSON type, before the server overwrites any of them. */
    static void checkTypes(String kind, JsonNode meta) {
        List<StatusCause> causes = types(meta);
        if (!causes.isEmpty()) {
            throw io.kube4j.common.api.meta.StatusException.invalid(kind, meta.path("name").asText(""), causes);
        }
    }

    /** Fields whose JSON type is not the one ObjectMeta declares; null stands for absent, as in Kubernetes. */
    static List<StatusCause> types(JsonNode meta) {
        List<StatusCause> causes = new ArrayList<>();
        for (String field : STRINGS) {
            JsonNode v = meta.path(field);
            if (present(v) && !v.isTextual()) {
                causes.add(typeCause(field, v, "string"));
            }
        }
        for (String field : INTEGERS) {
            JsonNode v = meta.path(field);
            if (present(v) && !(v.isIntegralNumber() && v.canConvertToLong())) {
                causes.add(typeCause(field, v, "integer"));
            }
        }
        JsonNode finalizers = meta.path("finalizers");
        if (present(finalizers) && !(finalizers.isArray() && allMatch(finalizers, JsonNode::isTextual))) {
            causes.add(typeCause("finalizers", finalizers, "list of strings"));
        }
        for (String field : OBJECT_LISTS) {
            JsonNode v = meta.path(field);
            if (present(v) && !(v.isArray() && allMatch(v, JsonNode::isObject))) {
                causes.add(typeCause(field, v, "list of objects"));
            }
        }
        return causes;
    }

    /**
     * A generateName prefix is checked like a name whose trailing dash is masked, as Kubernetes does: an
     * over-long prefix is refused even though the generated name itself would only use its first 58 characters.
     */
    static List<StatusCause> generateName(String prefix, Strategy.NameRule rule) {
        if (prefix.isEmpty()) {
            return List.of();
        }
        String masked = prefix.length() > 1 && prefix.endsWith("-") ? prefix.substring(0, prefix.length() - 1) + "a" : prefix;
        if (rule == Strategy.NameRule.PATH_SEGMENT) {
            return masked.contains("/") || masked.contains("%")
                    ? List.of(StatusCause.invalid("metadata.generateName", prefix, "may not contain '/' or '%'")) : List.of();
        }
        List<StatusCause> causes = new ArrayList<>();
        for (StatusCause cause : Validation.name("metadata.generateName", masked, rule)) {
            String detail = cause.message().substring(("Invalid value: \"" + masked + "\": ").length());
            causes.add(StatusCause.invalid("metadata.generateName", prefix, detail));
        }
        return causes;
    }

    private static boolean present(JsonNode v) {
        return !v.isMissingNode() && !v.isNull();
    }

    private static boolean allMatch(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode item : array) {
            if (!test.test(item)) {
                return false;
            }
        }
        return true;
    }

    private static StatusCause typeCause(String field, JsonNode value, String expected) {
        String shown = value.toString();
        return StatusCause.invalid("metadata." + field, shown.length() > 64 ? shown.substring(0, 64) + "..." : shown,
                "must be a " + expected);
    }
}
