package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.auth.UserInfo;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.common.api.meta.StatusException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * NodeRestriction: a kubelet ({@code system:node:<n>} in group {@code system:nodes}) may change
 * only its own Node (without adding restricted labels or changing its taints), the status of
 * pods bound to it, mirror pods bound to it that reference nothing else, and its own Lease in
 * {@code kube-node-lease}. Everyone else passes untouched. Runs in the validating phase, so it
 * judges the object as it will be stored.
 */
final class NodeRestriction implements AdmissionPlugin {

    static final String NODE_PREFIX = "system:node:";
    static final String NODES_GROUP = "system:nodes";
    static final String LEASE_NAMESPACE = "kube-node-lease";

    private final ClusterReader reader;

    NodeRestriction(ClusterReader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return "NodeRestriction";
    }

    /** The node a user speaks for, empty for users that are not kubelets. */
    static Optional<String> nodeName(UserInfo user) {
        if (user == null || !user.name().startsWith(NODE_PREFIX) || !user.groups().contains(NODES_GROUP)) {
            return Optional.empty();
        }
        return Optional.of(user.name().substring(NODE_PREFIX.length()));
    }

    @Override
    public void validate(AdmissionRequest request) {
        Optional<String> node = nodeName(request.user());
        if (node.isEmpty()) {
            return;
        }
        String me = node.get();
        if (me.isEmpty()) {
            throw Rejections.forbidden(request, "could not determine node from user \"" + request.user().name() + "\"");
        }
        ResourceType type = request.type();
        if (type.group().isEmpty() && type.plural().equals("pods")) {
            pod(request, me);
        } else if (type.group().isEmpty() && type.plural().equals("nodes")) {
            node(request, me);
        } else if (type.group().equals("coordination.k8s.io") && type.plural().equals("leases")) {
            lease(request, me);
        }
    }

    private void pod(AdmissionRequest request, String me) {
        AdmissionRequest.Operation op = request.operation();
        switch (request.subresource()) {
            case "" -> {
                if (op == AdmissionRequest.Operation.CREATE) {
                    mirrorPod(request, me);
                } else if (op == AdmissionRequest.Operation.DELETE) {
                    if (!Pods.nodeName(request.oldObject()).equals(me)) {
                        throw deny(request, "node \"" + me + "\" can only delete pods with spec.nodeName set to itself");
                    }
                } else {
                    throw deny(request, "unexpected operation \"" + op + "\", node \"" + me + "\" can only create and delete mirror pods");
                }
            }
            case "status" -> {
                if (!Pods.nodeName(request.oldObject()).equals(me)) {
                    throw deny(request, "node \"" + me + "\" can only update pod status for pods with spec.nodeName set to itself");
                }
                if (!labels(request.object()).equals(labels(request.oldObject()))) {
                    throw deny(request, "node \"" + me + "\" cannot update labels through pod status");
                }
            }
            case "eviction" -> {
                if (!Pods.nodeName(request.oldObject()).equals(me)) {
                    throw deny(request, "node " + me + " can only evict pods with spec.nodeName set to itself");
                }
            }
            default -> throw deny(request, "unexpected pod subresource \"" + request.subresource()
                    + "\", only 'status' and 'eviction' are allowed");
        }
    }

    private void mirrorPod(AdmissionRequest request, String me) {
        ObjectNode pod = request.object();
        if (!Pods.isMirror(pod)) {
            throw deny(request, "pod does not have \"" + Pods.MIRROR_ANNOTATION + "\" annotation, node \"" + me
                    + "\" can only create mirror pods");
        }
        if (!Pods.nodeName(pod).equals(me)) {
            throw deny(request, "node \"" + me + "\" can only create pods with spec.nodeName set to itself");
        }
        JsonNode owners = pod.path("metadata").path("ownerReferences");
        if (owners.size() > 1) {
            throw deny(request, "node \"" + me + "\" can only create pods with a single owner reference set to itself");
        }
        JsonNode owner = owners.path(0);
        if (owners.size() == 0 || !owner.path("apiVersion").asText().equals("v1")
                || !owner.path("kind").asText().equals("Node") || !owner.path("name").asText().equals(me)) {
            throw deny(request, "node \"" + me + "\" can only create pods with an owner reference set to itself");
        }
        if (!owner.path("controller").asBoolean(false)) {
            throw deny(request, "node \"" + me + "\" can only create pods with a controller owner reference set to itself");
        }
        if (owner.path("blockOwnerDeletion").asBoolean(false)) {
            throw deny(request, "node \"" + me + "\" must not set blockOwnerDeletion on an owner reference");
        }
        ObjectNode self = reader.get(reader.type("", "v1", "nodes"), "", me)
                .orElseThrow(() -> StatusException.notFound("nodes", me));
        String uid = self.path("metadata").path("uid").asText();
        if (!owner.path("uid").asText().equals(uid)) {
            throw deny(request, "node " + me + " UID mismatch: expected " + owner.path("uid").asText() + " got " + uid);
        }
        JsonNode spec = pod.path("spec");
        if (!spec.path("serviceAccountName").asText("").isEmpty()) {
            throw deny(request, "node \"" + me + "\" can not create pods that reference a service account");
        }
        if (PodReferences.referencesSecrets(spec)) {
            throw deny(request, "node \"" + me + "\" can not create pods that reference secrets");
        }
        if (PodReferences.referencesConfigMaps(spec)) {
            throw deny(request, "node \"" + me + "\" can not create pods that reference configmaps");
        }
        if (PodReferences.referencesClaims(spec)) {
            throw deny(request, "node \"" + me + "\" can not create pods that reference persistentvolumeclaims");
        }
    }

    private static void node(AdmissionRequest request, String me) {
        if (!me.equals(request.name())) {
            throw deny(request, "node \"" + me + "\" is not allowed to modify node \"" + request.name() + "\"");
        }
        if (request.operation() == AdmissionRequest.Operation.CREATE) {
            Set<String> forbidden = NodeLabels.forbidden(NodeLabels.modified(labels(request.object()), MissingNode.getInstance()));
            if (!forbidden.isEmpty()) {
                throw deny(request, "node \"" + me + "\" is not allowed to set the following labels: " + String.join(", ", forbidden));
            }
        } else if (request.operation() == AdmissionRequest.Operation.UPDATE) {
            JsonNode taints = request.object().path("spec").path("taints");
            if (!Objects.equals(taints, request.oldObject().path("spec").path("taints"))) {
                throw deny(request, "node \"" + me + "\" is not allowed to modify taints");
            }
            Set<String> forbidden = NodeLabels.forbidden(NodeLabels.modified(labels(request.object()), labels(request.oldObject())));
            if (!forbidden.isEmpty()) {
                throw deny(request, "is not allowed to modify labels: " + String.join(", ", forbidden));
            }
        }
    }

    private static void lease(AdmissionRequest request, String me) {
        if (!LEASE_NAMESPACE.equals(request.namespace())) {
            throw deny(request, "can only access leases in the \"" + LEASE_NAMESPACE + "\" system namespace");
        }
        if (!me.equals(request.name())) {
            throw deny(request, "can only access node lease with the same name as the requesting node");
        }
    }

    private static JsonNode labels(JsonNode object) {
        JsonNode labels = object.path("metadata").path("labels");
        return labels.isObject() ? labels : MissingNode.getInstance();
    }

    private static StatusException deny(AdmissionRequest request, String why) {
        return Rejections.forbidden(request, why);
    }
}
