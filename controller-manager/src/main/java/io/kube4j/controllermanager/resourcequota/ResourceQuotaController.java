package io.kube4j.controllermanager.resourcequota;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;
import io.kube4j.common.api.apps.Deployment;
import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.ReplicationController;
import io.kube4j.common.api.core.ResourceQuota;
import io.kube4j.common.api.core.Secret;
import io.kube4j.common.api.core.Service;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.informer.Lister;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.common.client.informer.SharedInformer;
import io.kube4j.controllermanager.Controller;
import io.kube4j.controllermanager.ControllerContext;
import io.kube4j.controllermanager.util.Kinds;
import io.kube4j.controllermanager.util.Result;
import io.kube4j.controllermanager.util.Workers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps {@code status.hard} and {@code status.used} of every ResourceQuota current: recomputed
 * when an object it counts changes, and in full every {@code --resource-quota-sync-period}.
 */
public final class ResourceQuotaController implements Controller {

    static final List<Kind<? extends KubeObject>> COUNTED = List.of(Pod.KIND, Service.KIND, ConfigMap.KIND, Secret.KIND,
            ReplicationController.KIND, ResourceQuota.KIND, Deployment.KIND, ReplicaSet.KIND, Kinds.JOB);

    private Duration period;
    private Lister<ResourceQuota> quotas;
    private Lister<Pod> pods;
    private final Map<String, Lister<? extends KubeObject>> listers = new LinkedHashMap<>();
    private ResourceClient<ResourceQuota> client;
    private Workers workers;

    @Override
    public String name() {
        return "resourcequota";
    }

    @Override
    public void register(ControllerContext context) {
        period = context.options().resourceQuotaSyncPeriod();
        client = new ResourceClient<>(context.api(), ResourceQuota.KIND);
        workers = new Workers(name(), this::reconcile, context.metrics());
        quotas = context.informers().informer(ResourceQuota.KIND).lister();
        pods = context.informers().informer(Pod.KIND).lister();
        for (Kind<? extends KubeObject> kind : COUNTED) {
            SharedInformer<? extends KubeObject> informer = context.informers().informer(kind);
            listers.put(kind.group().isEmpty() ? kind.plural() : kind.plural() + "." + kind.group(), informer.lister());
            watch(informer);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void watch(SharedInformer informer) {
        informer.addEventHandler(new ResourceEventHandler<KubeObject>() {
            @Override
            public void onAdd(KubeObject object) {
                enqueueQuotas(object);
            }

            @Override
            public void onUpdate(KubeObject oldObject, KubeObject newObject) {
                if (!oldObject.metadata().resourceVersion().equals(newObject.metadata().resourceVersion())
                        || newObject instanceof ResourceQuota) {
                    enqueueQuotas(newObject);
                }
            }

            @Override
            public void onDelete(KubeObject object) {
                enqueueQuotas(object);
            }
        });
    }

    private void enqueueQuotas(KubeObject object) {
        if (object instanceof ResourceQuota quota) {
            workers.enqueue(quota.key());
            return;
        }
        quotas.list(object.metadata().namespace()).forEach(q -> workers.enqueue(q.key()));
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
        Optional<ResourceQuota> found = quotas.get(parts[0], parts[1]);
        if (found.isEmpty()) {
            return Result.DONE;
        }
        ResourceQuota quota = found.get();
        Map<String, Integer> counts = new LinkedHashMap<>();
        listers.forEach((plural, lister) -> counts.put(plural, lister.list(parts[0]).size()));
        List<Pod> inNamespace = pods.list(parts[0]);
        ResourceQuota copy = quota.deepCopy();
        ObjectNode status = copy.status();
        ObjectNode hard = quota.spec().path("hard").isObject() ? ((ObjectNode) quota.spec().get("hard")).deepCopy()
                : status.objectNode();
        ObjectNode used = status.objectNode();
        hard.fieldNames().forEachRemaining(resource ->
                Usage.of(resource, inNamespace, counts).ifPresent(value -> used.put(resource, value)));
        status.set("hard", hard);
        status.set("used", used);
        if (!status.equals(quota.status())) {
            try {
                client.updateStatus(copy);
            } catch (ApiException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        return Result.after(period);
    }
}
