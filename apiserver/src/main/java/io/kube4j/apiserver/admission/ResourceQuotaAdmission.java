package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.WriteContext;
import io.kube4j.common.api.core.Quantity;
import io.kube4j.common.api.meta.StatusException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * ResourceQuota: a create that would take a namespace past a quota's {@code spec.hard} is
 * refused (403 "exceeded quota: …"); one that fits is charged to the quota's {@code status.used}
 * before it is admitted, by a compare-and-swap on the quota retried on conflict, so concurrent
 * creates never overshoot. A name missing from {@code status.used} starts from a count of the
 * namespace's objects in the watch cache.
 *
 * <p>Usage is never released here: a delete, a create that fails after admission, and a charge
 * to one quota when a later quota refuses are reconciled by the resource quota controller, which
 * recounts usage (as in Kubernetes). Until it runs, usage may read high, never low.
 */
final class ResourceQuotaAdmission implements AdmissionPlugin {

    private static final int MAX_ATTEMPTS = 100;

    private final ClusterReader reader;
    private final Clock clock;

    ResourceQuotaAdmission(ClusterReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "ResourceQuota";
    }

    @Override
    public void validate(AdmissionRequest request) {
        ResourceType type = request.type();
        if (request.operation() != AdmissionRequest.Operation.CREATE || !request.subresource().isEmpty() || !type.namespaced()) {
            return;
        }
        if (Pods.isPods(type) && !QuotaUsage.counts(request.object(), clock.instant())) {
            return;
        }
        ResourceType quotas = reader.type("", "v1", "resourcequotas");
        List<ObjectNode> cached = reader.list(quotas, request.namespace());
        // check every quota before charging any, so one that refuses leaves the others untouched
        List<String> limiting = new ArrayList<>();
        for (ObjectNode quota : cached) {
            Optional<QuotaCheck.Decision> decision = decide(quota, request);
            if (decision.isPresent() && !decision.get().allowed()) {
                throw Rejections.forbidden(request, decision.get().message());
            }
            decision.ifPresent(d -> limiting.add(quota.path("metadata").path("name").asText()));
        }
        if (request.dryRun()) {
            return;
        }
        for (String quota : limiting) {
            charge(quotas, quota, request);
        }
    }

    /** Charges one quota with a compare-and-swap on its stored state, re-deciding after every conflict. */
    private void charge(ResourceType quotas, String quotaName, AdmissionRequest request) {
        GenericStore store = reader.store();
        for (int attempt = 1; ; attempt++) {
            try {
                store.update(quotas, request.namespace(), quotaName, fresh -> {
                    Optional<QuotaCheck.Decision> decision = decide(fresh, request);
                    if (decision.isEmpty()) {
                        return fresh;
                    }
                    if (!decision.get().allowed()) {
                        throw Rejections.forbidden(request, decision.get().message());
                    }
                    ObjectNode status = fresh.get("status") instanceof ObjectNode s ? s : fresh.putObject("status");
                    status.set("hard", fresh.path("spec").path("hard").deepCopy());
                    ObjectNode used = status.get("used") instanceof ObjectNode u ? u : status.putObject("used");
                    decision.get().used().forEach((name, amount) ->
                            used.put(name, Quantities.format(amount, Quantities.isBytes(name))));
                    return fresh; // keeps the resourceVersion it was read at: the write is a compare-and-swap
                }, GenericStore.Part.STATUS, WriteContext.SYSTEM.withSubresource("status"));
                return;
            } catch (StatusException e) {
                if (e.code() == 404) {
                    return; // the quota was deleted meanwhile
                }
                if (e.code() != 409 || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** What {@code quota} says of the request; empty when it limits nothing the request uses. */
    private Optional<QuotaCheck.Decision> decide(ObjectNode quota, AdmissionRequest request) {
        String quotaName = quota.path("metadata").path("name").asText();
        String resource = request.type().groupResource();
        Map<String, Quantity> hard = new TreeMap<>();
        Map<String, BigDecimal> requested = new TreeMap<>();
        try {
            Quantities.list(quota.path("spec").path("hard"), "spec.hard").forEach((name, limit) -> {
                if (QuotaUsage.countedResource(name).filter(resource::equals).isPresent()) {
                    hard.put(name, limit);
                    requested.put(name, QuotaUsage.usage(name, request.object()));
                }
            });
        } catch (IllegalArgumentException e) {
            throw Rejections.forbidden(request, "failed quota: " + quotaName + ": " + e.getMessage());
        }
        if (hard.isEmpty()) {
            return Optional.empty();
        }
        if (Pods.isPods(request.type())) {
            Set<String> missing = QuotaUsage.missing(hard.keySet(), request.object().path("spec"));
            if (!missing.isEmpty()) {
                throw Rejections.forbidden(request, "failed quota: " + quotaName + ": must specify " + String.join(",", missing));
            }
        }
        return Optional.of(QuotaCheck.charge(quotaName, hard, used(quota, hard.keySet(), request.namespace()), requested));
    }

    /** The quota's recorded usage of {@code names}; a name it has not recorded yet is counted from the watch cache. */
    private Map<String, BigDecimal> used(JsonNode quota, Set<String> names, String namespace) {
        Map<String, BigDecimal> used = new TreeMap<>();
        JsonNode recorded = quota.path("status").path("used");
        for (String name : names) {
            JsonNode value = recorded.get(name);
            if (value != null) {
                try {
                    used.put(name, Quantity.parse(value.asText()).amount());
                    continue;
                } catch (IllegalArgumentException e) {
                    // recount below
                }
            }
            used.put(name, count(name, namespace));
        }
        return used;
    }

    private BigDecimal count(String name, String namespace) {
        String resource = QuotaUsage.countedResource(name).orElseThrow();
        BigDecimal total = BigDecimal.ZERO;
        for (ResourceType type : reader.types().all()) {
            if (!type.groupResource().equals(resource)) {
                continue;
            }
            for (ObjectNode object : reader.list(type, namespace)) {
                if (!Pods.isPods(type) || QuotaUsage.counts(object, clock.instant())) {
                    total = total.add(QuotaUsage.usage(name, object));
                }
            }
        }
        return total;
    }
}
