package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.StatusCause;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs: batch/v1 defaults. Kubernetes generates the selector from the job's uid; the uid is set
 * before strategies run, so the selector and template label use it here too.
 */
final class JobStrategy implements Strategy {

    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";

    @Override
    public void defaultOnCreate(ObjectNode job) {
        ObjectNode spec = Nodes.object(job, "spec");
        Nodes.defaultInt(spec, "parallelism", 1);
        if (!spec.has("completions")) {
            spec.put("completions", 1);
        }
        Nodes.defaultInt(spec, "backoffLimit", 6);
        Nodes.defaultText(spec, "completionMode", "NonIndexed");
        String uid = job.path("metadata").path("uid").asText("");
        if (spec.get("template") instanceof ObjectNode template) {
            PodTemplates.defaults(template);
            ObjectNode templateSpec = Nodes.object(template, "spec");
            if ("Always".equals(templateSpec.path("restartPolicy").asText())) {
                templateSpec.put("restartPolicy", "Never");
            }
            if (!uid.isEmpty() && !spec.path("manualSelector").asBoolean(false)) {
                ObjectNode labels = Nodes.object(Nodes.object(template, "metadata"), "labels");
                labels.put(CONTROLLER_UID, uid);
                labels.put("batch.kubernetes.io/job-name", job.path("metadata").path("name").asText());
                if (!spec.has("selector")) {
                    spec.putObject("selector").putObject("matchLabels").put(CONTROLLER_UID, uid);
                }
            }
        }
    }

    @Override
    public void defaultOnUpdate(ObjectNode job, ObjectNode old) {
        // the generated selector and labels are already in place
    }

    @Override
    public List<StatusCause> validateCreate(ObjectNode job) {
        JsonNode spec = job.path("spec");
        List<StatusCause> causes = new ArrayList<>();
        if (!spec.has("template")) {
            causes.add(StatusCause.required("spec.template"));
            return causes;
        }
        String restart = spec.path("template").path("spec").path("restartPolicy").asText("");
        if (!restart.equals("Never") && !restart.equals("OnFailure")) {
            causes.add(StatusCause.notSupported("spec.template.spec.restartPolicy", restart,
                    "supported values: \"OnFailure\", \"Never\""));
        }
        causes.addAll(PodStrategy.validateSpec(spec.path("template").path("spec"), "spec.template.spec"));
        return causes;
    }

    @Override
    public List<StatusCause> validateUpdate(ObjectNode job, ObjectNode old) {
        List<StatusCause> causes = new ArrayList<>(validateCreate(job));
        if (!job.path("spec").path("template").equals(old.path("spec").path("template"))) {
            causes.add(StatusCause.invalid("spec.template", "", "field is immutable"));
        }
        return causes;
    }
}
