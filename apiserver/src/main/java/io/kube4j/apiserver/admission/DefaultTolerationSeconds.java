package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DefaultTolerationSeconds: every pod tolerates the not-ready and unreachable NoExecute taints
 * for 300 seconds unless it already says how it tolerates them, so the node lifecycle controller
 * evicts its pods five minutes after a node goes away.
 */
final class DefaultTolerationSeconds implements AdmissionPlugin {

    static final String NOT_READY = "node.kubernetes.io/not-ready";
    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    static final long SECONDS = 300;

    @Override
    public String name() {
        return "DefaultTolerationSeconds";
    }

    @Override
    public void admit(AdmissionRequest request) {
        boolean write = Pods.isPodWrite(request, AdmissionRequest.Operation.CREATE)
                || Pods.isPodWrite(request, AdmissionRequest.Operation.UPDATE);
        if (!write) {
            return;
        }
        ObjectNode spec = request.object().get("spec") instanceof ObjectNode s ? s : request.object().putObject("spec");
        addDefaults(spec);
    }

    /** Adds the two tolerations {@code spec} lacks; a toleration with an empty key or effect covers them too. */
    static void addDefaults(ObjectNode spec) {
        ArrayNode tolerations = spec.get("tolerations") instanceof ArrayNode a ? a : null;
        boolean notReady = false;
        boolean unreachable = false;
        for (JsonNode t : tolerations == null ? spec.arrayNode() : tolerations) {
            String key = t.path("key").asText("");
            String effect = t.path("effect").asText("");
            boolean noExecute = effect.isEmpty() || effect.equals("NoExecute");
            notReady |= noExecute && (key.isEmpty() || key.equals(NOT_READY));
            unreachable |= noExecute && (key.isEmpty() || key.equals(UNREACHABLE));
        }
        if (notReady && unreachable) {
            return;
        }
        if (tolerations == null) {
            tolerations = spec.putArray("tolerations");
        }
        if (!notReady) {
            add(tolerations, NOT_READY);
        }
        if (!unreachable) {
            add(tolerations, UNREACHABLE);
        }
    }

    private static void add(ArrayNode tolerations, String key) {
        ObjectNode t = tolerations.addObject();
        t.put("key", key);
        t.put("operator", "Exists");
        t.put("effect", "NoExecute");
        t.put("tolerationSeconds", SECONDS);
    }
}
