package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults of the pod template embedded in workload kinds: the pod's, minus its status. */
final class PodTemplates {

    private static final PodStrategy POD = new PodStrategy();

    private PodTemplates() {
    }

    static void defaults(ObjectNode template) {
        POD.defaultOnCreate(template);
        template.remove("status");
        if (!template.has("metadata")) {
            template.putObject("metadata");
        }
    }
}
