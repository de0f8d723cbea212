package io.kube4j.controllermanager.replicaset;

import io.kube4j.common.api.KubeObject;
import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.meta.OwnerReference;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.informer.Lister;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.common.selector.LabelSelector;
import io.kube4j.controllermanager.Controller;
import io.kube4j.controllermanager.ControllerContext;
import io.kube4j.controllermanager.util.Expectations;
import io.kube4j.controllermanager.util.PodControl;
import io.kube4j.controllermanager.util.Pods;
import io.kube4j.controllermanager.util.Result;
import io.kube4j.controllermanager.util.Workers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps {@code spec.replicas} pods matching the selector of each ReplicaSet (or, with another
 * {@link ReplicatedKind}, ReplicationController): creates them from the template, adopts matching
 * orphans, releases pods that stopped matching, deletes the surplus cheapest first, and writes
 * the status counts. {@link Expectations} keep a burst of syncs from creating the same pods twice.
 */
public final class ReplicaSetController<T extends KubeObject> implements Controller {

    /** client-go's burstReplicas: the most pods one sync creates or deletes. */
    static final int BURST = 500;

    private final ReplicatedKind<T> kind;
    private ControllerContext context;
    private Lister<T> owners;
    private Lister<Pod> pods;
    private PodControl podControl;
    private Expectations expectations;
    private Workers workers;

    public ReplicaSetController(ReplicatedKind<T> kind) {
        this.kind = kind;
    }

    public static ReplicaSetController<ReplicaSet> forReplicaSets() {
        return new ReplicaSetController<>(new ReplicatedKind<>("replicaset", ReplicaSet.KIND,
                rs -> LabelSelector.fromJson(rs.spec().path("selector"))));
    }

    @Override
    public String name() {
        return kind.controllerName();
    }

    @Override
    public void register(ControllerContext context) {
        this.context = context;
        this.podControl = new PodControl(context.api(), context.events());
        this.expectations = new Expectations(context.clock());
        this.workers = new Workers(name(), this::reconcile, context.metrics());
        var ownerInformer = context.informers().informer(kind.kind());
        this.owners = ownerInformer.lister();
        ownerInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                workers.enqueue(object.key());
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                workers.enqueue(newObject.key());
            }

            @Override
            public void onDelete(T lastKnown) {
                expectations.forget(lastKnown.key());
                workers.enqueue(lastKnown.key());
            }
        });
        var podInformer = context.informers().informer(Pod.KIND);
        this.pods = podInformer.lister();
        podInformer.addEventHandler(new PodEvents(this));
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

    String kindName() {
        return kind.kind().kind();
    }

    Expectations expectations() {
        return expectations;
    }

    void enqueue(String key) {
        workers.enqueue(key);
    }

    /** Keys of the owners in the pod's namespace whose selector matches it: who may adopt an orphan. */
    List<String> matchingOwners(Pod pod) {
        List<String> keys = new ArrayList<>();
        for (T owner : owners.list(pod.metadata().namespace())) {
            LabelSelector selector = kind.selector().apply(owner);
            if (!selector.isEverything() && selector.matches(pod.metadata().labels())) {
                keys.add(owner.key());
            }
        }
        return keys;
    }

    Result reconcile(String key) {
        String[] parts = key.split("/", 2);
        Optional<T> found = owners.get(parts[0], parts[1]);
        if (found.isEmpty()) {
            expectations.forget(key);
            return Result.DONE;
        }
        T owner = found.get();
        LabelSelector selector = kind.selector().apply(owner);
        List<Pod> owned = claim(owner, selector, pods.list(parts[0]));
        List<Pod> active = owned.stream().filter(Pods::isActive).toList();
        if (expectations.satisfied(key) && !owner.metadata().isBeingDeleted()) {
            manage(owner, key, active);
        }
        return writeStatus(owner, active);
    }

    private List<Pod> claim(KubeObject owner, LabelSelector selector, List<Pod> candidates) {
        String uid = owner.metadata().uid();
        List<Pod> owned = new ArrayList<>();
        for (Pod pod : candidates) {
            Optional<OwnerReference> ref = pod.metadata().controllerRef();
            boolean matches = !selector.isEverything() && selector.matches(pod.metadata().labels());
            if (ref.isPresent()) {
                if (!ref.get().uid().equals(uid)) {
                    continue;
                }
                if (matches) {
                    owned.add(pod);
                } else if (!pod.metadata().isBeingDeleted()) {
                    podControl.release(pod, uid);
                }
            } else if (matches && !pod.metadata().isBeingDeleted() && !owner.metadata().isBeingDeleted()
                    && Pods.isActive(pod)) {
                try {
                    podControl.adopt(pod, owner);
                    owned.add(pod);
                } catch (ApiException e) {
                    if (!e.isNotFound()) {
                        throw e;
                    }
                }
            }
        }
        return owned;
    }

    private void manage(KubeObject owner, String key, List<Pod> active) {
        int want = owner.spec().path("replicas").asInt(1);
        int diff = active.size() - want;
        if (diff < 0) {
            int create = Math.min(-diff, BURST);
            expectations.expect(key, create, Set.of());
            for (int i = 0; i < create; i++) {
                try {
                    podControl.create(owner.spec().path("template"), owner);
                } catch (RuntimeException e) {
                    for (int j = i; j < create; j++) {
                        expectations.creationFailed(key);
                    }
                    throw e;
                }
            }
        } else if (diff > 0) {
            List<Pod> doomed = active.stream().sorted(DeletionRanking.CHEAPEST_FIRST).limit(Math.min(diff, BURST)).toList();
            Set<String> keys = new HashSet<>();
            doomed.forEach(p -> keys.add(p.key()));
            expectations.expect(key, 0, keys);
            for (Pod pod : doomed) {
                boolean deleted;
                try {
                    deleted = podControl.delete(pod, owner);
                } catch (RuntimeException e) {
                    expectations.deletionObserved(key, pod.key());
                    throw e;
                }
                if (!deleted) {
                    expectations.deletionObserved(key, pod.key());
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Result writeStatus(T owner, List<Pod> active) {
        Duration minReady = Duration.ofSeconds(owner.spec().path("minReadySeconds").asLong(0));
        Instant now = context.clock().instant();
        var templateLabels = owner.spec().path("template").path("metadata").path("labels");
        Map<String, String> labels = new HashMap<>();
        templateLabels.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        ReplicaCounts counts = ReplicaCounts.of(active, labels, minReady, now, owner.metadata().generation());
        if (!counts.equals(ReplicaCounts.read(owner.status()))) {
            T copy = (T) owner.deepCopy();
            counts.write(copy.status());
            try {
                new ResourceClient<>(context.api(), kind.kind()).updateStatus(copy);
            } catch (ApiException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        Result result = Result.DONE;
        for (Pod pod : active) {
            Optional<Duration> wait = Pods.untilAvailable(pod, minReady, now);
            if (wait.isPresent()) {
                result = result.sooner(Result.after(wait.get().plusMillis(100)));
            }
        }
        return result;
    }
}
