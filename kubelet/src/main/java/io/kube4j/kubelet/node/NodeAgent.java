package io.kube4j.kubelet.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.coordination.Lease;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's presence in the cluster: registers the Node, then renews its Lease in
 * {@code kube-node-lease} and posts its status, each on its own period, on the shared scheduler.
 * A failed heartbeat is logged and tried again on the next tick.
 */
public final class NodeAgent implements AutoCloseable {

    public static final String LEASE_NAMESPACE = "kube-node-lease";
    public static final int LEASE_DURATION_SECONDS = 40;
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** How often the lease is renewed and the status posted (10 s each in Kubernetes). */
    public record Periods(Duration leaseRenew, Duration statusUpdate) {
        public static final Periods DEFAULT = new Periods(Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    private final NodeConfig config;
    private final ResourceClient<Node> nodes;
    private final ResourceClient<Lease> leases;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Periods periods;
    private volatile ObjectNode lastStatus;
    private volatile boolean closed;
    private ScheduledFuture<?> leaseTask;
    private ScheduledFuture<?> statusTask;

    public NodeAgent(NodeConfig config, ApiClient api, ScheduledExecutorService scheduler, Clock clock, Periods periods) {
        this.config = config;
        this.nodes = new ResourceClient<>(api, Node.KIND);
        this.leases = new ResourceClient<>(api, Lease.KIND);
        this.scheduler = scheduler;
        this.clock = clock;
        this.periods = periods;
    }

    public String nodeName() {
        return config.name();
    }

    /**
     * Registers the node in the background, trying again every status period until the apiserver
     * answers; then heartbeats as after {@link #start()}. For a kubelet that must run (static pods)
     * without an apiserver.
     */
    public void startInBackground() {
        scheduler.execute(this::tryStart);
    }

    private void tryStart() {
        if (closed) {
            return;
        }
        try {
            start();
        } catch (RuntimeException e) {
            LOG.warn("node {}: not registered yet, trying again in {}: {}", config.name(), periods.statusUpdate(), e.getMessage());
            try {
                scheduler.schedule(this::tryStart, periods.statusUpdate().toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the kubelet is stopping
            }
        }
    }

    /** Registers the node and posts its first status and lease; throws when the apiserver refuses. */
    public synchronized void start() {
        if (closed) {
            return;
        }
        try {
            nodes.create(NodeObjects.node(config));
            LOG.info("registered node {}", config.name());
        } catch (ApiException e) {
            if (!e.isAlreadyExists()) {
                throw e;
            }
            LOG.info("node {} was registered before", config.name());
        }
        postStatus();
        renewLease();
        long lease = periods.leaseRenew().toMillis();
        long status = periods.statusUpdate().toMillis();
        leaseTask = scheduler.scheduleWithFixedDelay(this::renewQuietly, lease, lease, TimeUnit.MILLISECONDS);
        statusTask = scheduler.scheduleWithFixedDelay(this::postQuietly, status, status, TimeUnit.MILLISECONDS);
    }

    private void renewQuietly() {
        try {
            renewLease();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("node {}: cannot renew lease: {}", config.name(), e.getMessage());
            }
        }
    }

    private void postQuietly() {
        try {
            postStatus();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("node {}: cannot post status: {}", config.name(), e.getMessage());
            }
        }
    }

    void renewLease() {
        String now = MICRO_TIME.format(clock.instant());
        var existing = leases.find(LEASE_NAMESPACE, config.name());
        if (existing.isPresent()) {
            Lease lease = existing.get();
            lease.spec().put("holderIdentity", config.name());
            lease.spec().put("leaseDurationSeconds", LEASE_DURATION_SECONDS);
            lease.spec().put("renewTime", now);
            leases.update(lease);
            return;
        }
        Lease lease = Lease.named(LEASE_NAMESPACE, config.name());
        lease.spec().put("holderIdentity", config.name());
        lease.spec().put("leaseDurationSeconds", LEASE_DURATION_SECONDS);
        lease.spec().put("renewTime", now);
        lease.spec().put("acquireTime", now);
        lease.metadata().json().putArray("ownerReferences").addObject()
                .put("apiVersion", "v1").put("kind", "Node").put("name", config.name())
                .put("uid", nodes.get("", config.name()).metadata().uid());
        leases.create(lease);
    }

    void postStatus() {
        ObjectNode status = NodeObjects.status(config, clock.instant(), lastStatus);
        ObjectNode patch = Json.object();
        patch.set("status", status);
        nodes.patchStatus("", config.name(), ResourceClient.MERGE_PATCH, patch);
        lastStatus = status;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (leaseTask != null) {
            leaseTask.cancel(false);
            statusTask.cancel(false);
        }
    }
}
