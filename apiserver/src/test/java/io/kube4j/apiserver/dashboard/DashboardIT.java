package io.kube4j.apiserver.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dashboard in a real headless Chromium against a real apiserver and etcd. There is no kubelet or
 * controller here: the test plays their parts by API writes (node status, pod phases, the pods a
 * ReplicaSet would make) and serves n1's container log over HTTPS, and checks what the page shows. Screenshots go to target/dashboard-screenshots.
 * Without Chromium (or node/playwright-core) the browser tests are skipped loudly, or fail when CI=true.
 */
@EtcdTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    static final Path SHOTS = Path.of("target", "dashboard-screenshots");
    static final String NOBODY_TOKEN = "dashboard-nobody-0123456789";
    static final String VIEWER_TOKEN = "dashboard-viewer-0123456789";
    static final String MERGE = "application/merge-patch+json";

    static TestCluster cluster;
    static TestClient admin;
    static String adminToken;
    static Browser browser;
    static KubeletLogEndpoint kubelet;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd, config -> {
            try {
                Files.writeString(TestCluster.pkiOf(config).resolve("tokens.csv"), NOBODY_TOKEN + ",nobody,nobody-uid\n"
                        + VIEWER_TOKEN + ",viewer,viewer-uid\n", StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Path pki = TestCluster.pkiOf(config);
            return config.withKubeletClient(new io.kube4j.apiserver.server.ApiServerConfig.KubeletClient(
                    pki.resolve("apiserver-kubelet-client.crt"), pki.resolve("apiserver-kubelet-client.key"), pki.resolve("ca.crt")));
        });
        kubelet = new KubeletLogEndpoint(cluster.pki(), "n1");
        admin = cluster.admin();
        adminToken = Files.readAllLines(cluster.pki().resolve("tokens.csv")).stream()
                .filter(line -> line.split(",")[1].equals("admin")).map(line -> line.split(",")[0]).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (kubelet != null) {
            kubelet.close(); // first: ends the log stream the apiserver still proxies
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The shared browser; skips (or fails under CI=true) when this machine cannot run one. */
    static Browser browser() throws Exception {
        Optional<String> missing = Browser.missing();
        if (missing.isPresent()) {
            String message = "DashboardIT: NO BROWSER TESTS RUN: " + missing.get();
            System.err.println("\n!!!!! " + message + " !!!!!\n");
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true: .ci/run must install the 'chromium' package)");
            }
            Assumptions.abort(message);
        }
        if (browser == null) {
            Files.createDirectories(SHOTS);
            browser = Browser.launch(SHOTS.resolve("driver.log"));
        }
        return browser;
    }

    @Test
    @Order(1)
    void servesTheDashboardWithoutCredentialsButNotTheApi() throws Exception {
        TestClient anonymous = cluster.anonymous();
        TestClient.Reply redirect = anonymous.get("/ui");
        assertThat(redirect.code()).isEqualTo(301);
        TestClient.Reply page = anonymous.get("/ui/");
        assertThat(page.code()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("kube4j dashboard").contains("main.js");
        TestClient.Reply script = anonymous.get("/ui/main.js");
        assertThat(script.code()).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(anonymous.get("/ui/missing.js").code()).isEqualTo(404);
        assertThat(anonymous.get("/ui/%2e%2e/%2e%2e/etc/passwd").code()).isIn(400, 404);
        assertThat(anonymous.get("/api/v1/pods").code()).isIn(401, 403);
    }

    @Test
    @Order(2)
    void showsTheClusterLiveAndScalesADeploymentFromThePage() throws Exception {
        Browser b = browser();
        node("n1");
        node("n2");
        JsonNode deployment = created(admin.post("/apis/apps/v1/namespaces/default/deployments", """
                {"metadata":{"name":"web","labels":{"app":"web"}},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                  "template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}"""));
        JsonNode replicaSet = created(admin.post("/apis/apps/v1/namespaces/default/replicasets", """
                {"metadata":{"name":"web-7c9f","labels":{"app":"web","pod-template-hash":"7c9f"},
                  "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"%s","controller":true}]},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web","pod-template-hash":"7c9f"}},
                  "template":{"metadata":{"labels":{"app":"web","pod-template-hash":"7c9f"}},
                   "spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}"""
                .formatted(deployment.path("metadata").path("uid").asText())));
        String rsUid = replicaSet.path("metadata").path("uid").asText();
        for (String[] pod : new String[][] {{"web-7c9f-a", "n1"}, {"web-7c9f-b", "n2"}, {"web-7c9f-c", "n1"}}) {
            pod(pod[0], pod[1], rsUid);
        }
        status("/apis/apps/v1/namespaces/default/replicasets/web-7c9f", "{\"status\":{\"replicas\":3,\"readyReplicas\":3}}");
        status("/apis/apps/v1/namespaces/default/deployments/web",
                "{\"status\":{\"replicas\":3,\"readyReplicas\":3,\"updatedReplicas\":3,\"availableReplicas\":3}}");
        created(admin.post("/api/v1/namespaces/default/pods", """
                {"metadata":{"name":"batch-huge"},"spec":{"containers":[{"name":"main","image":"busybox:1.36",
                  "resources":{"requests":{"cpu":"16","memory":"1Gi"}}}]}}"""));
        created(admin.post("/api/v1/namespaces/default/events", """
                {"metadata":{"name":"batch-huge.1"},"involvedObject":{"kind":"Pod","namespace":"default","name":"batch-huge"},
                 "reason":"FailedScheduling","type":"Warning","count":1,"lastTimestamp":"%s",
                 "message":"0/2 nodes are available: 2 Insufficient cpu.","source":{"component":"default-scheduler"}}"""
                .formatted(Instant.now())));

        b.goTo(cluster.url() + "/ui/");
        b.fill("#token", adminToken);
        b.press("#token", "Enter");
        b.waitCount(".node", 2);
        b.waitCount(".node .chip", 3);
        b.waitCount(".node[data-node='n1'] .chip", 2);
        b.waitText(".lane [data-role='reason']", "2 Insufficient cpu");
        assertThat(b.text(".node[data-node='n1'] [data-role='status']")).isEqualTo("Ready");
        b.screenshot(SHOTS.resolve("01-cluster-map.png"));

        // workloads: the page scales through the API; the test then plays the ReplicaSet controller
        b.click("nav a[href='#/workloads']");
        b.waitVisible("tr[data-deployment='default/web']");
        b.waitText("tr[data-deployment='default/web'] [data-role='ready']", "3/3");
        b.fill("tr[data-deployment='default/web'] [data-role='scale-input']", "5");
        b.click("tr[data-deployment='default/web'] button[data-action='scale']");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                admin.get("/apis/apps/v1/namespaces/default/deployments/web").json().path("spec").path("replicas").asInt() == 5);
        b.waitText("tr[data-deployment='default/web'] [data-role='replicas']", "5");
        pod("web-7c9f-d", "n2", rsUid);
        pod("web-7c9f-e", "n2", rsUid);
        b.waitCount("#workloads-live tr.rs .chip", 5);
        b.screenshot(SHOTS.resolve("02-workloads.png"));
        b.click("tr[data-deployment='default/web'] button[data-action='restart']");
        await().atMost(Duration.ofSeconds(10)).until(() -> !admin.get("/apis/apps/v1/namespaces/default/deployments/web").json()
                .path("spec").path("template").path("metadata").path("annotations").path("kubectl.kubernetes.io/restartedAt")
                .asText().isEmpty());
        b.waitText("#workload-result", "restart deployment default/web: done");

        // keyboard: the nav links work with Enter
        b.press("nav a[href='#/map']", "Enter");
        b.waitCount(".node .chip", 5);

        // a node whose kubelet stops posting status turns Unknown (as the node lifecycle controller marks it)
        status("/api/v1/nodes/n2", """
                {"status":{"conditions":[{"type":"Ready","status":"Unknown","reason":"NodeStatusUnknown",
                  "message":"Kubelet stopped posting node status.","lastHeartbeatTime":"%s","lastTransitionTime":"%s"}]}}"""
                .formatted(Instant.now().minusSeconds(50), Instant.now()));
        TestClient.Reply cordon = admin.patch("/api/v1/nodes/n1", MERGE, "{\"spec\":{\"unschedulable\":true}}");
        assertThat(cordon.code()).as(cordon.body()).isEqualTo(200);
        b.waitVisible(".node[data-node='n1'] [data-role='cordoned']");
        b.waitVisible(".node[data-node='n2'][data-status='Unknown']");
        assertThat(b.text(".node[data-node='n2'] [data-role='status']")).isEqualTo("Unknown");
        assertThat(b.text(".node[data-node='n1'] [data-role='status']")).isEqualTo("Ready");
        b.screenshot(SHOTS.resolve("03-cluster-map-node-unknown.png"));

        // pod detail: YAML, conditions, containers, and the log followed through the apiserver from n1's kubelet endpoint
        b.press(".node[data-node='n1'] a.chip[data-key='pod:default/web-7c9f-a']", "Enter"); // keyboard: links all the way
        b.waitText("[data-role='yaml']", "name: web-7c9f-a");
        b.waitText("[data-role='conditions']", "Ready");
        b.waitText("[data-role='containers']", "nginx:1.27");
        kubelet.write("nginx: start worker processes");
        b.click("#log-follow");
        b.waitText("#log", "nginx: start worker processes");
        kubelet.write("10.244.0.1 - - \"GET / HTTP/1.1\" 200 615");
        b.waitText("#log", "\"GET / HTTP/1.1\" 200");
        assertThat(b.text("#log-follow")).isEqualTo("Stop following");
        b.screenshot(SHOTS.resolve("04-pod-detail.png"));
        b.click("#log-follow");

        b.click("nav a[href='#/events']");
        b.waitText("#events-live", "FailedScheduling");
        b.fill("input[name='object']", "pod/batch");
        b.waitText("#events-live", "1 event");
        b.screenshot(SHOTS.resolve("05-events.png"));
    }

    @Test
    @Order(3)
    void showsServicesWithEndpointsAndTheControlPlane() throws Exception {
        Browser b = browser();
        created(admin.post("/api/v1/namespaces/default/services", """
                {"metadata":{"name":"web"},"spec":{"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080}]}}"""));
        created(admin.post("/api/v1/namespaces/default/endpoints", """
                {"metadata":{"name":"web"},"subsets":[{"addresses":[{"ip":"10.244.1.5","targetRef":{"kind":"Pod","name":"web-7c9f-a","namespace":"default"}}],
                  "notReadyAddresses":[{"ip":"10.244.2.7","targetRef":{"kind":"Pod","name":"web-7c9f-b","namespace":"default"}}],
                  "ports":[{"port":8080}]}]}"""));
        created(admin.post("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases", """
                {"metadata":{"name":"kube-scheduler"},"spec":{"holderIdentity":"scheduler-a_1","leaseDurationSeconds":3600,
                 "renewTime":"%s","leaseTransitions":0}}""".formatted(microTime(Instant.now()))));
        created(admin.post("/api/v1/namespaces/kube-system/configmaps", """
                {"metadata":{"name":"kube-proxy"},"data":{"config.conf":"mode: userspace\\nipvs:\\n  scheduler: lc\\n"}}"""));
        b.goTo(cluster.url() + "/ui/#/services");
        if (b.count("#token") > 0) {
            b.fill("#token", adminToken);
            b.press("#token", "Enter");
        }
        b.waitText("tr[data-service='default/web']", "10.244.1.5:8080 (web-7c9f-a)");
        b.waitText("tr[data-service='default/web']", "not ready");
        b.waitText("[data-role='proxy']", "scheduler lc");
        b.screenshot(SHOTS.resolve("06-services.png"));
        b.click("nav a[href='#/control']");
        b.waitText("[data-lease='kube-scheduler']", "leader active");
        b.waitText("[data-lease='kube-controller-manager']", "no leader");
        b.waitText("[data-role='readyz']", "ready");
        b.waitVisible("tr[data-heartbeat='n2']");
        b.screenshot(SHOTS.resolve("07-control-plane.png"));
    }

    @Test
    @Order(4)
    void aTokenWithoutRightsSeesForbiddenAndAReadOnlyTokenCannotScale() throws Exception {
        Browser b = browser();
        b.newSession();
        b.goTo(cluster.url() + "/ui/");
        b.fill("#token", "not-a-token");
        b.press("#token", "Enter");
        b.waitText("[data-error='login']", "401");

        b.fill("#token", NOBODY_TOKEN);
        b.press("#token", "Enter");
        b.waitText("[data-error='forbidden']", "Forbidden");
        assertThat(b.text("[data-error='forbidden']")).contains("list nodes").contains("nobody");
        b.screenshot(SHOTS.resolve("08-forbidden.png"));

        created(admin.post("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", """
                {"metadata":{"name":"dashboard-viewer"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
                 "subjects":[{"kind":"User","name":"viewer"}]}"""));
        TestClient viewer = TestClient.withToken(cluster.url(), cluster.pki(), VIEWER_TOKEN);
        await().atMost(Duration.ofSeconds(10)).until(() -> viewer.get("/apis/apps/v1/deployments").code() == 200);
        b.click("#logout");
        b.fill("#token", VIEWER_TOKEN);
        b.press("#token", "Enter");
        b.click("nav a[href='#/workloads']");
        b.waitVisible("tr[data-deployment='default/web']");
        b.click("tr[data-deployment='default/web'] button[data-action='scale-by'][data-delta='1']");
        b.waitText("#workload-result [data-error='forbidden']", "Forbidden");
        assertThat(admin.get("/apis/apps/v1/namespaces/default/deployments/web").json().path("spec").path("replicas").asInt())
                .isEqualTo(5);
        b.screenshot(SHOTS.resolve("09-scale-forbidden.png"));
    }

    /** A node with capacity and a Ready condition; n1's kubelet address is the log endpoint of this test. */
    private static void node(String name) throws Exception {
        created(admin.post("/api/v1/nodes", """
                {"metadata":{"name":"%s","labels":{"kubernetes.io/hostname":"%s"}}%s}"""
                .formatted(name, name, name.equals("n1") ? "" : ",\"spec\":{\"taints\":[{\"key\":\"dedicated\",\"value\":\"batch\",\"effect\":\"PreferNoSchedule\"}]}")));
        status("/api/v1/nodes/" + name, """
                {"status":{"capacity":{"cpu":"4","memory":"8Gi","pods":"110"},"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},
                 "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","lastHeartbeatTime":"%s","lastTransitionTime":"%s"}],
                 "addresses":[{"type":"InternalIP","address":"127.0.0.1"}],
                 "daemonEndpoints":{"kubeletEndpoint":{"Port":%d}},
                 "nodeInfo":{"kubeletVersion":"v1.32.0-kube4j"}}}""".formatted(Instant.now(), Instant.now(),
                name.equals("n1") ? kubelet.port() : 1));
    }

    private static void pod(String name, String node, String replicaSetUid) throws Exception {
        created(admin.post("/api/v1/namespaces/default/pods", """
                {"metadata":{"name":"%s","labels":{"app":"web","pod-template-hash":"7c9f"},
                  "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7c9f","uid":"%s","controller":true}]},
                 "spec":{"nodeName":"%s","containers":[{"name":"nginx","image":"nginx:1.27",
                  "resources":{"requests":{"cpu":"500m","memory":"512Mi"}}}]}}""".formatted(name, replicaSetUid, node)));
        status("/api/v1/namespaces/default/pods/" + name, """
                {"status":{"phase":"Running","podIP":"10.244.0.%d","conditions":[{"type":"Ready","status":"True"},
                  {"type":"PodScheduled","status":"True"}],
                 "containerStatuses":[{"name":"nginx","image":"nginx:1.27","ready":true,"restartCount":0,
                  "state":{"running":{"startedAt":"%s"}}}]}}""".formatted(name.charAt(name.length() - 1) - 'a' + 10, Instant.now()));
    }

    private static void status(String path, String patch) throws Exception {
        TestClient.Reply reply = admin.patch(path + "/status", MERGE, patch);
        assertThat(reply.code()).as("PATCH %s/status: %s", path, reply.body()).isEqualTo(200);
    }

    private static JsonNode created(TestClient.Reply reply) {
        assertThat(reply.code()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private static String microTime(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
    }
}
