package io.kube4j.controllermanager.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.coordination.Lease;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.informer.Lister;
import io.kube4j.common.client.informer.SharedInformer;
import io.kube4j.controllermanager.Controller;
import io.kube4j.controllermanager.ControllerContext;
import io.kube4j.controllermanager.ControllerOptions;
import io.kube4j.controllermanager.util.Conditions;
import io.kube4j.controllermanager.util.Pods;
import io.kube4j.controllermanager.util.Result;
import io.kube4j.controllermanager.util.Workers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches node heartbeats (the node's Lease in {@code kube-node-lease} and its Ready condition)
 * every {@code --node-monitor-period}. A node silent for the grace period becomes Ready=Unknown
 * with the NoExecute taint {@code unreachable} (a node reporting NotReady gets {@code not-ready}),
 * and its pods are marked not ready; after their toleration (or {@code --pod-eviction-timeout})
 * they are evicted, at most {@code --node-eviction-rate} nodes a second. A node that reports
 * Ready again loses the taints. Silence is measured on this process's clock from when the
 * heartbeat last changed, so node clocks need not agree with ours.
 */
public final class NodeLifecycleController implements Controller {

    static final String NODE_INDEX = "nodelifecycle-node";
    static final String LEASE_NAMESPACE = "kube-node-lease";

    private record Probe(String heartbeat, Instant observedAt) {
    }

    private ControllerContext context;
    private ControllerOptions options;
    private Lister<Node> nodes;
    private Lister<Lease> leases;
    private SharedInformer<Pod> pods;
    private NodeWrites writes;
    private EvictionLimiter limiter;
    private Workers workers;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();
    private final Set<String> evicting = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService ticker;

    @Override
    public String name() {
        return "nodelifecycle";
    }

    @Override
    public void register(ControllerContext context) {
        this.context = context;
        this.options = context.options();
        this.writes = new NodeWrites(context.api());
        this.limiter = new EvictionLimiter(context.clock(), options.nodeEvictionRate());
        this.workers = new Workers(name(), this::reconcile, context.metrics());
        nodes = context.informers().informer(Node.KIND).lister();
        leases = context.informers().informer(Lease.KIND).lister();
        pods = context.informers().informer(Pod.KIND);
        pods.indexer().addIndex(NODE_INDEX, p -> p.nodeName().isEmpty() ? List.of() : List.of(p.nodeName()));
    }

    @Override
    public void run(int count) {
        workers.start(count);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nodelifecycle-monitor");
            t.setDaemon(true);
            return t;
        });
        long period = options.nodeMonitorPeriod().toMillis();
        ticker.scheduleAtFixedRate(() -> nodes.list("").forEach(n -> workers.enqueue(n.metadata().name())),
                0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (workers != null) {
            workers.close();
        }
    }

    Result reconcile(String name) {
        Optional<Node> found = nodes.get("", name);
        if (found.isEmpty()) {
            probes.remove(name);
            evicting.remove(name);
            return Result.DONE;
        }
        Node node = found.get();
        Instant now = context.clock().instant();
        Optional<JsonNode> ready = NodeWrites.readyCondition(node);
        String heartbeat = leases.get(LEASE_NAMESPACE, name).map(Lease::renewTime).orElse("") + "|"
                + ready.map(c -> c.path("lastHeartbeatTime").asText("")).orElse("");
        Probe probe = probes.compute(name, (k, p) -> p == null || !p.heartbeat().equals(heartbeat) ? new Probe(heartbeat, now) : p);
        Duration silence = Duration.between(probe.observedAt(), now);
        boolean stale = silence.compareTo(options.nodeMonitorGracePeriod()) > 0;
        // A node that has not reported Ready yet (just registered) gets its grace period before it counts
        // as unreachable, as Kubernetes gives new nodes a start-up grace.
        String readyStatus = ready.map(c -> c.path("status").asText("Unknown")).orElse(stale ? "Unknown" : "True");
        List<Pod> onNode = pods.indexer().byIndex(NODE_INDEX, name);
        if (stale && !readyStatus.equals("Unknown")) {
            writes.markUnknown(node, now);
            readyStatus = "Unknown";
        }
        if (stale) {
            onNode.stream().filter(p -> Pods.isReady(p) && !p.metadata().isBeingDeleted())
                    .forEach(p -> writes.markPodNotReady(p, now));
        }
        String taint = switch (readyStatus) {
            case "True" -> null;
            case "False" -> NodeWrites.NOT_READY;
            default -> NodeWrites.UNREACHABLE;
        };
        Node written = writes.setHealthTaint(node, taint, now);
        if (taint == null) {
            evicting.remove(name);
            return Result.DONE;
        }
        if (stale && !options.deleteUnreachableNodesAfter().isZero()
                && silence.compareTo(options.deleteUnreachableNodesAfter()) > 0) {
            writes.deleteNode(written);
            return Result.DONE;
        }
        evictExpired(written, taint, onNode, now);
        return Result.DONE;
    }

    private void evictExpired(Node node, String taintKey, List<Pod> onNode, Instant now) {
        Instant taintedAt = now;
        for (JsonNode t : node.spec().path("taints")) {
            if (t.path("key").asText().equals(taintKey)) {
                taintedAt = Conditions.time(t.get("timeAdded")).orElse(now);
            }
        }
        String name = node.metadata().name();
        for (Pod pod : onNode) {
            if (pod.metadata().isBeingDeleted()) {
                writes.evict(pod, true); // its kubelet is not there to finish a graceful delete
                continue;
            }
            Optional<Duration> delay = Tolerations.evictionDelay(pod, taintKey, options.podEvictionTimeout());
            if (delay.isEmpty() || taintedAt.plus(delay.get()).isAfter(now)) {
                continue;
            }
            if (!evicting.contains(name)) {
                if (!limiter.tryAcquire()) {
                    return;
                }
                evicting.add(name);
            }
            writes.evict(pod, false);
        }
    }
}
