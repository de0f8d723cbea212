package io.kube4j.scheduler;

import io.kube4j.common.api.coordination.Lease;
import io.kube4j.common.api.core.Event;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.events.EventRecorder;
import io.kube4j.common.client.informer.InformerFactory;
import io.kube4j.common.client.leader.LeaderCallbacks;
import io.kube4j.common.client.leader.LeaderElectionConfig;
import io.kube4j.common.client.leader.LeaderElector;
import io.kube4j.common.daemon.Daemons;
import io.kube4j.scheduler.cache.SchedulerCache;
import io.kube4j.scheduler.config.ProfileConfig;
import io.kube4j.scheduler.core.ApiReporter;
import io.kube4j.scheduler.core.NodeEventHandler;
import io.kube4j.scheduler.core.PodEventHandler;
import io.kube4j.scheduler.core.Scheduler;
import io.kube4j.scheduler.core.SchedulingAlgorithm;
import io.kube4j.scheduler.framework.Profile;
import io.kube4j.scheduler.metrics.SchedulerMetrics;
import io.kube4j.scheduler.plugins.Registry;
import io.kube4j.scheduler.plugins.defaultbinder.DefaultBinder;
import io.kube4j.scheduler.queue.SchedulingQueue;
import io.kube4j.scheduler.server.HealthServer;
import io.kube4j.scheduler.server.ServingTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kube-scheduler, assembled: informers on pods and nodes feeding the queue and the cache, the
 * scheduling loop, bindings on a small pool, Events and pod conditions, leader election over the
 * Lease {@code kube-system/kube-scheduler}, and the health/metrics endpoint. The informers run
 * from {@link #start()} whether or not this instance leads, so a standby that takes over
 * schedules from a warm cache at once. Losing the lease stops scheduling for good (as
 * Kubernetes' scheduler exits); {@link #awaitStop()} tells.
 */
public final class KubeScheduler implements AutoCloseable {

    /** Why a scheduler stopped. */
    public enum Stop { CLOSED, LOST_LEADERSHIP }

    public static final String LEASE_NAMESPACE = "kube-system";
    public static final String LEASE_NAME = "kube-scheduler";
    private static final Logger LOG = LoggerFactory.getLogger(KubeScheduler.class);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

    private final SchedulerOptions options;
    private final ApiClient api;
    private final ApiClient eventsApi;
    private final InformerFactory informers;
    private final SchedulingQueue queue;
    private final SchedulerCache cache = SchedulerCache.create();
    private final SchedulerMetrics metrics;
    private final EventRecorder recorder;
    private final ExecutorService binders;
    private final ExecutorService statusWriter;
    private final ScheduledExecutorService timer;
    private final Map<String, Profile> profiles = new LinkedHashMap<>();
    private final Scheduler scheduler;
    private final CompletableFuture<Stop> stopped = new CompletableFuture<>();
    private volatile boolean closing;
    private LeaderElector elector;
    private HealthServer health;

    private KubeScheduler(SchedulerOptions options) {
        this.options = options;
        this.api = ApiClient.create(options.client().withRateLimit(options.config().qps(), options.config().burst())
                .withUserAgent("kube-scheduler"));
        // Events get their own client at the library's default rate, so they never hold up bindings
        this.eventsApi = ApiClient.create(options.client().withUserAgent("kube-scheduler"));
        ResourceClient<Pod> pods = new ResourceClient<>(api, Pod.KIND);
        DefaultBinder binder = new DefaultBinder(pods);
        for (ProfileConfig profile : options.config().profiles()) {
            profiles.put(profile.schedulerName(),
                    Registry.profile(profile, options.config().percentageOfNodesToScore(), binder));
        }
        this.informers = new InformerFactory(api, Duration.ZERO);
        this.queue = SchedulingQueue.create(options.clock());
        this.metrics = new SchedulerMetrics(queue::lengths);
        this.recorder = new EventRecorder(new ResourceClient<>(eventsApi, Event.KIND),
                ProfileConfig.DEFAULT_SCHEDULER_NAME, options.identity(), options.clock());
        this.binders = Executors.newFixedThreadPool(options.bindThreads(), threads("scheduler-binder"));
        this.statusWriter = Executors.newSingleThreadExecutor(threads("scheduler-status"));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("scheduler-queue-flush"));
        this.scheduler = new Scheduler(queue, cache, profiles, new SchedulingAlgorithm(new Random()), binders,
                new ApiReporter(recorder, pods, statusWriter, options.clock()), metrics, options.clock());
    }

    /**
     * Builds a scheduler without touching the network.
     *
     * @throws io.kube4j.scheduler.config.ConfigException when a profile names an unknown plugin
     */
    public static KubeScheduler create(SchedulerOptions options) {
        for (ProfileConfig profile : options.config().profiles()) {
            Registry.profile(profile, options.config().percentageOfNodesToScore(), null); // fail before connecting
        }
        return new KubeScheduler(options);
    }

    /**
     * Checks the apiserver answers, serves health, syncs the informers, then schedules — at once,
     * or once elected.
     *
     * @throws IllegalStateException with a one-line reason when the apiserver cannot be used
     */
    public KubeScheduler start() throws IOException, InterruptedException {
        try {
            api.get("/api/v1/nodes?limit=1");
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot use the apiserver at " + api.server() + ": " + Daemons.oneLine(e), e);
        }
        if (options.securePort() != 0) {
            SSLContext tls = options.tlsCertFile() == null
                    ? ServingTls.selfSigned(java.net.InetAddress.getLocalHost().getHostName(), options.clock())
                    : ServingTls.fromFiles(options.tlsCertFile(), options.tlsKeyFile());
            health = HealthServer.start(new InetSocketAddress(options.bindAddress(), options.securePort()), tls,
                    () -> !stopped.isDone(), metrics::scrape);
            LOG.info("kube-scheduler serves /healthz and /metrics on https://{}:{}", options.bindAddress(), health.port());
        }
        informers.informer(Pod.KIND).addEventHandler(new PodEventHandler(queue, cache, profiles.keySet()));
        informers.informer(Node.KIND).addEventHandler(new NodeEventHandler(queue, cache));
        informers.start();
        if (!informers.awaitSynced(SYNC_TIMEOUT)) {
            throw new IllegalStateException("the pod and node caches did not sync within " + SYNC_TIMEOUT.toSeconds() + " s");
        }
        timer.scheduleAtFixedRate(queue::flush, 1, 1, TimeUnit.SECONDS);
        if (options.leaderElect()) {
            elector = new LeaderElector(new ResourceClient<>(api, Lease.KIND),
                    LeaderElectionConfig.of(LEASE_NAMESPACE, LEASE_NAME, options.identity()), callbacks(), options.clock());
            elector.start();
            LOG.info("kube-scheduler {} is waiting to lead {}/{}", options.identity(), LEASE_NAMESPACE, LEASE_NAME);
        } else {
            scheduler.start();
        }
        return this;
    }

    private LeaderCallbacks callbacks() {
        return new LeaderCallbacks() {
            @Override
            public void startedLeading() {
                scheduler.start();
            }

            @Override
            public void stoppedLeading() {
                if (!closing) {
                    LOG.error("kube-scheduler {} lost the lease {}/{}: stopping", options.identity(), LEASE_NAMESPACE, LEASE_NAME);
                    scheduler.close();
                    stopped.complete(Stop.LOST_LEADERSHIP);
                }
            }
        };
    }

    /** Blocks until {@link #close()} or the loss of the lease. */
    public Stop awaitStop() throws InterruptedException {
        try {
            return stopped.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public boolean isLeader() {
        return elector == null ? !stopped.isDone() : elector.isLeader();
    }

    public SchedulerMetrics metrics() {
        return metrics;
    }

    /** How many pods wait in each part of the scheduling queue now. */
    public io.kube4j.scheduler.queue.QueueLengths queueLengths() {
        return queue.lengths();
    }

    /** The port /healthz and /metrics are served on; 0 when disabled. */
    public int healthPort() {
        return health == null ? 0 : health.port();
    }

    /**
     * Stops scheduling, lets in-flight bindings finish (up to ten seconds), and only then releases
     * the lease, so a successor never schedules against capacity this instance is still binding.
     */
    @Override
    public void close() {
        closing = true;
        scheduler.close();
        binders.shutdown();
        try {
            binders.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (elector != null) {
            elector.close();
        }
        timer.shutdownNow();
        informers.close();
        statusWriter.shutdown();
        recorder.close();
        api.close();
        eventsApi.close();
        if (health != null) {
            health.close();
        }
        stopped.complete(Stop.CLOSED);
    }

    private static java.util.concurrent.ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
