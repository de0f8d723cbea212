package io.kube4j.controllermanager.serviceaccount;

import io.kube4j.common.api.core.Namespace;
import io.kube4j.common.api.core.ServiceAccount;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.informer.Lister;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.controllermanager.Controller;
import io.kube4j.controllermanager.ControllerContext;
import io.kube4j.controllermanager.util.Result;
import io.kube4j.controllermanager.util.Workers;
import java.util.Optional;

/** Keeps a {@code default} ServiceAccount in every active namespace, recreating it when deleted. */
public final class ServiceAccountController implements Controller {

    static final String DEFAULT = "default";

    private Lister<Namespace> namespaces;
    private Lister<ServiceAccount> accounts;
    private ResourceClient<ServiceAccount> client;
    private Workers workers;

    @Override
    public String name() {
        return "serviceaccount";
    }

    @Override
    public void register(ControllerContext context) {
        workers = new Workers(name(), this::reconcile, context.metrics());
        client = new ResourceClient<>(context.api(), ServiceAccount.KIND);
        var nsInformer = context.informers().informer(Namespace.KIND);
        namespaces = nsInformer.lister();
        nsInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns) {
                workers.enqueue(ns.metadata().name());
            }

            @Override
            public void onUpdate(Namespace oldNs, Namespace newNs) {
                workers.enqueue(newNs.metadata().name());
            }
        });
        var saInformer = context.informers().informer(ServiceAccount.KIND);
        accounts = saInformer.lister();
        saInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onDelete(ServiceAccount sa) {
                if (sa.metadata().name().equals(DEFAULT)) {
                    workers.enqueue(sa.metadata().namespace());
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

    Result reconcile(String namespace) {
        Optional<Namespace> ns = namespaces.get("", namespace);
        if (ns.isEmpty() || ns.get().metadata().isBeingDeleted()
                || "Terminating".equals(ns.get().status().path("phase").asText())) {
            return Result.DONE;
        }
        if (accounts.get(namespace, DEFAULT).isPresent()) {
            return Result.DONE;
        }
        try {
            client.create(ServiceAccount.named(namespace, DEFAULT));
        } catch (ApiException e) {
            // AlreadyExists: the cache is behind; Forbidden: the namespace started terminating
            if (!e.isAlreadyExists() && e.code() != 403) {
                throw e;
            }
        }
        return Result.DONE;
    }
}
