package io.kube4j.controllermanager.deployment;

import io.kube4j.common.api.apps.Deployment;
import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.api.meta.OwnerReference;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.informer.Lister;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.common.selector.LabelSelector;
import io.kube4j.controllermanager.Controller;
import io.kube4j.controllermanager.ControllerContext;
import io.kube4j.controllermanager.util.Result;
import io.kube4j.controllermanager.util.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rolls Deployments out through ReplicaSets named {@code <deployment>-<pod-template-hash>}:
 * RollingUpdate within maxSurge/maxUnavailable or Recreate, revision annotations, history
 * cleanup, and the status {@code kubectl rollout status} waits on.
 */
public final class DeploymentController implements Controller {

    private ControllerContext context;
    private Lister<Deployment> deployments;
    private Lister<ReplicaSet> replicaSets;
    private ReplicaSetWriter writer;
    private Workers workers;

    @Override
    public String name() {
        return "deployment";
    }

    @Override
    public void register(ControllerContext context) {
        this.context = context;
        this.workers = new Workers(name(), this::reconcile, context.metrics());
        this.writer = new ReplicaSetWriter(new ResourceClient<>(context.api(), ReplicaSet.KIND), context.events());
        var deploymentInformer = context.informers().informer(Deployment.KIND);
        deployments = deploymentInformer.lister();
        deploymentInformer.addEventHandler(ResourceEventHandler.onChange(d -> workers.enqueue(d.key())));
        var rsInformer = context.informers().informer(ReplicaSet.KIND);
        replicaSets = rsInformer.lister();
        rsInformer.addEventHandler(ResourceEventHandler.onChangeBothStates(this::enqueueOwner));
    }

    private void enqueueOwner(ReplicaSet rs) {
        Optional<OwnerReference> ref = rs.metadata().controllerRef();
        if (ref.isPresent()) {
            if (ref.get().kind().equals("Deployment")) {
                workers.enqueue(rs.metadata().namespace() + "/" + ref.get().name());
            }
            return;
        }
        for (Deployment d : deployments.list(rs.metadata().namespace())) {
            LabelSelector selector = LabelSelector.fromJson(d.spec().path("selector"));
            if (!selector.isEverything() && selector.matches(rs.metadata().labels())) {
                workers.enqueue(d.key());
            }
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

    Result reconcile(String key) {
        String[] parts = key.split("/", 2);
        Optional<Deployment> found = deployments.get(parts[0], parts[1]);
        if (found.isEmpty() || found.get().metadata().isBeingDeleted()) {
            return Result.DONE;
        }
        Deployment d = found.get();
        LabelSelector selector = LabelSelector.fromJson(d.spec().path("selector"));
        if (selector.isEverything()) {
            return Result.DONE; // an empty selector would select every pod: refuse, as Kubernetes does
        }
        List<ReplicaSet> owned = claim(d, selector);
        String hash = TemplateHash.of(d.spec().path("template"));
        ReplicaSet current = owned.stream()
                .filter(rs -> TemplateHash.sameTemplate(rs.spec().path("template"), d.spec().path("template")))
                .findFirst().orElse(null);
        List<ReplicaSet> old = owned.stream().filter(rs -> rs != current).toList();
        return new DeploymentSync(context, writer, d, hash, current, old).run();
    }

    private List<ReplicaSet> claim(Deployment d, LabelSelector selector) {
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : replicaSets.list(d.metadata().namespace())) {
            Optional<OwnerReference> ref = rs.metadata().controllerRef();
            if (ref.isPresent()) {
                if (ref.get().uid().equals(d.metadata().uid())) {
                    owned.add(rs);
                }
            } else if (selector.matches(rs.metadata().labels()) && !rs.metadata().isBeingDeleted()) {
                try {
                    owned.add(writer.adopt(rs, d));
                } catch (ApiException e) {
                    if (!e.isNotFound()) {
                        throw e;
                    }
                }
            }
        }
        return owned;
    }
}
