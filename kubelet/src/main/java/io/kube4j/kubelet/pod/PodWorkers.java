package io.kube4j.kubelet.pod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.common.client.informer.SharedInformer;
import io.kube4j.common.client.workqueue.DelayingQueue;
import io.kube4j.common.client.workqueue.QueueShutDownException;
import io.kube4j.common.client.workqueue.WorkQueues;
import io.kube4j.kubelet.probe.ProbeManager;
import io.kube4j.kubelet.runtime.ContainerRuntime;
import io.kube4j.kubelet.volume.ReferencedObjects;
import io.kube4j.kubelet.volume.Volumes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pods bound to this kubelet's node(s), each worked by uid through one delaying work queue,
 * so a pod is never synced twice at once while different pods proceed in parallel. Triggers: the
 * pod informer, container exits, probe flips, and each sync's own timer (back-off, retries).
 * {@code threads} must grow on demand (a cached pool): workers hold theirs while stopping containers
 * in parallel on others. A pod being deleted is stopped within its grace period and then deleted for good; a pod gone
 * from the apiserver is killed and its directory removed.
 */
public final class PodWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PodWorkers.class);

    /**
     * What the workers need besides the API client.
     *
     * @param resync the informer's resync period
     * @param tick   how often every pod is synced even without a trigger (exits of adopted processes
     *               are only seen this way), and the static pod directory is read
     * @param volumeRefresh how often configMap and secret volumes are brought up to date
     * @param podManifestPath the directory of static pods of the (first) node; null for none
     */
    public record Settings(Set<String> nodeNames, String hostIp, String podCidr, Path podsDir, Backoff backoff,
                           int workers, Duration resync, Duration tick, Duration volumeRefresh, Path podManifestPath) {
    }

    private final Settings settings;
    private final ContainerRuntime runtime;
    private final ProbeManager probes;
    private final ResourceClient<Pod> pods;
    private final SharedInformer<Pod> informer;
    private final PodSyncer syncer;
    private final PodSandboxes sandboxes;
    private final StatusManager statuses;
    private final ExecutorService threads;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> ticker;
    private final DelayingQueue<String> queue = WorkQueues.newDelayingQueue("pods");
    private final Map<String, Pod> byUid = new ConcurrentHashMap<>();
    private final Map<String, PodRecord> records = new ConcurrentHashMap<>();
    private final StaticPods staticPods;
    private final ResourceClient<Node> nodes;
    /** The static pods running, by uid (also in {@code byUid}); touched by the ticker thread only. */
    private final Map<String, Pod> statics = new ConcurrentHashMap<>();
    /** Static pods whose manifest went away, until their containers are stopped. */
    private final Map<String, Pod> removedStatics = new ConcurrentHashMap<>();
    private String nodeUid;
    private volatile boolean orphansQueued;

    public PodWorkers(ApiClient api, ContainerRuntime runtime, ProbeManager probes, ReferencedObjects objects,
                      Settings settings, Clock clock, PodMetrics metrics, ExecutorService threads,
                      ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.runtime = runtime;
        this.probes = probes;
        this.threads = threads;
        this.scheduler = scheduler;
        this.pods = new ResourceClient<>(api, Pod.KIND);
        ListRequest selector = settings.nodeNames().size() == 1
                ? ListRequest.fields("spec.nodeName=" + settings.nodeNames().iterator().next()) : ListRequest.ALL;
        this.informer = new SharedInformer<>(pods, "", selector, settings.resync());
        this.sandboxes = new PodSandboxes(settings.podsDir(), new PodIps(settings.podCidr()));
        this.statuses = new StatusManager(pods);
        this.syncer = new PodSyncer(runtime, probes, new Volumes(objects), new ContainerEnv(objects), sandboxes,
                statuses, settings.backoff(), clock, metrics, settings.volumeRefresh());
        this.nodes = new ResourceClient<>(api, Node.KIND);
        this.staticPods = settings.podManifestPath() == null ? null
                : new StaticPods(settings.podManifestPath(), settings.nodeNames().iterator().next());
    }

    /**
     * Starts watching and working; returns once the first list is in, and throws when it is not in
     * within {@code timeout} — unless there are static pods, which run whether the apiserver answers
     * or not: then it returns at once.
     */
    public void start(Duration timeout) throws InterruptedException {
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                seen(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                seen(newPod);
            }

            @Override
            public void onDelete(Pod pod) {
                byUid.remove(pod.metadata().uid());
                queue.add(pod.metadata().uid());
            }
        });
        informer.start();
        if (staticPods != null) {
            // static pods run whether or not the apiserver answers
            scanStaticPods();
        } else if (!informer.awaitSynced(timeout)) {
            throw new IllegalStateException("pods of node(s) " + settings.nodeNames() + " not listed within " + timeout);
        }
        if (informer.hasSynced()) {
            queueOrphans();
        }
        for (int i = 0; i < settings.workers(); i++) {
            threads.execute(this::work);
        }
        long tick = settings.tick().toMillis();
        ticker = scheduler.scheduleWithFixedDelay(() -> {
            try {
                if (!orphansQueued && informer.hasSynced()) {
                    queueOrphans();
                }
                if (staticPods != null) {
                    scanStaticPods();
                    syncMirrorPods();
                }
                byUid.keySet().forEach(this::enqueue);
            } catch (RuntimeException e) {
                // a periodic task that throws is never run again: keep ticking
                LOG.warn("pod resync tick failed: {}", e.getMessage(), e);
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues the containers and directories of every pod the runtime holds, so that those the
     * apiserver no longer has are killed and removed. Only once the pod list is in: before, every
     * pod would look like an orphan.
     */
    private void queueOrphans() {
        orphansQueued = true;
        runtime.pods().forEach(queue::add);
        try (Stream<Path> dirs = Files.list(Files.createDirectories(settings.podsDir()))) {
            dirs.forEach(d -> queue.add(d.getFileName().toString()));
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", settings.podsDir(), e.getMessage());
        }
    }

    private void seen(Pod pod) {
        // a mirror pod stands for a static pod, which runs under its own uid
        if (settings.nodeNames().contains(pod.nodeName()) && StaticPods.mirrorHash(pod).isEmpty()) {
            byUid.put(pod.metadata().uid(), pod);
            queue.add(pod.metadata().uid());
        }
    }

    /** Asks for a sync of the pod soon (a container exited, a probe flipped). */
    public void enqueue(String uid) {
        if (!queue.isShuttingDown()) {
            queue.add(uid);
        }
    }

    private void work() {
        while (true) {
            String uid;
            try {
                uid = queue.get();
            } catch (QueueShutDownException | InterruptedException e) {
                return;
            }
            try {
                Optional<Duration> after = process(uid);
                // every live pod is looked at again within one tick, whatever the sync asked for: a
                // safety net for a missed exit callback, carried by the queue's own delay thread so
                // that it does not depend on the shared scheduler
                Duration next = byUid.containsKey(uid) ? settings.tick() : null;
                if (after.isPresent() && (next == null || after.get().compareTo(next) < 0)) {
                    next = after.get();
                }
                if (next != null) {
                    queue.addAfter(uid, next);
                }
            } catch (RuntimeException | Error e) {
                // an Error too: a worker that dies silently leaves its pods to the others, but a pod
                // that is not requeued here is not synced again until something else touches it
                LOG.warn("pod {}: sync failed: {}", uid, e.getMessage(), e);
                queue.addAfter(uid, Duration.ofSeconds(1));
            } finally {
                queue.done(uid);
            }
        }
    }

    private Optional<Duration> process(String uid) {
        Pod pod = byUid.get(uid);
        if (pod == null) {
            Pod removedStatic = removedStatics.get(uid);
            if (removedStatic != null) {
                stopContainers(removedStatic, removedStatic.spec().path("terminationGracePeriodSeconds").asLong(30));
                removedStatics.remove(uid);
                LOG.info("static pod {} stopped: its manifest is gone", removedStatic.key());
            }
            cleanUp(uid);
            return Optional.empty();
        }
        if (pod.metadata().isBeingDeleted()) {
            return terminate(pod);
        }
        PodRecord record = records.computeIfAbsent(uid, k -> new PodRecord());
        Pod copy = pod.deepCopy();
        if (statics.containsKey(uid)) {
            // a static pod's status lives on its mirror: start from what was sent there
            statuses.lastSent(uid).ifPresent(status -> copy.json().set("status", status.deepCopy()));
        }
        return syncer.sync(copy, record, settings.hostIp());
    }

    /** Starts the static pods of new manifests and stops those whose manifest went away. */
    private void scanStaticPods() {
        Map<String, Pod> now = staticPods.scan();
        for (String uid : List.copyOf(statics.keySet())) {
            if (!now.containsKey(uid)) {
                Pod gone = statics.remove(uid);
                removedStatics.put(uid, gone);
                byUid.remove(uid);
                queue.add(uid);
            }
        }
        now.forEach((uid, pod) -> {
            if (statics.putIfAbsent(uid, pod) == null) {
                LOG.info("static pod {} ({}) from {}", pod.key(), uid, settings.podManifestPath());
                byUid.put(uid, pod);
                queue.add(uid);
            }
        });
    }

    /**
     * Keeps one mirror pod per static pod in the apiserver: creates missing ones, replaces those of
     * an older manifest, deletes those whose static pod is gone. Failures are retried on the next tick.
     */
    private void syncMirrorPods() {
        if (!informer.hasSynced()) {
            return; // the apiserver has not answered yet
        }
        try {
            for (Pod mirror : informer.lister().list("")) {
                String hash = StaticPods.mirrorHash(mirror);
                // a mirror of no static pod goes; one deleted with a grace period goes at once (its static pod runs on)
                if (!hash.isEmpty() && settings.nodeNames().contains(mirror.nodeName())
                        && (!statics.containsKey(hash) || mirror.metadata().isBeingDeleted())) {
                    deleteMirror(mirror);
                }
            }
            for (Pod pod : statics.values()) {
                Optional<Pod> mirror = informer.lister().get(pod.metadata().namespace(), pod.metadata().name());
                if (mirror.isEmpty()) {
                    if (nodeUid == null) {
                        nodeUid = nodes.get("", pod.nodeName()).metadata().uid();
                    }
                    pods.create(StaticPods.mirrorOf(pod, nodeUid));
                    statuses.forget(pod.metadata().uid());
                    queue.add(pod.metadata().uid());
                    LOG.info("mirror pod {} created for static pod {}", pod.key(), pod.metadata().uid());
                } else if (!StaticPods.mirrorHash(mirror.get()).equals(pod.metadata().uid())
                        && !StaticPods.mirrorHash(mirror.get()).isEmpty()) {
                    deleteMirror(mirror.get()); // of an older manifest: recreated on the next tick
                }
            }
        } catch (ApiException e) {
            if (e.code() != 409) {
                LOG.warn("mirror pods not synced: {}", e.getMessage());
            }
        } catch (java.io.UncheckedIOException e) {
            LOG.debug("mirror pods not synced: {}", e.getMessage());
        }
    }

    private void deleteMirror(Pod mirror) {
        ObjectNode options = Json.object();
        options.put("gracePeriodSeconds", 0);
        options.putObject("preconditions").put("uid", mirror.metadata().uid());
        try {
            pods.delete(mirror.metadata().namespace(), mirror.metadata().name(), options);
            LOG.info("mirror pod {} deleted", mirror.key());
        } catch (ApiException e) {
            LOG.debug("mirror pod {} not deleted: {}", mirror.key(), e.getMessage());
        }
    }

    /** Stops every container within the grace period, then deletes the pod object for good. */
    private Optional<Duration> terminate(Pod pod) {
        String uid = pod.metadata().uid();
        long grace = pod.metadata().json().path("deletionGracePeriodSeconds").asLong(
                pod.spec().path("terminationGracePeriodSeconds").asLong(30));
        stopContainers(pod, grace);
        ObjectNode options = Json.object();
        options.put("gracePeriodSeconds", 0);
        options.putObject("preconditions").put("uid", uid);
        try {
            pods.delete(pod.metadata().namespace(), pod.metadata().name(), options);
            LOG.info("pod {} stopped and deleted", pod.key());
        } catch (ApiException e) {
            if (e.code() != 409) {
                LOG.warn("pod {}: cannot delete: {}", pod.key(), e.getMessage());
                return Optional.of(Duration.ofSeconds(1));
            }
        }
        return Optional.empty();
    }

    /**
     * Stops all containers of the pod in parallel, each within {@code grace} seconds: its preStop
     * hook first, then SIGTERM, SIGKILL when the grace period is over (at least 2 s after a hook
     * that used it all up, as Kubernetes allows).
     */
    private void stopContainers(Pod pod, long grace) {
        String uid = pod.metadata().uid();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (String field : List.of("initContainers", "containers")) {
            for (JsonNode c : pod.spec().path(field)) {
                String name = c.path("name").asText();
                stops.add(CompletableFuture.runAsync(() -> {
                    long start = System.nanoTime();
                    if (runtime.state(uid, name).map(s -> s.running()).orElse(false)) {
                        probes.preStop(uid, c, Duration.ofSeconds(grace));
                    }
                    Duration left = Duration.ofSeconds(grace).minusNanos(System.nanoTime() - start);
                    Duration floor = Duration.ofSeconds(Math.min(grace, 2));
                    runtime.stop(uid, name, left.compareTo(floor) < 0 ? floor : left);
                }, threads));
            }
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        probes.removePod(uid);
    }

    private void cleanUp(String uid) {
        probes.removePod(uid);
        runtime.removePod(uid);
        sandboxes.remove(uid);
        records.remove(uid);
        statuses.forget(uid);
    }

    /** The pods bound here, as the informer last saw them (copies). */
    public List<Pod> pods() {
        return byUid.values().stream().map(Pod::deepCopy).toList();
    }

    /** The uid of a pod bound here. */
    public Optional<String> uidOf(String namespace, String name) {
        return byUid.values().stream()
                .filter(p -> p.metadata().namespace().equals(namespace) && p.metadata().name().equals(name))
                .map(p -> p.metadata().uid()).findFirst();
    }

    /** Pods with at least one running container. */
    public long runningPods() {
        return byUid.values().stream().filter(p -> p.phase().equals("Running")).count();
    }

    /** Stops watching and working; containers keep running for the next kubelet to adopt. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        informer.close();
        queue.shutDown();
    }
}
