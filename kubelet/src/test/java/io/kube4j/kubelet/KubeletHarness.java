package io.kube4j.kubelet;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.tls.KeyStores;
import io.kube4j.common.tls.Pem;
import io.kube4j.kubelet.node.NodeAgent;
import io.kube4j.kubelet.pod.Backoff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A process kubelet for node n1 against a TestCluster, with short timers, and pod helpers for its tests. */
final class KubeletHarness implements AutoCloseable {

    final TestCluster cluster;
    final Path rootDir;
    final ApiClient admin;
    final ResourceClient<Pod> pods;
    Kubelet kubelet;

    KubeletHarness(TestCluster cluster) throws Exception {
        this.cluster = cluster;
        this.rootDir = Files.createTempDirectory("kube4j-kubelet-");
        this.admin = ApiClient.create(cluster.clientConfig("admin"));
        this.pods = new ResourceClient<>(admin, Pod.KIND);
    }

    KubeletOptions options() throws Exception {
        Path pki = cluster.pki();
        return KubeletOptions.defaults(cluster.clientConfig("kubelet-n1"), "n1", rootDir)
                .withServing(freePort(), pki.resolve("kubelet-n1-server.crt"), pki.resolve("kubelet-n1-server.key"),
                        pki.resolve("ca.crt"))
                .withTiming(new NodeAgent.Periods(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(2)));
    }

    void startKubelet() throws Exception {
        startKubelet(o -> o);
    }

    /** Starts a kubelet with {@link #options()} changed by {@code tweak}. */
    void startKubelet(java.util.function.UnaryOperator<KubeletOptions> tweak) throws Exception {
        kubelet = new Kubelet(tweak.apply(options()), Clock.systemUTC());
        kubelet.start();
    }

    static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A pod bound to n1 with one container running {@code sh -c script}. */
    static Pod shellPod(String name, String restartPolicy, String script) {
        Pod pod = Pod.named("default", name);
        pod.spec().put("nodeName", "n1");
        pod.spec().put("restartPolicy", restartPolicy);
        pod.spec().put("terminationGracePeriodSeconds", 2);
        ObjectNode c = pod.spec().putArray("containers").addObject();
        c.put("name", "main");
        c.put("image", "busybox");
        ArrayNode command = c.putArray("command");
        command.add("sh").add("-c").add(script);
        return pod;
    }

    static ObjectNode container(Pod pod) {
        return (ObjectNode) pod.spec().path("containers").get(0);
    }

    Pod create(Pod pod) {
        return pods.create(pod);
    }

    Pod awaitPod(String name, Predicate<Pod> condition) {
        try {
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> pods.find("default", name).filter(condition).isPresent());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // what the kubelet's threads were doing: a stuck pod worker shows here
            StringBuilder dump = new StringBuilder("pod " + name + " not as expected; threads:\n");
            Thread.getAllStackTraces().forEach((t, stack) -> {
                dump.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    dump.append("    at ").append(frame).append('\n');
                }
            });
            System.out.println(dump);
            System.out.println("last seen: " + pods.find("default", name).map(p -> p.json().toString()).orElse("(gone)"));
            throw e;
        }
        return pods.get("default", name);
    }

    void awaitGone(String name) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> pods.find("default", name).isEmpty());
    }

    static ObjectNode containerStatus(Pod pod) {
        return (ObjectNode) pod.status().path("containerStatuses").get(0);
    }

    static boolean running(Pod pod) {
        return pod.phase().equals("Running") && pod.status().path("containerStatuses").path(0).path("state").has("running");
    }

    static long pid(Pod pod) {
        return Long.parseLong(containerStatus(pod).path("containerID").asText().substring("process://".length()));
    }

    static boolean ready(Pod pod) {
        for (var c : pod.status().path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c.path("status").asText().equals("True");
            }
        }
        return false;
    }

    /** Deletes the pod at once, and waits until the kubelet has removed its processes. */
    void deleteNow(String name) {
        pods.find("default", name).ifPresent(p -> {
            ObjectNode options = io.kube4j.common.api.Json.object();
            options.put("gracePeriodSeconds", 0);
            pods.delete("default", name, options);
        });
        awaitGone(name);
    }

    /** GET on the kubelet's API as {@code identity} (a certificate of the cluster's PKI; null for none). */
    HttpResponse<String> kubeletGet(String identity, String pathAndQuery) throws Exception {
        Path pki = cluster.pki();
        KeyManagerFactory keys = null;
        if (identity != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(KeyStores.keyStore(Pem.certificates(pki.resolve(identity + ".crt")),
                    Pem.privateKey(pki.resolve(identity + ".key"))), KeyStores.PASSWORD);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStores.trustStore(Pem.certificates(pki.resolve("ca.crt"))));
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + kubelet.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the kubelet and kills every process it left running. */
    @Override
    public void close() {
        if (kubelet != null) {
            var runtime = kubelet.runtime();
            List.copyOf(runtime.pods()).forEach(runtime::removePod);
            kubelet.close();
        }
        admin.close();
    }
}
