package io.kube4j.kubelet;

import io.kube4j.common.client.ApiClient;
import io.kube4j.kubelet.node.NodeAgent;
import io.kube4j.kubelet.node.NodeConfig;
import io.kube4j.kubelet.pod.PodWorkers;
import io.kube4j.kubelet.probe.ProbeManager;
import io.kube4j.kubelet.runtime.ContainerRuntime;
import io.kube4j.kubelet.runtime.ContainerRuntimes;
import io.kube4j.kubelet.server.KubeletMetrics;
import io.kube4j.kubelet.server.KubeletServer;
import io.kube4j.kubelet.server.LogSource;
import io.kube4j.kubelet.server.ServingTls;
import io.kube4j.kubelet.volume.ApiReferencedObjects;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One kubelet: its node(s) in the cluster, the pods bound to them, and its HTTPS API. {@link #close()}
 * stops the kubelet but leaves the containers running, as Kubernetes' kubelet does, so that the
 * next kubelet over the same {@code --root-dir} adopts them.
 */
public final class Kubelet implements AutoCloseable {

    private final KubeletOptions options;
    private final Clock clock;
    private final ApiClient api;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, threads("kubelet-timer"));
    private final ExecutorService workers = Executors.newCachedThreadPool(threads("kubelet-worker"));
    private final List<NodeAgent> nodes = new ArrayList<>();
    private final ContainerRuntime runtime;
    private final ProbeManager probes;
    private final PodWorkers pods;
    private final KubeletMetrics metrics;
    private KubeletServer server;

    public Kubelet(KubeletOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        // a fake kubelet speaks for many nodes: its rate limit grows with them (3 requests per node per heartbeat)
        this.api = ApiClient.create(options.fakeNodes() <= 0 ? options.client() : options.client().withRateLimit(
                Math.max(options.client().qps(), 3.0 * options.fakeNodes()),
                Math.max(options.client().burst(), 3 * options.fakeNodes())));
        PodWorkers[] self = new PodWorkers[1];
        this.runtime = ContainerRuntimes.create(options.runtime(), options.rootDir().resolve("pods"), clock,
                uid -> Optional.ofNullable(self[0]).ifPresent(w -> w.enqueue(uid)), options.podInfraImage());
        this.probes = new ProbeManager(scheduler, uid -> Optional.ofNullable(self[0]).ifPresent(w -> w.enqueue(uid)));
        Set<String> names = new LinkedHashSet<>(nodeNames());
        this.metrics = new KubeletMetrics(() -> self[0].runningPods(), probes::resultCounts);
        this.pods = new PodWorkers(api, runtime, probes, new ApiReferencedObjects(api),
                new PodWorkers.Settings(names, options.nodeIp(), options.podCidr(), options.rootDir().resolve("pods"),
                        options.backoff(), options.runtime() == ContainerRuntimes.Type.FAKE ? 4 : 8, Duration.ofSeconds(30),
                        Duration.ofSeconds(2), Duration.ofSeconds(10), options.podManifestPath()),
                clock, metrics, workers, scheduler);
        self[0] = pods;
        for (String name : names) {
            NodeConfig config = new NodeConfig(name, options.nodeIp(), options.cpu(), options.memory(), options.maxPods(),
                    options.labels(), options.taints(), options.port(), runtime.version(), options.podCidr());
            nodes.add(new NodeAgent(config, api, scheduler, clock, options.periods()));
        }
    }

    /** The names of the nodes this kubelet registers. */
    public List<String> nodeNames() {
        if (options.fakeNodes() <= 0) {
            return List.of(options.nodeName());
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < options.fakeNodes(); i++) {
            names.add(options.nodeName() + "-" + i);
        }
        return names;
    }

    /**
     * Registers the node(s), serves the API, and starts running pods; throws when the apiserver
     * cannot be used — unless there is a {@code --pod-manifest-path}: its static pods run at once and
     * the node registers whenever the apiserver answers.
     */
    public void start() throws IOException, InterruptedException {
        for (NodeAgent node : nodes) {
            if (options.podManifestPath() == null) {
                node.start();
            } else {
                node.startInBackground(); // static pods run before (and without) the apiserver
            }
        }
        if (options.port() > 0) {
            var tls = ServingTls.context(options.tlsCert(), options.tlsKey(), options.clientCa(), options.nodeName(),
                    options.nodeIp(), clock);
            server = KubeletServer.start(new InetSocketAddress(options.port()), tls, options.clientCa() != null,
                    pods::pods, logSource(), metrics::scrape, workers);
        }
        pods.start(Duration.ofSeconds(30));
    }

    private LogSource logSource() {
        return (namespace, pod, container, previous) ->
                pods.uidOf(namespace, pod).flatMap(uid -> runtime.log(uid, container, previous));
    }

    /** The HTTPS port, or 0 when the API is disabled. */
    public int port() {
        return server == null ? 0 : server.port();
    }

    public ContainerRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        nodes.forEach(NodeAgent::close);
        pods.close();
        probes.close();
        scheduler.shutdownNow();
        workers.shutdownNow();
        runtime.close();
        api.close();
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
