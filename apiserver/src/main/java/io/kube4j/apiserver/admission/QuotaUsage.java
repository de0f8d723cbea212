package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.Quantity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an object costs against a ResourceQuota, free of I/O: which resource a quota name counts
 * ({@code pods}, {@code requests.cpu}, {@code count/deployments.apps}, …), and how much of it
 * one object uses.
 */
final class QuotaUsage {

    /** Names that count objects of the resource of the same name. */
    private static final Set<String> OBJECT_COUNTS = Set.of("pods", "services", "configmaps", "secrets",
            "replicationcontrollers", "resourcequotas", "persistentvolumeclaims");
    /** Pod compute resources that may be named bare, meaning their request. */
    private static final Set<String> BARE_COMPUTE = Set.of("cpu", "memory", "ephemeral-storage");
    /** Quota names that oblige every container to state the resource (as a request, or a limit it defaults from). */
    private static final Set<String> REQUIRED = Set.of("cpu", "memory", "requests.cpu", "requests.memory",
            "limits.cpu", "limits.memory");

    private QuotaUsage() {
    }

    /** The resource ({@code pods}, {@code deployments.apps}) whose objects quota resource {@code name} counts. */
    static Optional<String> countedResource(String name) {
        if (name.startsWith("count/")) {
            return Optional.of(name.substring("count/".length()));
        }
        if (OBJECT_COUNTS.contains(name)) {
            return Optional.of(name);
        }
        if (name.equals("services.loadbalancers") || name.equals("services.nodeports")) {
            return Optional.of("services");
        }
        if (BARE_COMPUTE.contains(name)) {
            return Optional.of("pods");
        }
        if (name.startsWith("requests.") || name.startsWith("limits.")) {
            String resource = name.substring(name.indexOf('.') + 1);
            boolean storage = resource.equals("storage") || resource.contains(".storageclass.storage.k8s.io/");
            return Optional.of(storage ? "persistentvolumeclaims" : "pods");
        }
        return Optional.empty();
    }

    /** How much of quota resource {@code name} one object uses; {@code name} counts the object's resource. */
    static BigDecimal usage(String name, JsonNode object) {
        JsonNode spec = object.path("spec");
        if (name.equals("services.loadbalancers")) {
            return spec.path("type").asText().equals("LoadBalancer") ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (name.equals("services.nodeports")) {
            String type = spec.path("type").asText();
            boolean exposed = type.equals("NodePort") || type.equals("LoadBalancer");
            return exposed ? BigDecimal.valueOf(spec.path("ports").size()) : BigDecimal.ZERO;
        }
        if (name.startsWith("limits.")) {
            return podAmount(spec, name.substring("limits.".length()), false);
        }
        if (name.startsWith("requests.")) {
            return podAmount(spec, name.substring("requests.".length()), true);
        }
        if (BARE_COMPUTE.contains(name)) {
            return podAmount(spec, name, true);
        }
        return BigDecimal.ONE;
    }

    /**
     * A pod's amount of one resource: the sum over its containers, or its largest init container
     * when that is more. A request left out counts as its limit, as pod defaulting sets it.
     */
    static BigDecimal podAmount(JsonNode spec, String resource, boolean request) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode c : spec.path("containers")) {
            sum = sum.add(containerAmount(c, resource, request));
        }
        for (JsonNode c : spec.path("initContainers")) {
            sum = sum.max(containerAmount(c, resource, request));
        }
        return sum;
    }

    private static BigDecimal containerAmount(JsonNode container, String resource, boolean request) {
        JsonNode resources = container.path("resources");
        JsonNode value = resources.path(request ? "requests" : "limits").path(resource);
        if (value.isMissingNode() && request) {
            value = resources.path("limits").path(resource);
        }
        return value.isMissingNode() ? BigDecimal.ZERO : Quantity.parse(value.asText()).amount();
    }

    /**
     * The compute resources of {@code hard} that a container of {@code spec} leaves unspecified:
     * a quota on cpu or memory needs every container to say how much it wants. Empty when all do.
     */
    static Set<String> missing(Set<String> hard, JsonNode spec) {
        Set<String> missing = new TreeSet<>();
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode c : spec.path(list)) {
                JsonNode resources = c.path("resources");
                for (String name : hard) {
                    String resource = name.substring(name.indexOf('.') + 1);
                    if (!REQUIRED.contains(name)) {
                        continue;
                    }
                    boolean has = resources.path("limits").has(resource)
                            || (!name.startsWith("limits.") && resources.path("requests").has(resource));
                    if (!has) {
                        missing.add(name);
                    }
                }
            }
        }
        return missing;
    }

    /** Whether a pod still counts: not finished, and not past the end of its graceful deletion. */
    static boolean counts(JsonNode pod, Instant now) {
        String phase = pod.path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            return false;
        }
        JsonNode meta = pod.path("metadata");
        String deletion = meta.path("deletionTimestamp").asText("");
        if (deletion.isEmpty() || !meta.has("deletionGracePeriodSeconds")) {
            return true;
        }
        try {
            Instant end = Instant.parse(deletion).plusSeconds(meta.path("deletionGracePeriodSeconds").asLong());
            return !now.isAfter(end);
        } catch (DateTimeParseException e) {
            return true;
        }
    }
}
