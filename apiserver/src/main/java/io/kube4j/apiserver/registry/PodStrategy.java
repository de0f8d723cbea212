package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.StatusCause;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Pods: Kubernetes' defaults, containers required and well named, a spec that only changes images. */
final class PodStrategy implements Strategy {

    @Override
    public void defaultOnCreate(ObjectNode pod) {
        ObjectNode spec = Nodes.object(pod, "spec");
        Nodes.defaultText(spec, "restartPolicy", "Always");
        Nodes.defaultInt(spec, "terminationGracePeriodSeconds", 30);
        Nodes.defaultText(spec, "dnsPolicy", "ClusterFirst");
        Nodes.defaultText(spec, "schedulerName", "default-scheduler");
        if (!spec.has("securityContext")) {
            spec.putObject("securityContext");
        }
        defaultContainers(spec.get("initContainers"));
        defaultContainers(spec.get("containers"));
        ObjectNode status = Nodes.object(pod, "status");
        Nodes.defaultText(status, "phase", "Pending");
    }

    @Override
    public void defaultOnUpdate(ObjectNode pod, ObjectNode old) {
        ObjectNode spec = Nodes.object(pod, "spec");
        defaultContainers(spec.get("initContainers"));
        defaultContainers(spec.get("containers"));
    }

    private static void defaultContainers(JsonNode containers) {
        if (containers == null || !containers.isArray()) {
            return;
        }
        for (JsonNode c : containers) {
            if (c instanceof ObjectNode container) {
                String image = Nodes.text(container, "image");
                boolean latest = image != null && (!image.contains(":") || image.endsWith(":latest"))
                        && !image.contains("@");
                Nodes.defaultText(container, "imagePullPolicy", latest ? "Always" : "IfNotPresent");
                Nodes.defaultText(container, "terminationMessagePath", "/dev/termination-log");
                Nodes.defaultText(container, "terminationMessagePolicy", "File");
                JsonNode ports = container.get("ports");
                if (ports != null && ports.isArray()) {
                    for (JsonNode p : ports) {
                        if (p instanceof ObjectNode port) {
                            Nodes.defaultText(port, "protocol", "TCP");
                        }
                    }
                }
                if (!container.has("resources")) {
                    container.putObject("resources");
                }
            }
        }
    }

    @Override
    public List<StatusCause> validateCreate(ObjectNode pod) {
        return validateSpec(pod.path("spec"), "spec");
    }

    /** Validates a pod spec at {@code path}; shared with the pod templates of workload kinds. */
    static List<StatusCause> validateSpec(JsonNode spec, String path) {
        List<StatusCause> causes = new ArrayList<>();
        JsonNode containers = spec.get("containers");
        if (containers == null || !containers.isArray() || containers.isEmpty()) {
            causes.add(StatusCause.required(path + ".containers"));
        } else {
            Set<String> names = new HashSet<>();
            validateContainers(spec.get("initContainers"), path + ".initContainers", names, causes);
            validateContainers(containers, path + ".containers", names, causes);
        }
        String restart = Nodes.text(spec, "restartPolicy");
        if (restart != null && !Set.of("Always", "OnFailure", "Never").contains(restart)) {
            causes.add(StatusCause.notSupported(path + ".restartPolicy", restart,
                    "supported values: \"Always\", \"OnFailure\", \"Never\""));
        }
        return causes;
    }

    private static void validateContainers(JsonNode containers, String path, Set<String> names, List<StatusCause> causes) {
        if (containers == null || !containers.isArray()) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            JsonNode c = containers.get(i);
            String at = path + "[" + i + "]";
            String name = Nodes.text(c, "name");
            if (name == null || name.isEmpty()) {
                causes.add(StatusCause.required(at + ".name"));
            } else if (!Validation.isDnsLabel(name)) {
                causes.add(StatusCause.invalid(at + ".name", name, "a lowercase RFC 1123 label must consist of lower"
                        + " case alphanumeric characters or '-', and must start and end with an alphanumeric character"));
            } else if (!names.add(name)) {
                causes.add(StatusCause.duplicate(at + ".name", name));
            }
            String image = Nodes.text(c, "image");
            if (image == null || image.isBlank()) {
                causes.add(StatusCause.required(at + ".image"));
            }
            JsonNode ports = c.get("ports");
            if (ports != null && ports.isArray()) {
                for (int p = 0; p < ports.size(); p++) {
                    int port = ports.get(p).path("containerPort").asInt(0);
                    if (port < 1 || port > 65535) {
                        causes.add(StatusCause.invalid(at + ".ports[" + p + "].containerPort", port,
                                "must be between 1 and 65535, inclusive"));
                    }
                }
            }
        }
    }

    @Override
    public List<StatusCause> validateUpdate(ObjectNode pod, ObjectNode old) {
        List<StatusCause> causes = new ArrayList<>(validateCreate(pod));
        if (!causes.isEmpty()) {
            return causes;
        }
        // Like Kubernetes: a pod's spec is fixed once created, except images, activeDeadlineSeconds,
        // tolerations and terminationGracePeriodSeconds; spec.nodeName only changes through binding.
        ObjectNode a = comparableSpec(pod.path("spec"));
        ObjectNode b = comparableSpec(old.path("spec"));
        if (!a.equals(b)) {
            causes.add(StatusCause.forbidden("spec", "pod updates may not change fields other than"
                    + " `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`,"
                    + " `spec.tolerations` (only additions to existing tolerations) or"
                    + " `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
        }
        return causes;
    }

    private static ObjectNode comparableSpec(JsonNode spec) {
        ObjectNode copy = spec.isObject() ? ((ObjectNode) spec).deepCopy() : new ObjectNode(null);
        copy.remove(List.of("activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds"));
        for (String list : List.of("containers", "initContainers")) {
            JsonNode containers = copy.get(list);
            if (containers != null && containers.isArray()) {
                for (JsonNode c : containers) {
                    if (c instanceof ObjectNode o) {
                        o.remove("image");
                    }
                }
            }
        }
        return copy;
    }

    @Override
    public boolean tracksGeneration() {
        return false;
    }
}
