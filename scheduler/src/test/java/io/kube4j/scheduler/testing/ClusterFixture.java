package io.kube4j.scheduler.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Event;
import io.kube4j.common.api.core.Namespace;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.scheduler.KubeScheduler;
import io.kube4j.scheduler.SchedulerOptions;
import io.kube4j.scheduler.config.SchedulerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real apiserver on the test class's etcd, an admin client, and in-process schedulers started
 * on demand (authenticated as system:kube-scheduler). Nodes are plain API objects: no kubelet.
 * Close it to stop everything it started.
 */
public final class ClusterFixture implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private final TestCluster cluster;
    private final ApiClient admin;
    public final ResourceClient<Pod> pods;
    public final ResourceClient<Node> nodes;
    public final ResourceClient<Event> events;
    private final List<KubeScheduler> schedulers = new ArrayList<>();

    private ClusterFixture(TestCluster cluster) throws Exception {
        this.cluster = cluster;
        this.admin = ApiClient.create(cluster.clientConfig("admin").withRateLimit(0, 1));
        this.pods = new ResourceClient<>(admin, Pod.KIND);
        this.nodes = new ResourceClient<>(admin, Node.KIND);
        this.events = new ResourceClient<>(admin, Event.KIND);
    }

    public static ClusterFixture start(Etcd etcd) throws Exception {
        return new ClusterFixture(TestCluster.start(etcd));
    }

    /** An admin client of any kind. */
    public <T extends io.kube4j.common.api.KubeObject> ResourceClient<T> client(io.kube4j.common.api.Kind<T> kind) {
        return new ResourceClient<>(admin, kind);
    }

    public TestCluster cluster() {
        return cluster;
    }

    /** Starts a scheduler without leader election or health port; closed with the fixture. */
    public KubeScheduler startScheduler(SchedulerConfig config) throws Exception {
        SchedulerOptions options = SchedulerOptions.defaults(cluster.clientConfig("kube-scheduler"), "it-" + schedulers.size())
                .withConfig(config).withLeaderElect(false).withServing("127.0.0.1", 0, null, null);
        KubeScheduler scheduler = KubeScheduler.create(options);
        schedulers.add(scheduler);
        return scheduler.start();
    }

    public String namespace(String name) {
        new ResourceClient<>(admin, Namespace.KIND).create(Namespace.named(name));
        return name;
    }

    public Node createNode(NodeBuilder node) {
        return nodes.create(node.build());
    }

    public Pod createPod(String namespace, PodBuilder pod) {
        Pod p = pod.build();
        p.metadata().namespace(namespace);
        return pods.create(p);
    }

    public Pod get(String namespace, String name) {
        return pods.get(namespace, name);
    }

    /** Waits until the pod has a node, and answers it. */
    public String awaitBound(String namespace, String name) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> get(namespace, name).nodeName(), node -> !node.isEmpty());
    }

    /** Waits until the pod's PodScheduled condition is False with {@code reason}, and answers its message. */
    public String awaitUnschedulable(String namespace, String name, String reason) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> condition(get(namespace, name)).filter(c -> c.path("status").asText().equals("False")
                        && c.path("reason").asText().equals(reason)).map(c -> c.path("message").asText()), Optional::isPresent)
                .orElseThrow();
    }

    public static Optional<JsonNode> condition(Pod pod) {
        for (JsonNode c : pod.json().path("status").path("conditions")) {
            if (c.path("type").asText().equals("PodScheduled")) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The Events about {@code pod} with {@code reason}. */
    public List<Event> eventsFor(String namespace, String pod, String reason) {
        return events.list(namespace, ListRequest.fields("involvedObject.name=" + pod + ",reason=" + reason)).items();
    }

    /** Deletes every node, and every pod of {@code namespace} at once (no kubelet would finish a graceful delete). */
    public void clean(String namespace) {
        JsonNode now = Json.parse("{\"gracePeriodSeconds\":0}");
        for (Pod pod : pods.listAll(namespace, ListRequest.ALL).items()) {
            pods.delete(namespace, pod.metadata().name(), now);
        }
        for (Node node : nodes.listAll("", ListRequest.ALL).items()) {
            nodes.delete("", node.metadata().name());
        }
    }

    /**
     * {@link #clean} and then a barrier: a sentinel pod must be judged against no nodes at all ("0/0 nodes"),
     * which shows the running scheduler has seen every node deletion, so the next test cannot meet a
     * deleted node in its cache. A sentinel bound to a stale node is removed and another one tried.
     */
    public void cleanAndSync(String namespace) {
        clean(namespace);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            String name = "sync-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            createPod(namespace, PodBuilder.pod(name));
            try {
                return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    Pod pod = get(namespace, name);
                    if (!pod.nodeName().isEmpty()) {
                        return Optional.of(false);
                    }
                    return condition(pod).filter(c -> c.path("status").asText().equals("False"))
                            .map(c -> c.path("message").asText().startsWith("0/0 nodes"));
                }, Optional::isPresent).orElse(false);
            } catch (org.awaitility.core.ConditionTimeoutException noVerdictYet) {
                return false;
            } finally {
                pods.delete(namespace, name, Json.parse("{\"gracePeriodSeconds\":0}"));
            }
        });
    }

    /** A kubeconfig for {@code identity} aimed at this apiserver (the PKI's copy points at 127.0.0.1:6443). */
    public Path kubeconfig(String identity) throws Exception {
        Path source = cluster.pki().resolve(identity + ".kubeconfig");
        String text = Files.readString(source).replace("https://127.0.0.1:6443", cluster.url().toString());
        Path target = Files.createTempFile(cluster.pki(), identity + "-", ".kubeconfig");
        Files.writeString(target, text);
        return target;
    }

    @Override
    public void close() {
        schedulers.forEach(KubeScheduler::close);
        admin.close();
        cluster.close();
    }
}
