package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.StatusCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Deployments: apps/v1 defaults (25% surge/unavailable, history 10, deadline 600 s), matching selector. */
final class DeploymentStrategy implements Strategy {

    @Override
    public void defaultOnCreate(ObjectNode deployment) {
        ObjectNode spec = Nodes.object(deployment, "spec");
        Nodes.defaultInt(spec, "replicas", 1);
        Nodes.defaultInt(spec, "revisionHistoryLimit", 10);
        Nodes.defaultInt(spec, "progressDeadlineSeconds", 600);
        ObjectNode strategy = Nodes.object(spec, "strategy");
        Nodes.defaultText(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
            ObjectNode rolling = Nodes.object(strategy, "rollingUpdate");
            Nodes.defaultText(rolling, "maxUnavailable", "25%");
            Nodes.defaultText(rolling, "maxSurge", "25%");
        }
        if (spec.get("template") instanceof ObjectNode template) {
            PodTemplates.defaults(template);
        }
    }

    @Override
    public List<StatusCause> validateCreate(ObjectNode deployment) {
        JsonNode spec = deployment.path("spec");
        List<StatusCause> causes = new ArrayList<>(WorkloadValidation.replicas(spec));
        causes.addAll(WorkloadValidation.selectorAndTemplate(spec, true));
        String type = spec.path("strategy").path("type").asText("RollingUpdate");
        if (!Set.of("RollingUpdate", "Recreate").contains(type)) {
            causes.add(StatusCause.notSupported("spec.strategy.type", type, "supported values: \"Recreate\", \"RollingUpdate\""));
        }
        return causes;
    }

    @Override
    public List<StatusCause> validateUpdate(ObjectNode deployment, ObjectNode old) {
        List<StatusCause> causes = new ArrayList<>(validateCreate(deployment));
        if (!deployment.path("spec").path("selector").equals(old.path("spec").path("selector"))) {
            causes.add(StatusCause.invalid("spec.selector", deployment.path("spec").path("selector").toString(), "field is immutable"));
        }
        return causes;
    }
}
