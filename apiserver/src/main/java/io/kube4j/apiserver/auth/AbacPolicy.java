package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One line of an ABAC policy file ({@code abac.authorization.kubernetes.io/v1beta1} {@code Policy}),
 * matched as Kubernetes' ABAC authorizer does: the subject by user and/or group ({@code *} for
 * everyone), read-only requests by every policy and writes only by non-{@code readonly} ones, then
 * namespace, resource and API group for resource requests, or the path ({@code *} or a trailing
 * {@code *} prefix) for the others. An empty field matches nothing, except {@code user}/{@code group}
 * which only have to match when set.
 */
record AbacPolicy(String user, String group, boolean readonly, String apiGroup, String resource, String namespace,
                  String nonResourcePath) {

    static final String API_VERSION = "abac.authorization.kubernetes.io/v1beta1";
    private static final Set<String> READ_ONLY = Set.of("get", "list", "watch");

    /** Parses one policy line; throws {@link IllegalArgumentException} with the reason when it is not a valid policy. */
    static AbacPolicy parse(JsonNode line) {
        if (!line.isObject()) {
            throw new IllegalArgumentException("a policy must be a JSON object");
        }
        if (!API_VERSION.equals(line.path("apiVersion").asText())) {
            throw new IllegalArgumentException("apiVersion must be \"" + API_VERSION + "\"");
        }
        if (!"Policy".equals(line.path("kind").asText())) {
            throw new IllegalArgumentException("kind must be \"Policy\"");
        }
        JsonNode spec = line.path("spec");
        if (!spec.isObject()) {
            throw new IllegalArgumentException("spec is missing");
        }
        AbacPolicy policy = new AbacPolicy(spec.path("user").asText(""), spec.path("group").asText(""),
                spec.path("readonly").asBoolean(false), spec.path("apiGroup").asText(""), spec.path("resource").asText(""),
                spec.path("namespace").asText(""), spec.path("nonResourcePath").asText(""));
        if (policy.user.isEmpty() && policy.group.isEmpty()) {
            throw new IllegalArgumentException("spec.user or spec.group is required");
        }
        return policy;
    }

    boolean matches(RequestAttributes request) {
        if (!subjectMatches(request.user())) {
            return false;
        }
        if (readonly && !READ_ONLY.contains(request.verb())) {
            return false;
        }
        return request.resourceRequest() ? resourceMatches(request) : pathMatches(request.path());
    }

    private boolean subjectMatches(UserInfo subject) {
        boolean userMatches = user.equals("*") || user.equals(subject.name());
        boolean groupMatches = group.equals("*") || subject.groups().contains(group);
        if (!user.isEmpty() && !userMatches || !group.isEmpty() && !groupMatches) {
            return false;
        }
        return !user.isEmpty() || !group.isEmpty();
    }

    private boolean resourceMatches(RequestAttributes request) {
        return (namespace.equals("*") || namespace.equals(request.namespace()))
                && (resource.equals("*") || resource.equals(request.resource()))
                && (apiGroup.equals("*") || apiGroup.equals(request.apiGroup()));
    }

    private boolean pathMatches(String path) {
        return nonResourcePath.equals("*") || nonResourcePath.equals(path)
                || nonResourcePath.endsWith("*") && path.startsWith(nonResourcePath.substring(0, nonResourcePath.length() - 1));
    }
}
