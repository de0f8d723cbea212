package io.kube4j.controllermanager.gc;

import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;
import io.kube4j.common.api.apps.Deployment;
import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.core.ReplicationController;
import io.kube4j.common.api.core.Secret;
import io.kube4j.common.api.core.Service;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.common.client.informer.SharedInformer;
import io.kube4j.controllermanager.Controller;
import io.kube4j.controllermanager.ControllerContext;
import io.kube4j.controllermanager.util.Kinds;
import io.kube4j.controllermanager.util.Workers;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes objects whose owners are gone (by uid), and carries out foreground and orphan
 * deletion of owners, over the kinds the controllers create: pods, ReplicaSets, Deployments,
 * ReplicationControllers, Jobs, ConfigMaps, Secrets and Services.
 */
public final class GarbageCollector implements Controller {

    static final List<Kind<? extends KubeObject>> TRACKED = List.of(Pod.KIND, ReplicaSet.KIND, Deployment.KIND,
            ReplicationController.KIND, Kinds.JOB, ConfigMap.KIND, Secret.KIND, Service.KIND);

    private Workers workers;
    private OwnerGraph graph;

    @Override
    public String name() {
        return "garbagecollector";
    }

    @Override
    public void register(ControllerContext context) {
        List<SharedInformer<? extends KubeObject>> informers = new ArrayList<>();
        for (int i = 0; i < TRACKED.size(); i++) {
            SharedInformer<? extends KubeObject> informer = context.informers().informer(TRACKED.get(i));
            informers.add(informer);
            index(informer);
        }
        graph = new OwnerGraph(TRACKED, informers);
        GraphSync sync = new GraphSync(context.api(), graph);
        workers = new Workers(name(), sync::reconcile, context.metrics());
        for (int i = 0; i < informers.size(); i++) {
            watch(informers.get(i), i);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void index(SharedInformer informer) {
        informer.indexer().addIndex(OwnerGraph.OWNER_UID, o -> OwnerGraph.ownerUids((KubeObject) o));
        informer.indexer().addIndex(OwnerGraph.UID, o -> List.of(((KubeObject) o).metadata().uid()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void watch(SharedInformer informer, int kind) {
        informer.addEventHandler(new ResourceEventHandler<KubeObject>() {
            @Override
            public void onAdd(KubeObject object) {
                changed(kind, object);
            }

            @Override
            public void onUpdate(KubeObject oldObject, KubeObject newObject) {
                changed(kind, newObject);
            }

            @Override
            public void onDelete(KubeObject object) {
                graph.dependents(object.metadata().uid()).forEach(d -> workers.enqueue(d.key()));
                enqueueOwners(object);
            }
        });
    }

    private void changed(int kind, KubeObject object) {
        boolean owned = !object.metadata().ownerReferences().isEmpty();
        List<String> finalizers = object.metadata().finalizers();
        boolean ours = object.metadata().isBeingDeleted()
                && (finalizers.contains(GraphSync.ORPHAN) || finalizers.contains(GraphSync.FOREGROUND));
        if (owned || ours) {
            workers.enqueue(new OwnerGraph.Node(kind, object).key());
        }
        if (owned && object.metadata().isBeingDeleted()) {
            enqueueOwners(object);
        }
    }

    /** An owner waiting in foreground deletion looks again when a dependent goes. */
    private void enqueueOwners(KubeObject object) {
        for (var ref : object.metadata().ownerReferences()) {
            graph.byUid(ref.uid()).ifPresent(owner -> workers.enqueue(owner.key()));
        }
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
}
