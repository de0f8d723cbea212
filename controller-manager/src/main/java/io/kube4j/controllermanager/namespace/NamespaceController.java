package io.kube4j.controllermanager.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Namespace;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.informer.Lister;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.controllermanager.Controller;
import io.kube4j.controllermanager.ControllerContext;
import io.kube4j.controllermanager.util.Conditions;
import io.kube4j.controllermanager.util.Result;
import io.kube4j.controllermanager.util.Workers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Empties namespaces being deleted: deletes every namespaced object in them (all types the
 * server lists, found by discovery; a whole collection per request where the server allows),
 * reports what remains as conditions, and once nothing is left removes the {@code kubernetes} finalizer so the apiserver can drop the namespace.
 */
public final class NamespaceController implements Controller {

    static final String FINALIZER = "kubernetes";
    private static final Duration RECHECK = Duration.ofMillis(500);

    private ControllerContext context;
    private ApiClient api;
    private Lister<Namespace> namespaces;
    private Workers workers;

    @Override
    public String name() {
        return "namespace";
    }

    @Override
    public void register(ControllerContext context) {
        this.context = context;
        this.api = context.api();
        workers = new Workers(name(), this::reconcile, context.metrics());
        var informer = context.informers().informer(Namespace.KIND);
        namespaces = informer.lister();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns) {
                if (ns.metadata().isBeingDeleted()) {
                    workers.enqueue(ns.metadata().name());
                }
            }

            @Override
            public void onUpdate(Namespace oldNs, Namespace newNs) {
                if (newNs.metadata().isBeingDeleted()) {
                    workers.enqueue(newNs.metadata().name());
                }
            }
        });
    }

    @Override
    public void run(int count) {
        workers.start(count);
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
    }

    Result reconcile(String name) {
        Optional<Namespace> found = namespaces.get("", name);
        if (found.isEmpty() || !found.get().metadata().isBeingDeleted() || !hasFinalizer(found.get())) {
            return Result.DONE;
        }
        Map<String, Integer> remaining = new TreeMap<>();
        ObjectNode background = Json.object().put("propagationPolicy", "Background");
        for (NamespacedResources.Resource resource : NamespacedResources.discover(api)) {
            if (resource.deleteCollection()) {
                deleteCollection(resource.collection(name), background);
            }
            JsonNode items;
            try {
                items = api.get(resource.collection(name)).path("items");
            } catch (ApiException e) {
                continue; // a type we may not list: nothing we could delete either
            }
            for (JsonNode item : items) {
                String object = item.path("metadata").path("name").asText();
                if (!item.path("metadata").has("deletionTimestamp")) {
                    try {
                        api.delete(resource.collection(name) + "/" + object, background);
                    } catch (ApiException e) {
                        if (!e.isNotFound()) {
                            throw e;
                        }
                    }
                }
                remaining.merge(resource.plural(), 1, Integer::sum);
            }
        }
        if (!remaining.isEmpty()) {
            report(found.get(), remaining);
            return Result.after(RECHECK);
        }
        finalizeNamespace(found.get());
        return Result.DONE;
    }

    /** One request per type instead of one per object; what it leaves is deleted one by one after the list. */
    private void deleteCollection(String collection, ObjectNode options) {
        try {
            api.delete(collection, options);
        } catch (ApiException e) {
            if (e.isNotFound() || e.code() == 403 || e.code() == 405) {
                return;
            }
            throw e;
        }
    }

    private static boolean hasFinalizer(Namespace ns) {
        for (JsonNode f : ns.spec().path("finalizers")) {
            if (f.asText().equals(FINALIZER)) {
                return true;
            }
        }
        return false;
    }

    private void report(Namespace ns, Map<String, Integer> remaining) {
        StringBuilder message = new StringBuilder("Some resources are remaining:");
        remaining.forEach((plural, n) -> message.append(' ').append(plural).append(" has ").append(n)
                .append(" resource instances,"));
        message.setLength(message.length() - 1);
        Namespace copy = ns.deepCopy();
        Conditions.set(copy.status(), "NamespaceContentRemaining", "True", "SomeResourcesRemain", message.toString(),
                context.clock().instant(), false);
        if (copy.status().equals(ns.status())) {
            return;
        }
        try {
            new ResourceClient<>(api, Namespace.KIND).updateStatus(copy);
        } catch (ApiException e) {
            if (!e.isConflict() && !e.isNotFound()) {
                throw e;
            }
        }
    }

    private void finalizeNamespace(Namespace ns) {
        Namespace copy = ns.deepCopy();
        ArrayNode kept = Json.MAPPER.createArrayNode();
        for (JsonNode f : ns.spec().path("finalizers")) {
            if (!f.asText().equals(FINALIZER)) {
                kept.add(f.asText());
            }
        }
        copy.spec().set("finalizers", kept);
        try {
            api.put("/api/v1/namespaces/" + ns.metadata().name() + "/finalize", copy.json());
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }
}
