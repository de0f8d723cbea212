package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Mode {@code Node}: what a kubelet ({@code system:node:<n>} in group {@code system:nodes}) may do
 * to the objects of its own node and of the pods bound to it. It allows those requests, denies the
 * same kinds of request aimed at other nodes' objects (the {@code system:node} RBAC role would
 * otherwise grant them) and has no opinion on anything else, so RBAC decides (services, endpoints,
 * events, discovery). Checks on the written content (a node creating only its own Node and mirror
 * pods) are NodeRestriction admission's.
 */
final class NodeAuthorizer implements Authorizer {

    static final String NODES_GROUP = "system:nodes";
    static final String NODE_USER_PREFIX = "system:node:";
    static final String LEASE_NAMESPACE = "kube-node-lease";
    private static final Set<String> READS = Set.of("get", "list", "watch");
    private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete", "deletecollection");
    private static final Set<String> REFERENCED = Set.of("secrets", "configmaps", "persistentvolumeclaims", "serviceaccounts");

    /** The pods the authorizer reads; from the pods watch cache in the server. */
    interface Pods {
        /** The pod, if it exists. */
        Optional<JsonNode> get(String namespace, String name);

        /** The pods of {@code namespace} whose {@code spec.nodeName} is {@code node}. */
        List<JsonNode> boundTo(String node, String namespace);
    }

    private final Pods pods;

    NodeAuthorizer(Pods pods) {
        this.pods = pods;
    }

    /** The node of a kubelet identity, or empty for every other user. */
    static Optional<String> nodeOf(UserInfo user) {
        if (!user.groups().contains(NODES_GROUP) || !user.name().startsWith(NODE_USER_PREFIX)) {
            return Optional.empty();
        }
        String node = user.name().substring(NODE_USER_PREFIX.length());
        return node.isEmpty() ? Optional.empty() : Optional.of(node);
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        Optional<String> node = nodeOf(request.user());
        if (node.isEmpty() || !request.resourceRequest()) {
            return Decision.NO_OPINION;
        }
        if (request.apiGroup().equals("coordination.k8s.io") && request.resource().equals("leases")
                && request.namespace().equals(LEASE_NAMESPACE)) {
            return lease(request, node.get());
        }
        if (!request.apiGroup().isEmpty()) {
            return Decision.NO_OPINION;
        }
        if (REFERENCED.contains(request.resource()) && request.subresource().isEmpty()) {
            return referenced(request, node.get());
        }
        return switch (request.resource()) {
            case "nodes" -> node(request, node.get());
            case "pods" -> pod(request, node.get());
            case "events" -> request.verb().equals("create") || request.verb().equals("patch")
                    ? Decision.allow("Node: events of node '" + node.get() + "'") : Decision.NO_OPINION;
            default -> Decision.NO_OPINION;
        };
    }

    private static Decision node(RequestAttributes request, String node) {
        String sub = request.subresource();
        if (!sub.isEmpty() && !sub.equals("status")) {
            return Decision.NO_OPINION;
        }
        String verb = request.verb();
        if (READS.contains(verb) || verb.equals("create") && sub.isEmpty()) {
            return Decision.allow("Node: nodes are readable by every node");
        }
        if (request.name().equals(node) && (verb.equals("update") || verb.equals("patch"))) {
            return Decision.allow("Node: node '" + node + "' updates itself");
        }
        if (WRITES.contains(verb) && !request.name().equals(node)) {
            return Decision.deny("node '" + node + "' cannot modify node '" + request.name() + "'");
        }
        return Decision.NO_OPINION;
    }

    private Decision pod(RequestAttributes request, String node) {
        String verb = request.verb();
        String sub = request.subresource();
        if (sub.isEmpty() && (verb.equals("list") || verb.equals("watch") || verb.equals("create"))) {
            return Decision.allow("Node: pods of node '" + node + "'");
        }
        boolean ofOnePod = switch (sub) {
            case "" -> verb.equals("get") || verb.equals("delete");
            case "status" -> verb.equals("get") || verb.equals("update") || verb.equals("patch");
            case "eviction" -> verb.equals("create");
            default -> false;
        };
        if (!ofOnePod) {
            return Decision.NO_OPINION;
        }
        Optional<JsonNode> pod = pods.get(request.namespace(), request.name());
        if (pod.isEmpty()) {
            // nothing to protect: let the request find out that the pod does not exist (404)
            return Decision.allow("Node: no such pod");
        }
        if (node.equals(pod.get().path("spec").path("nodeName").asText(""))) {
            return Decision.allow("Node: pod is bound to node '" + node + "'");
        }
        return Decision.deny(noRelationship(node));
    }

    private Decision referenced(RequestAttributes request, String node) {
        if (request.verb().equals("get")) {
            for (JsonNode pod : pods.boundTo(node, request.namespace())) {
                if (NodeAuthorizerReferences.of(pod, request.resource()).contains(request.name())) {
                    return Decision.allow("Node: referenced by a pod bound to node '" + node + "'");
                }
            }
        }
        return Decision.deny(noRelationship(node));
    }

    private static Decision lease(RequestAttributes request, String node) {
        if (request.name().equals(node) || request.verb().equals("create") && request.name().isEmpty()) {
            return Decision.allow("Node: lease of node '" + node + "'");
        }
        if (WRITES.contains(request.verb())) {
            return Decision.deny("node '" + node + "' cannot modify the lease of another node");
        }
        return Decision.NO_OPINION;
    }

    private static String noRelationship(String node) {
        return "no relationship found between node '" + node + "' and this object";
    }
}
