package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.StatusCause;
import io.kube4j.common.selector.LabelSelector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** ReplicaSets (label-selector form) and ReplicationControllers (map form, defaulted from the template). */
final class ReplicasStrategy implements Strategy {

    enum Selector { LABEL_SELECTOR, MAP }

    private final Selector form;

    ReplicasStrategy(Selector form) {
        this.form = form;
    }

    @Override
    public void defaultOnCreate(ObjectNode object) {
        ObjectNode spec = Nodes.object(object, "spec");
        Nodes.defaultInt(spec, "replicas", 1);
        JsonNode template = spec.get("template");
        if (template instanceof ObjectNode t) {
            PodTemplates.defaults(t);
            if (form == Selector.MAP && (!spec.hasNonNull("selector") || spec.get("selector").isEmpty())) {
                JsonNode labels = t.path("metadata").path("labels");
                if (labels.isObject() && !labels.isEmpty()) {
                    spec.set("selector", labels.deepCopy());
                }
            }
        }
        if (!object.has("status")) {
            object.putObject("status").put("replicas", 0);
        }
    }

    @Override
    public List<StatusCause> validateCreate(ObjectNode object) {
        JsonNode spec = object.path("spec");
        List<StatusCause> causes = new ArrayList<>(WorkloadValidation.replicas(spec));
        if (form == Selector.LABEL_SELECTOR) {
            causes.addAll(WorkloadValidation.selectorAndTemplate(spec, false));
            return causes;
        }
        JsonNode selector = spec.get("selector");
        if (selector == null || !selector.isObject() || selector.isEmpty()) {
            causes.add(StatusCause.required("spec.selector"));
            return causes;
        }
        causes.addAll(Validation.labels("spec.selector", selector));
        if (causes.isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                text.append(text.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue().asText());
            }
            causes.addAll(WorkloadValidation.template(spec, LabelSelector.parse(text.toString()), false));
        }
        return causes;
    }

    @Override
    public List<StatusCause> validateUpdate(ObjectNode object, ObjectNode old) {
        List<StatusCause> causes = new ArrayList<>(validateCreate(object));
        if (form == Selector.LABEL_SELECTOR && !object.path("spec").path("selector").equals(old.path("spec").path("selector"))) {
            causes.add(StatusCause.invalid("spec.selector", object.path("spec").path("selector").toString(), "field is immutable"));
        }
        return causes;
    }
}
