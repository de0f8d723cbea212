package io.kube4j.apiserver.rest;

import io.kube4j.apiserver.cache.CachedObject;
import io.kube4j.apiserver.registry.DeleteOptions;
import io.kube4j.apiserver.registry.ListOptions;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.common.api.meta.StatusException;
import io.kube4j.common.selector.FieldSelector;
import io.kube4j.common.selector.LabelSelector;
import io.kube4j.common.selector.SelectableFields;
import io.kube4j.common.selector.SelectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** Reads list, watch and delete options from query parameters, with Kubernetes' error messages. */
public final class Queries {

    private Queries() {
    }

    /**
     * @param query returns a parameter's value, or null when absent
     * @param name  the object name of a named request ("" for collections): a watch on it is a
     *              watch with {@code metadata.name=<name>}
     */
    public static ListOptions listOptions(Function<String, String> query, String name) {
        LabelSelector labels;
        FieldSelector fields;
        try {
            labels = LabelSelector.parse(value(query, "labelSelector"));
            fields = FieldSelector.parse(value(query, "fieldSelector"));
        } catch (SelectorException e) {
            throw StatusException.badRequest(e.getMessage());
        }
        if (!name.isEmpty()) {
            List<FieldSelector.Requirement> reqs = new ArrayList<>(fields.requirements());
            reqs.add(new FieldSelector.Requirement("metadata.name", FieldSelector.Operator.EQUALS, name));
            fields = FieldSelector.of(reqs);
        }
        int limit = (int) Math.min(Integer.MAX_VALUE, number(query, "limit", 0));
        if (limit < 0) {
            limit = 0;
        }
        long timeout = number(query, "timeoutSeconds", 0);
        return new ListOptions(labels, fields, value(query, "resourceVersion"), limit, value(query, "continue"),
                bool(query, "allowWatchBookmarks"), Math.max(0, timeout));
    }

    /** The selectors as a filter over cached objects; 400 for a field the kind cannot select on. */
    public static Predicate<CachedObject> filter(ResourceType type, ListOptions options) {
        try {
            SelectableFields.validate(type.group(), type.kind(), options.fields());
        } catch (SelectorException e) {
            throw StatusException.badRequest(e.getMessage());
        }
        LabelSelector labels = options.labels();
        FieldSelector fields = options.fields();
        if (labels.isEverything() && fields.isEverything()) {
            return o -> true;
        }
        return o -> labels.matches(o.labels()) && fields.matches(f -> o.fields().getOrDefault(f, ""));
    }

    public static DeleteOptions deleteOptions(Function<String, String> query, com.fasterxml.jackson.databind.JsonNode body) {
        Long grace = null;
        String grq = query.apply("gracePeriodSeconds");
        if (grq != null && !grq.isEmpty()) {
            grace = number(query, "gracePeriodSeconds", 0);
        } else if (body != null && body.hasNonNull("gracePeriodSeconds")) {
            grace = body.get("gracePeriodSeconds").asLong();
        }
        String policy = firstNonEmpty(query.apply("propagationPolicy"), body == null ? null : body.path("propagationPolicy").asText(null));
        if (policy == null || policy.isEmpty()) {
            String orphan = firstNonEmpty(query.apply("orphanDependents"),
                    body == null || !body.has("orphanDependents") ? null : body.path("orphanDependents").asText());
            policy = "true".equals(orphan) ? "Orphan" : "";
        }
        if (!policy.isEmpty() && !List.of("Background", "Foreground", "Orphan").contains(policy)) {
            throw StatusException.badRequest("propagationPolicy: Unsupported value: \"" + policy
                    + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }
        com.fasterxml.jackson.databind.JsonNode pre = body == null ? null : body.path("preconditions");
        String uid = pre == null ? "" : pre.path("uid").asText("");
        String rv = pre == null ? "" : pre.path("resourceVersion").asText("");
        boolean dryRun = "All".equals(query.apply("dryRun"))
                || (body != null && body.path("dryRun").toString().contains("All"));
        return new DeleteOptions(grace, uid, rv, policy, dryRun);
    }

    static String value(Function<String, String> query, String name) {
        String v = query.apply(name);
        return v == null ? "" : v;
    }

    static boolean bool(Function<String, String> query, String name) {
        String v = query.apply(name);
        return "true".equalsIgnoreCase(v) || "1".equals(v);
    }

    static long number(Function<String, String> query, String name, long dflt) {
        String v = query.apply(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw StatusException.badRequest("invalid value for " + name + ": \"" + v + "\": must be an integer");
        }
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }
}
