package io.kube4j.controllermanager.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;
import io.kube4j.common.api.core.Namespace;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.controllermanager.ControllerManager;
import io.kube4j.controllermanager.ControllerManagerOptions;
import io.kube4j.controllermanager.ControllerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;

/**
 * A real apiserver on the test class's etcd, an admin client, and in-process controller
 * managers (as system:kube-controller-manager) started on demand. There is no kubelet: tests
 * play its part by writing pod status through the API. Close it to stop everything.
 */
public final class ControllerCluster implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private final TestCluster cluster;
    private final ApiClient admin;
    private final List<ControllerManager> managers = new ArrayList<>();
    public final ResourceClient<Pod> pods;
    private final AtomicInteger ips = new AtomicInteger();

    private ControllerCluster(TestCluster cluster) throws Exception {
        this.cluster = cluster;
        this.admin = ApiClient.create(cluster.clientConfig("admin").withRateLimit(0, 1));
        this.pods = new ResourceClient<>(admin, Pod.KIND);
    }

    public static ControllerCluster start(Etcd etcd) throws Exception {
        return new ControllerCluster(TestCluster.start(etcd));
    }

    public TestCluster cluster() {
        return cluster;
    }

    public ApiClient admin() {
        return admin;
    }

    public static ConditionFactory eventually() {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100));
    }

    /** Starts a controller manager running {@code controllers}, without leader election or port. */
    public ControllerManager startManager(List<String> controllers, ControllerOptions options) throws Exception {
        ControllerManagerOptions cm = ControllerManagerOptions.defaults(cluster.clientConfig("kube-controller-manager"),
                "it-" + managers.size()).withControllers(controllers).withControllerOptions(options);
        ControllerManager manager = new ControllerManager(cm, Clock.systemUTC());
        managers.add(manager);
        return manager.start();
    }

    /**
     * Starts a controller manager that runs {@code controllers} only while it holds the leader
     * Lease, on short timing: lease 3 s, renew deadline 2 s, retry every 500 ms.
     */
    public ControllerManager startElectedManager(String identity, String... controllers) throws Exception {
        ControllerManagerOptions cm = ControllerManagerOptions.defaults(cluster.clientConfig("kube-controller-manager"),
                identity).withControllers(List.of(controllers)).withLeaderElect(true)
                .withLeaderElection(new ControllerManagerOptions.ElectionTiming(Duration.ofSeconds(3), Duration.ofSeconds(2),
                        Duration.ofMillis(500)));
        ControllerManager manager = new ControllerManager(cm, Clock.systemUTC());
        managers.add(manager);
        return manager.start();
    }

    public ControllerManager startManager(String... controllers) throws Exception {
        return startManager(List.of(controllers), ControllerOptions.DEFAULT);
    }

    public <T extends KubeObject> ResourceClient<T> client(Kind<T> kind) {
        return new ResourceClient<>(admin, kind);
    }

    public String namespace(String name) {
        client(Namespace.KIND).create(Namespace.named(name));
        return name;
    }

    public List<Pod> pods(String namespace, String selector) {
        return pods.list(namespace, ListRequest.labels(selector)).items();
    }

    /** Pods matching {@code selector} that are not being deleted. */
    public List<Pod> livePods(String namespace, String selector) {
        return pods(namespace, selector).stream().filter(p -> !p.metadata().isBeingDeleted()).toList();
    }

    /** Plays the kubelet: the pod runs, has an IP and is Ready. */
    public void markReady(Pod pod) {
        setStatus(pod, "Running", true);
    }

    public void setStatus(Pod pod, String phase, boolean ready) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode patch = Json.object();
        ObjectNode status = patch.putObject("status");
        status.put("phase", phase);
        status.put("podIP", "10.1." + (ips.incrementAndGet() / 250) + "." + (ips.get() % 250 + 1));
        status.putArray("conditions").addObject().put("type", "Ready").put("status", ready ? "True" : "False")
                .put("lastTransitionTime", now);
        pods.patchStatus(pod.metadata().namespace(), pod.metadata().name(), ResourceClient.MERGE_PATCH, patch);
    }

    /** A kubeconfig for {@code identity} aimed at this apiserver. */
    public Path kubeconfig(String identity) throws Exception {
        Path source = cluster.pki().resolve(identity + ".kubeconfig");
        String text = Files.readString(source).replace("https://127.0.0.1:6443", cluster.url().toString());
        Path target = Files.createTempFile(cluster.pki(), identity + "-", ".kubeconfig");
        Files.writeString(target, text);
        return target;
    }

    @Override
    public void close() {
        managers.forEach(ControllerManager::close);
        admin.close();
        cluster.close();
    }
}
