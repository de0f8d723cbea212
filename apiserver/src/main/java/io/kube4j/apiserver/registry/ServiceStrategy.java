package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.StatusCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Services: DNS-1123 label names, type and port defaults, valid ports. */
final class ServiceStrategy implements Strategy {

    private static final Set<String> TYPES = Set.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");

    @Override
    public void defaultOnCreate(ObjectNode service) {
        ObjectNode spec = Nodes.object(service, "spec");
        Nodes.defaultText(spec, "type", "ClusterIP");
        Nodes.defaultText(spec, "sessionAffinity", "None");
        JsonNode ports = spec.get("ports");
        if (ports != null && ports.isArray()) {
            for (JsonNode p : ports) {
                if (p instanceof ObjectNode port) {
                    Nodes.defaultText(port, "protocol", "TCP");
                    if (!port.hasNonNull("targetPort") && port.has("port")) {
                        port.set("targetPort", port.get("port"));
                    }
                }
            }
        }
        if (!service.has("status")) {
            service.putObject("status").putObject("loadBalancer");
        }
    }

    @Override
    public List<StatusCause> validateCreate(ObjectNode service) {
        List<StatusCause> causes = new ArrayList<>();
        JsonNode spec = service.path("spec");
        String type = Nodes.text(spec, "type");
        if (type != null && !TYPES.contains(type)) {
            causes.add(StatusCause.notSupported("spec.type", type,
                    "supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""));
        }
        JsonNode ports = spec.get("ports");
        if (!"ExternalName".equals(type) && (ports == null || !ports.isArray() || ports.isEmpty())) {
            causes.add(StatusCause.required("spec.ports"));
        } else if (ports != null && ports.isArray()) {
            for (int i = 0; i < ports.size(); i++) {
                JsonNode p = ports.get(i);
                int port = p.path("port").asInt(0);
                if (port < 1 || port > 65535) {
                    causes.add(StatusCause.invalid("spec.ports[" + i + "].port", port, "must be between 1 and 65535, inclusive"));
                }
                if (ports.size() > 1 && (p.path("name").asText("").isEmpty())) {
                    causes.add(StatusCause.required("spec.ports[" + i + "].name"));
                }
            }
        }
        return causes;
    }

    @Override
    public List<StatusCause> validateUpdate(ObjectNode service, ObjectNode old) {
        List<StatusCause> causes = new ArrayList<>(validateCreate(service));
        String oldIp = Nodes.text(old.path("spec"), "clusterIP");
        String newIp = Nodes.text(service.path("spec"), "clusterIP");
        if (oldIp != null && !oldIp.isEmpty() && newIp != null && !oldIp.equals(newIp)) {
            causes.add(StatusCause.invalid("spec.clusterIP", newIp, "field is immutable"));
        }
        return causes;
    }

    @Override
    public void defaultOnUpdate(ObjectNode service, ObjectNode old) {
        defaultOnCreate(service);
        ObjectNode spec = Nodes.object(service, "spec");
        // An update that leaves the allocated address out keeps it, as kubectl apply expects.
        for (String f : List.of("clusterIP", "clusterIPs")) {
            if (!spec.hasNonNull(f) && old.path("spec").hasNonNull(f)) {
                spec.set(f, old.path("spec").get(f).deepCopy());
            }
        }
    }

    @Override
    public NameRule nameRule() {
        return NameRule.LABEL;
    }
}
