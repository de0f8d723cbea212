package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * One RBAC {@code PolicyRule}, matched as Kubernetes' rbac authorizer does: {@code *} matches every
 * verb, group and resource (subresources included), "*&#47;scale" matches the {@code scale}
 * subresource of every resource, an empty {@code resourceNames} matches every name, and a
 * non-resource URL ending in {@code *} matches by prefix. Build rules fluently, like Kubernetes'
 * {@code NewRule}: {@code RbacRule.verbs("get").groups("").resources("pods")}.
 */
public record RbacRule(List<String> verbs, List<String> apiGroups, List<String> resources, List<String> resourceNames,
                       List<String> nonResourceURLs) {

    public static final String ALL = "*";

    public RbacRule {
        verbs = List.copyOf(verbs);
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        resourceNames = List.copyOf(resourceNames);
        nonResourceURLs = List.copyOf(nonResourceURLs);
    }

    public static RbacRule verbs(String... verbs) {
        return new RbacRule(List.of(verbs), List.of(), List.of(), List.of(), List.of());
    }

    public RbacRule groups(String... groups) {
        return new RbacRule(verbs, List.of(groups), resources, resourceNames, nonResourceURLs);
    }

    public RbacRule resources(String... names) {
        return new RbacRule(verbs, apiGroups, List.of(names), resourceNames, nonResourceURLs);
    }

    public RbacRule names(String... names) {
        return new RbacRule(verbs, apiGroups, resources, List.of(names), nonResourceURLs);
    }

    public RbacRule urls(String... urls) {
        return new RbacRule(verbs, apiGroups, resources, resourceNames, List.of(urls));
    }

    /** Whether this rule grants the request. */
    public boolean allows(RequestAttributes request) {
        if (!matchesVerb(request.verb())) {
            return false;
        }
        if (!request.resourceRequest()) {
            return matchesUrl(request.path());
        }
        return matchesGroup(request.apiGroup()) && matchesResource(request.resourceWithSubresource(), request.subresource())
                && matchesName(request.name());
    }

    boolean matchesVerb(String verb) {
        return verbs.contains(ALL) || verbs.contains(verb);
    }

    boolean matchesGroup(String group) {
        return apiGroups.contains(ALL) || apiGroups.contains(group);
    }

    /** @param combined {@code pods} or {@code pods/log} */
    boolean matchesResource(String combined, String subresource) {
        for (String resource : resources) {
            if (resource.equals(ALL) || resource.equals(combined)) {
                return true;
            }
            if (!subresource.isEmpty() && resource.equals("*/" + subresource)) {
                return true;
            }
        }
        return false;
    }

    boolean matchesName(String name) {
        return resourceNames.isEmpty() || resourceNames.contains(name);
    }

    boolean matchesUrl(String path) {
        for (String url : nonResourceURLs) {
            if (url.equals(ALL) || url.equals(path)) {
                return true;
            }
            if (url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** Reads a {@code PolicyRule} of a Role or ClusterRole; absent lists are empty. */
    public static RbacRule fromJson(JsonNode rule) {
        return new RbacRule(strings(rule.path("verbs")), strings(rule.path("apiGroups")), strings(rule.path("resources")),
                strings(rule.path("resourceNames")), strings(rule.path("nonResourceURLs")));
    }

    /** The rule as Kubernetes writes it, without empty lists (apiGroups stays for resource rules). */
    public ObjectNode toJson() {
        ObjectNode rule = Json.object();
        rule.set("verbs", Json.MAPPER.valueToTree(verbs));
        if (nonResourceURLs.isEmpty()) {
            rule.set("apiGroups", Json.MAPPER.valueToTree(apiGroups));
            rule.set("resources", Json.MAPPER.valueToTree(resources));
        } else {
            rule.set("nonResourceURLs", Json.MAPPER.valueToTree(nonResourceURLs));
        }
        if (!resourceNames.isEmpty()) {
            rule.set("resourceNames", Json.MAPPER.valueToTree(resourceNames));
        }
        return rule;
    }

    /** Reads a role's {@code rules}. */
    public static List<RbacRule> listFromJson(JsonNode rules) {
        List<RbacRule> out = new ArrayList<>();
        rules.forEach(rule -> out.add(fromJson(rule)));
        return out;
    }

    /** Kubernetes' compact rendering, used in escalation errors: {@code {APIGroups:[""], Resources:["pods"], Verbs:["get"]}}. */
    public String describe() {
        StringBuilder text = new StringBuilder("{");
        if (!apiGroups.isEmpty()) {
            text.append("APIGroups:").append(quoted(apiGroups)).append(", ");
        }
        if (!resources.isEmpty()) {
            text.append("Resources:").append(quoted(resources)).append(", ");
        }
        if (!resourceNames.isEmpty()) {
            text.append("ResourceNames:").append(quoted(resourceNames)).append(", ");
        }
        if (!nonResourceURLs.isEmpty()) {
            text.append("NonResourceURLs:").append(quoted(nonResourceURLs)).append(", ");
        }
        return text.append("Verbs:").append(quoted(verbs)).append("}").toString();
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(" ", "[", "]"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
