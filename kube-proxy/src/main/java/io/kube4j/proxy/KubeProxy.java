package io.kube4j.proxy;

import io.kube4j.common.api.core.Endpoints;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.api.core.Service;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ClientConfig;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.common.client.informer.SharedInformer;
import io.kube4j.common.daemon.Daemons;
import io.kube4j.proxy.config.Cidr;
import io.kube4j.proxy.config.HostPort;
import io.kube4j.proxy.config.ProxyConfig;
import io.kube4j.proxy.config.ProxyMode;
import io.kube4j.proxy.rules.IpvsRenderer;
import io.kube4j.proxy.rules.IpvsTable;
import io.kube4j.proxy.rules.VirtualServer;
import io.kube4j.proxy.server.HealthState;
import io.kube4j.proxy.server.ProxyHttpServer;
import io.kube4j.proxy.server.ProxyMetrics;
import io.kube4j.proxy.state.ProxyState;
import io.kube4j.proxy.state.StateBuilder;
import io.kube4j.proxy.userspace.ServiceStats;
import io.kube4j.proxy.userspace.UserspaceProxier;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-proxy in one object: informers on Services, Endpoints and this node; one sync thread that
 * turns them into a {@link ProxyState} whenever they change (and every sync period) and hands it to
 * the mode ({@link UserspaceProxier}, or the iptables/ipvs {@link RuleSync}); /healthz and /metrics.
 * {@link #start()} fails when the apiserver cannot be reached; {@link #close()} stops listeners,
 * connections and informers.
 */
public final class KubeProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubeProxy.class);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

    private final ProxyConfig config;
    private final ClientConfig client;
    private final String nodeName;
    private final Clock clock;
    private final Consumer<String> dryRun;
    private final HealthState health;
    private final ProxyMetrics metrics;
    private final ScheduledExecutorService syncThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kube-proxy-sync");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean syncQueued = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private ApiClient api;
    private SharedInformer<Service> services;
    private SharedInformer<Endpoints> endpoints;
    private UserspaceProxier userspace;
    private RuleSync rules;
    private volatile ProxyState state = ProxyState.EMPTY;
    private ProxyHttpServer healthServer;
    private ProxyHttpServer metricsServer;
    private volatile boolean closed;

    /**
     * @param dryRun where the iptables/ipvs modes print their rules instead of applying them, or null to apply
     */
    public KubeProxy(ProxyConfig config, ClientConfig client, String nodeName, Consumer<String> dryRun, Clock clock) {
        this.config = config;
        this.client = client;
        this.nodeName = nodeName;
        this.dryRun = dryRun;
        this.clock = clock;
        this.health = new HealthState(clock, config.syncPeriod().multipliedBy(2));
        this.metrics = new ProxyMetrics(this::stats);
    }

    public KubeProxy start() throws IOException, InterruptedException {
        api = ApiClient.create(client);
        try {
            api.get("/api/v1/services?limit=1");
        } catch (RuntimeException e) {
            throw new IOException("cannot use the apiserver at " + client.server() + ": " + Daemons.oneLine(e), e);
        }
        List<InetAddress> nodeAddresses = Cidr.localAddresses(config.nodePortAddresses(), config.bindAddress());
        switch (config.mode()) {
            case USERSPACE -> userspace = new UserspaceProxier(new UserspaceProxier.Options(config.scheduler(), nodeAddresses,
                    Runtime.getRuntime().availableProcessors(), UserspaceProxier.DEFAULT_BUFFER), System::nanoTime);
            case IPTABLES, IPVS -> rules = new RuleSync(config, nodeAddresses, dryRun);
        }
        services = new SharedInformer<>(new ResourceClient<>(api, Service.KIND), "", ListRequest.ALL, Duration.ZERO);
        endpoints = new SharedInformer<>(new ResourceClient<>(api, Endpoints.KIND), "", ListRequest.ALL, Duration.ZERO);
        SharedInformer<Node> node = new SharedInformer<>(new ResourceClient<>(api, Node.KIND), "",
                ListRequest.fields("metadata.name=" + nodeName), Duration.ZERO);
        closeables.add(services);
        closeables.add(endpoints);
        closeables.add(node);
        services.addEventHandler(changes());
        endpoints.addEventHandler(changes());
        node.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node n) {
                LOG.info("kube-proxy: node {} is registered", nodeName);
            }
        });
        services.start();
        endpoints.start();
        node.start();
        if (!services.awaitSynced(SYNC_TIMEOUT) || !endpoints.awaitSynced(SYNC_TIMEOUT)) {
            throw new IOException("services and endpoints did not sync from " + client.server() + " within " + SYNC_TIMEOUT.toSeconds() + " s");
        }
        sync();
        long period = config.syncPeriod().toMillis();
        syncThread.scheduleWithFixedDelay(this::requestSync, period, period, TimeUnit.MILLISECONDS);
        startServers();
        LOG.info("kube-proxy started: node {}, mode {}, scheduler {}, {} service ports", nodeName,
                config.mode().flagValue(), config.scheduler(), state.services().size());
        return this;
    }

    private <T> ResourceEventHandler<T> changes() {
        return ResourceEventHandler.onChange(changed -> requestSync());
    }

    /** Queues one sync; changes arriving before it runs are folded into it. */
    public void requestSync() {
        health.changed();
        if (syncQueued.compareAndSet(false, true)) {
            syncThread.execute(this::sync);
        }
    }

    private void sync() {
        if (closed) {
            return;
        }
        syncQueued.set(false);
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        try {
            ProxyState next = StateBuilder.build(services.lister().list(""),
                    (ns, name) -> endpoints.lister().get(ns, name).orElse(null));
            if (userspace != null) {
                userspace.apply(next);
            } else {
                rules.apply(next);
            }
            state = next;
            metrics.synced(System.nanoTime() - t0, clock.millis());
            health.synced(started);
        } catch (RuntimeException e) {
            LOG.error("kube-proxy: sync failed (retried on the next change or period): {}", Daemons.oneLine(e));
        }
    }

    private void startServers() throws IOException {
        HostPort healthz = HostPort.parse(config.healthzBindAddress(), "--healthz-bind-address");
        if (healthz.enabled()) {
            healthServer = ProxyHttpServer.start(healthz.socketAddress(), Map.of("/healthz", () -> {
                boolean ok = health.healthy();
                return new ProxyHttpServer.Reply(ok ? 200 : 503, "application/json",
                        health.json(nodeName).getBytes(StandardCharsets.UTF_8));
            }));
        }
        HostPort metricsAt = HostPort.parse(config.metricsBindAddress(), "--metrics-bind-address");
        if (metricsAt.enabled()) {
            Map<String, Supplier<ProxyHttpServer.Reply>> routes = new LinkedHashMap<>();
            routes.put("/metrics", () -> new ProxyHttpServer.Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
            routes.put("/healthz", () -> new ProxyHttpServer.Reply(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)));
            routes.put("/rules", () -> new ProxyHttpServer.Reply(200, "text/plain; charset=utf-8",
                    IpvsTable.format(table()).getBytes(StandardCharsets.UTF_8)));
            metricsServer = ProxyHttpServer.start(metricsAt.socketAddress(), routes);
        }
    }

    /** The current table with live counts (userspace) or as the rules state it (iptables, ipvs). */
    public List<VirtualServer> table() {
        if (userspace != null) {
            return userspace.table();
        }
        return IpvsRenderer.virtualServers(state, config.scheduler(), rules.nodeAddresses());
    }

    public ProxyState state() {
        return state;
    }

    public UserspaceProxier userspace() {
        return userspace;
    }

    public boolean healthy() {
        return health.healthy();
    }

    public ProxyMode mode() {
        return config.mode();
    }

    private Map<String, ServiceStats> stats() {
        return userspace == null ? Map.of() : userspace.stats();
    }

    /** Blocks until {@link #close()}. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        syncThread.shutdownNow();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        if (healthServer != null) {
            healthServer.close();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        if (userspace != null) {
            userspace.close();
        }
        if (api != null) {
            api.close();
        }
        stopped.countDown();
    }
}
