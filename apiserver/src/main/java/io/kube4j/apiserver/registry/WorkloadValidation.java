package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.meta.StatusCause;
import io.kube4j.common.selector.LabelSelector;
import io.kube4j.common.selector.SelectorException;
import java.util.ArrayList;
import java.util.List;

/** Checks shared by the kinds that own pods through a template and a selector. */
final class WorkloadValidation {

    private WorkloadValidation() {
    }

    static List<StatusCause> replicas(JsonNode spec) {
        List<StatusCause> causes = new ArrayList<>();
        JsonNode replicas = spec.get("replicas");
        if (replicas != null && !replicas.isNull() && (!replicas.isIntegralNumber() || replicas.asInt() < 0)) {
            causes.add(StatusCause.invalid("spec.replicas", replicas.asText(), "must be greater than or equal to 0"));
        }
        return causes;
    }

    /** An apps-style {@code spec.selector} (matchLabels/matchExpressions) that the template's labels satisfy. */
    static List<StatusCause> selectorAndTemplate(JsonNode spec, boolean templateRequired) {
        List<StatusCause> causes = new ArrayList<>();
        JsonNode selector = spec.get("selector");
        if (selector == null || selector.isNull() || selector.isEmpty()) {
            causes.add(StatusCause.required("spec.selector"));
            return causes;
        }
        LabelSelector parsed;
        try {
            parsed = LabelSelector.fromJson(selector);
        } catch (SelectorException e) {
            causes.add(StatusCause.invalid("spec.selector", selector.toString(), e.getMessage()));
            return causes;
        }
        if (parsed.isEverything()) {
            causes.add(StatusCause.invalid("spec.selector", selector.toString(), "empty selector is invalid for deployment"));
        }
        causes.addAll(template(spec, parsed, templateRequired));
        return causes;
    }

    static List<StatusCause> template(JsonNode spec, LabelSelector selector, boolean required) {
        List<StatusCause> causes = new ArrayList<>();
        JsonNode template = spec.get("template");
        if (template == null || template.isNull()) {
            if (required) {
                causes.add(StatusCause.required("spec.template"));
            }
            return causes;
        }
        JsonNode labels = template.path("metadata").path("labels");
        causes.addAll(Validation.labels("spec.template.metadata.labels", labels));
        if (!selector.isEverything() && !selector.matches(labels)) {
            causes.add(StatusCause.invalid("spec.template.metadata.labels", labels.toString(),
                    "`selector` does not match template `labels`"));
        }
        causes.addAll(PodStrategy.validateSpec(template.path("spec"), "spec.template.spec"));
        return causes;
    }
}
