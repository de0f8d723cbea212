package io.kube4j.controllermanager.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kube4j.common.api.core.Endpoints;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.Service;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.informer.Lister;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.common.selector.LabelSelector;
import io.kube4j.controllermanager.Controller;
import io.kube4j.controllermanager.ControllerContext;
import io.kube4j.controllermanager.util.Result;
import io.kube4j.controllermanager.util.Workers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keeps an Endpoints object per Service with a selector, listing its pods' addresses by readiness. */
public final class EndpointsController implements Controller {

    private Lister<Service> services;
    private Lister<Pod> pods;
    private Lister<Endpoints> endpoints;
    private ResourceClient<Endpoints> client;
    private Workers workers;

    @Override
    public String name() {
        return "endpoints";
    }

    @Override
    public void register(ControllerContext context) {
        workers = new Workers(name(), this::reconcile, context.metrics());
        client = new ResourceClient<>(context.api(), Endpoints.KIND);
        var serviceInformer = context.informers().informer(Service.KIND);
        services = serviceInformer.lister();
        serviceInformer.addEventHandler(ResourceEventHandler.onChange(svc -> workers.enqueue(svc.key())));
        var podInformer = context.informers().informer(Pod.KIND);
        pods = podInformer.lister();
        podInformer.addEventHandler(ResourceEventHandler.onChangeBothStates(this::enqueueServicesOf));
        endpoints = context.informers().informer(Endpoints.KIND).lister();
    }

    private void enqueueServicesOf(Pod pod) {
        for (Service service : services.list(pod.metadata().namespace())) {
            selector(service).filter(s -> s.matches(pod.metadata().labels())).ifPresent(s -> workers.enqueue(service.key()));
        }
    }

    private static Optional<LabelSelector> selector(Service service) {
        JsonNode selector = service.spec().path("selector");
        if (!selector.isObject() || selector.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        selector.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return Optional.of(LabelSelector.fromLabels(labels));
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

    Result reconcile(String key) {
        String[] parts = key.split("/", 2);
        Optional<Service> service = services.get(parts[0], parts[1]);
        if (service.isEmpty()) {
            client.delete(parts[0], parts[1]);
            return Result.DONE;
        }
        Optional<LabelSelector> selector = selector(service.get());
        if (selector.isEmpty()) {
            return Result.DONE; // endpoints of selector-less services are the user's
        }
        List<Pod> selected = pods.list(parts[0], selector.get());
        ArrayNode subsets = Subsets.of(service.get(), selected);
        Optional<Endpoints> existing = endpoints.get(parts[0], parts[1]);
        try {
            if (existing.isEmpty()) {
                Endpoints fresh = Endpoints.named(parts[0], parts[1]);
                fresh.json().set("subsets", subsets);
                service.get().metadata().labels().forEach(fresh.metadata()::label);
                client.create(fresh);
            } else if (!existing.get().json().path("subsets").equals(subsets)
                    && !(subsets.isEmpty() && existing.get().json().path("subsets").isMissingNode())) {
                Endpoints updated = existing.get();
                updated.json().set("subsets", subsets);
                client.update(updated);
            }
        } catch (ApiException e) {
            if (e.isAlreadyExists() || e.isConflict()) {
                throw e; // the cache is behind our own write: retry with backoff
            }
            if (e.code() != 403 && !e.isNotFound()) {
                throw e;
            }
        }
        return Result.DONE;
    }
}
