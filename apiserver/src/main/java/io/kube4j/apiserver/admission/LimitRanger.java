package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.common.api.meta.StatusCause;
import io.kube4j.common.api.meta.StatusException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * LimitRanger: the LimitRange objects of a pod's namespace fill in the container requests and
 * limits it leaves out (mutating), then bound them (validating: 403 naming the broken bound).
 * Pods only, on create: their resources cannot change afterwards.
 */
final class LimitRanger implements AdmissionPlugin {

    static final String ANNOTATION = "kubernetes.io/limit-ranger";

    private final ClusterReader reader;

    LimitRanger(ClusterReader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return "LimitRanger";
    }

    @Override
    public void admit(AdmissionRequest request) {
        if (!Pods.isPodWrite(request, AdmissionRequest.Operation.CREATE)) {
            return;
        }
        List<JsonNode> ranges = limitRanges(request);
        if (ranges.isEmpty()) {
            return;
        }
        ObjectNode pod = request.object();
        ObjectNode spec = pod.get("spec") instanceof ObjectNode s ? s : pod.putObject("spec");
        List<String> notes = new ArrayList<>();
        for (JsonNode range : ranges) {
            notes.addAll(quantities(request, () -> LimitRangeRules.applyDefaults(spec,
                    LimitRangeRules.containerDefaults(range.path("spec")))));
        }
        if (!notes.isEmpty()) {
            ObjectNode meta = pod.get("metadata") instanceof ObjectNode m ? m : pod.putObject("metadata");
            ObjectNode annotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
            annotations.put(ANNOTATION, "LimitRanger plugin set: " + String.join("; ", notes));
        }
    }

    @Override
    public void validate(AdmissionRequest request) {
        if (!Pods.isPodWrite(request, AdmissionRequest.Operation.CREATE)) {
            return;
        }
        for (JsonNode range : limitRanges(request)) {
            List<String> errors = quantities(request,
                    () -> LimitRangeRules.violations(range.path("spec"), request.object().path("spec")));
            if (!errors.isEmpty()) {
                throw Rejections.forbidden(request, Rejections.aggregate(errors));
            }
        }
    }

    private List<JsonNode> limitRanges(AdmissionRequest request) {
        ResourceType limitRanges = reader.type("", "v1", "limitranges");
        return new ArrayList<>(reader.list(limitRanges, request.namespace()));
    }

    /** Runs quantity arithmetic, answering 422 for a quantity that does not parse. */
    private static <T> T quantities(AdmissionRequest request, Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw StatusException.invalid(request.type().kind(), request.name(),
                    List.of(StatusCause.invalid("spec", "", e.getMessage())));
        }
    }
}
