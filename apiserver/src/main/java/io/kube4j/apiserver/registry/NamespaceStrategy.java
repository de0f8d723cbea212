package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Namespaces: DNS-1123 label names, the {@code kubernetes} finalizer, phase Active. */
final class NamespaceStrategy implements Strategy {

    @Override
    public void defaultOnCreate(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        if (!spec.has("finalizers")) {
            ArrayNode finalizers = spec.putArray("finalizers");
            finalizers.add("kubernetes");
        }
        ObjectNode status = Nodes.object(object, "status");
        if (!status.has("phase")) {
            status.put("phase", "Active");
        }
    }

    @Override
    public void defaultOnUpdate(ObjectNode object, ObjectNode old) {
        // spec.finalizers only changes through /finalize, as in Kubernetes
        object.set("spec", old.path("spec").deepCopy());
    }

    @Override
    public boolean tracksGeneration() {
        return false;
    }

    @Override
    public NameRule nameRule() {
        return NameRule.LABEL;
    }
}
