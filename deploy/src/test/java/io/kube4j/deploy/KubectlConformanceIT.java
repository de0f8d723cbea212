package io.kube4j.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The kubectl conformance suite: every command of API.md §10 with the real kubectl against a live kube4j
 * (a one-node cluster started by {@code deploy/kube4j up}, so logs, rollout and drain have a kubelet and
 * controllers behind them), asserting on kubectl's output and exit code. Each run uses a fresh
 * {@code --cache-dir}. Set {@code KUBECTL} to run it with another kubectl build.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlConformanceIT {

    private static final String NS = "conformance";
    private static LocalCluster cluster;
    private static Kubectl kubectl;
    private static Path dir;

    @BeforeAll
    static void up() throws Exception {
        if (Kubectl.binary() == null) {
            System.out.println("!!! KubectlConformanceIT SKIPPED: no kubectl on the PATH !!!");
        }
        assumeTrue(Kubectl.binary() != null, "no kubectl");
        cluster = LocalCluster.up(1, false, Map.of("KUBE4J_WITH_PROXY", "false"));
        kubectl = new Kubectl(cluster.kubeconfig());
        dir = Files.createTempDirectory("kube4j-conformance-");
        System.out.println("conformance: " + kubectl.ok("version", "--output=yaml").replace('\n', ' '));
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void versionAndApiResources() throws Exception {
        assertThat(kubectl.ok("version")).contains("Server Version: v1.32");
        String resources = kubectl.ok("api-resources");
        assertThat(resources).contains("pods", "deployments", "services", "leases", "namespaces", "nodes");
        assertThat(kubectl.ok("api-versions")).contains("apps/v1", "coordination.k8s.io/v1", "v1");
    }

    @Test
    @Order(2)
    void createApplyAndServerSideApply() throws Exception {
        kubectl.ok("create", "namespace", NS);
        Path manifest = dir.resolve("web.yaml");
        Files.writeString(manifest, deployment("v1", 2));
        assertThat(kubectl.ok("create", "-n", NS, "-f", manifest.toString())).contains("deployment.apps/web created");
        Files.writeString(manifest, deployment("v2", 2));
        assertThat(kubectl.ok("apply", "-n", NS, "-f", manifest.toString())).contains("deployment.apps/web configured");
        assertThat(kubectl.ok("apply", "-n", NS, "-f", manifest.toString())).contains("unchanged");

        Path cm = dir.resolve("cm.yaml");
        Files.writeString(cm, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n");
        assertThat(kubectl.ok("apply", "--server-side", "-n", NS, "-f", cm.toString())).contains("serverside-applied");
        assertThat(kubectl.ok("apply", "--server-side", "-n", NS, "-f", cm.toString())).contains("serverside-applied");
        Files.writeString(cm, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: slow}\n");
        LocalCluster.Result conflict = kubectl.run(Duration.ofSeconds(60), "apply", "--server-side", "--field-manager=other",
                "-n", NS, "-f", cm.toString());
        assertThat(conflict.exit()).isNotZero();
        assertThat(conflict.err()).containsIgnoringCase("conflict");
        kubectl.ok("apply", "--server-side", "--field-manager=other", "--force-conflicts", "-n", NS, "-f", cm.toString());
        assertThat(kubectl.ok("get", "configmap", "settings", "-n", NS, "-o", "jsonpath={.data.mode}")).isEqualTo("slow");

        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typo}\ndatta: {a: b}\n");
        LocalCluster.Result strict = kubectl.run(Duration.ofSeconds(60), "apply", "--validate=strict", "-n", NS, "-f", typo.toString());
        assertThat(strict.exit()).isNotZero();
        assertThat(strict.err()).contains("datta");
    }

    @Test
    @Order(3)
    void rolloutStatusAndGetInEveryShape() throws Exception {
        kubectl.ok("rollout", "status", "-n", NS, "deployment/web", "--timeout=90s");
        assertThat(kubectl.ok("get", "pods", "-n", NS)).contains("NAME", "READY", "STATUS", "RESTARTS", "AGE", "1/1", "Running");
        assertThat(kubectl.ok("get", "pods", "-A")).contains("NAMESPACE", NS);
        assertThat(kubectl.ok("get", "pods", "-n", NS, "-o", "wide")).contains("IP", "NODE", "n1");
        assertThat(kubectl.ok("get", "deployment", "web", "-n", NS, "-o", "json")).contains("\"kind\": \"Deployment\"");
        assertThat(kubectl.ok("get", "deployment", "web", "-n", NS, "-o", "yaml")).contains("kind: Deployment");
        assertThat(kubectl.ok("get", "deployments", "-n", NS)).contains("UP-TO-DATE", "AVAILABLE", "2/2");
        assertThat(kubectl.ok("get", "pods", "-n", NS, "-l", "app=web", "-o", "name")).contains("pod/web-");
        assertThat(kubectl.ok("get", "pods", "-n", NS, "-l", "app=nothing")).isEmpty();
        assertThat(kubectl.ok("get", "pods", "-A", "--field-selector", "spec.nodeName=n1,status.phase=Running"))
                .contains("web-");
        assertThat(kubectl.ok("get", "nodes")).contains("n1", "Ready", "VERSION");
        assertThat(kubectl.ok("get", "events", "-n", NS)).contains("Scheduled");
    }

    @Test
    @Order(4)
    void getWatchStreamsChanges() throws Exception {
        Path script = dir.resolve("watch.sh");
        Files.writeString(script, "#!/bin/sh\n\"$1\" --kubeconfig \"$2\" get configmaps -n " + NS + " -w --request-timeout=8s & w=$!\n"
                + "sleep 2\n\"$1\" --kubeconfig \"$2\" create configmap watched -n " + NS + " --from-literal=a=b >/dev/null\n"
                + "wait $w\n");
        LocalCluster.Result watched = Processes.run(java.util.List.of("sh", script.toString(), Kubectl.binary(),
                cluster.kubeconfig().toString()), Map.of(), Duration.ofSeconds(60));
        assertThat(watched.out()).contains("settings", "watched");
    }

    @Test
    @Order(5)
    void describeShowsRelatedObjectsAndEvents() throws Exception {
        String pod = kubectl.ok("get", "pods", "-n", NS, "-l", "app=web", "-o", "jsonpath={.items[0].metadata.name}");
        assertThat(kubectl.ok("describe", "pod", pod, "-n", NS)).contains("Node:", "n1", "Containers:", "Events:", "Scheduled");
        assertThat(kubectl.ok("describe", "deployment", "web", "-n", NS)).contains("NewReplicaSet:", "Replicas:", "Events:");
        assertThat(kubectl.ok("describe", "node", "n1")).contains("Capacity:", "Allocatable:", "Non-terminated Pods:", pod);
    }

    @Test
    @Order(6)
    void scaleLogsAndRollout() throws Exception {
        assertThat(kubectl.ok("scale", "-n", NS, "deployment/web", "--replicas=3")).contains("scaled");
        kubectl.ok("rollout", "status", "-n", NS, "deployment/web", "--timeout=90s");
        Poll.untilTrue(Duration.ofSeconds(30), "the server's start line in kubectl logs",
                () -> kubectl.ok("logs", "-n", NS, "deploy/web").contains("serving web-"));
        kubectl.ok("rollout", "restart", "-n", NS, "deployment/web");
        kubectl.ok("rollout", "status", "-n", NS, "deployment/web", "--timeout=120s");
        assertThat(kubectl.ok("rollout", "history", "-n", NS, "deployment/web")).contains("REVISION");
        kubectl.ok("rollout", "undo", "-n", NS, "deployment/web");
        kubectl.ok("rollout", "status", "-n", NS, "deployment/web", "--timeout=120s");
        assertThat(kubectl.ok("set", "image", "-n", NS, "deployment/web", "web=kube4j/http-echo:v3")).contains("image updated");
        kubectl.ok("rollout", "status", "-n", NS, "deployment/web", "--timeout=120s");
    }

    @Test
    @Order(7)
    void authCanIAndWhoami() throws Exception {
        assertThat(kubectl.ok("auth", "can-i", "create", "pods", "-n", NS).trim()).isEqualTo("yes");
        assertThat(kubectl.ok("auth", "whoami")).contains("admin");
        assertThat(kubectl.run(Duration.ofSeconds(30), "auth", "can-i", "list", "pods", "-n", NS, "--as=alice").out().trim())
                .isEqualTo("no");
        LocalCluster.Result impersonated = kubectl.run(Duration.ofSeconds(30), "auth", "can-i", "delete", "nodes",
                "--as=system:serviceaccount:" + NS + ":default");
        assertThat(impersonated.out().trim()).isEqualTo("no");
        assertThat(kubectl.ok("auth", "whoami", "--as=alice", "--as-group=devs")).contains("alice", "devs");
        // the namespace's default service account, through a bound token
        String token = kubectl.ok("create", "token", "default", "-n", NS).trim();
        Path empty = Files.writeString(dir.resolve("empty.kubeconfig"), "apiVersion: v1\nkind: Config\n");
        LocalCluster.Result no = Processes.run(java.util.List.of(Kubectl.binary(), "--kubeconfig", empty.toString(),
                "--server", "https://127.0.0.1:" + cluster.securePort, "--certificate-authority",
                cluster.home.resolve("pki/ca.crt").toString(), "--token", token, "auth", "can-i", "delete", "nodes"),
                Map.of(), Duration.ofSeconds(30));
        assertThat(no.out().trim()).as(no.err()).isEqualTo("no");
        assertThat(no.exit()).isNotZero();
        // and it may not impersonate anyone
        LocalCluster.Result escalate = Processes.run(java.util.List.of(Kubectl.binary(), "--kubeconfig", empty.toString(),
                "--server", "https://127.0.0.1:" + cluster.securePort, "--certificate-authority",
                cluster.home.resolve("pki/ca.crt").toString(), "--token", token, "--as=admin", "get", "nodes"),
                Map.of(), Duration.ofSeconds(30));
        assertThat(escalate.exit()).isNotZero();
        assertThat(escalate.err()).contains("cannot impersonate");
    }

    @Test
    @Order(8)
    void topAndExplainFailCleanly() throws Exception {
        LocalCluster.Result top = kubectl.run(Duration.ofSeconds(30), "top", "nodes");
        assertThat(top.exit()).isNotZero();
        assertThat(top.err()).containsIgnoringCase("metrics").doesNotContain("panic");
        LocalCluster.Result explain = kubectl.run(Duration.ofSeconds(30), "explain", "pods");
        assertThat(explain.err() + explain.out()).doesNotContain("panic");
    }

    @Test
    @Order(9)
    void cordonDrainUncordon() throws Exception {
        assertThat(kubectl.ok("cordon", "n1")).contains("cordoned");
        assertThat(kubectl.ok("get", "nodes")).contains("SchedulingDisabled");
        LocalCluster.Result drain = kubectl.run(Duration.ofSeconds(150), "drain", "n1", "--ignore-daemonsets",
                "--delete-emptydir-data", "--timeout=120s");
        assertThat(drain.exit()).as(drain.err() + drain.out()).isZero();
        assertThat(drain.out()).contains("drained");
        Poll.untilTrue(Duration.ofSeconds(60), "no running pods of web on the drained node", () ->
                kubectl.ok("get", "pods", "-n", NS, "-l", "app=web", "--field-selector", "status.phase=Running", "-o", "name")
                        .isBlank());
        assertThat(kubectl.ok("uncordon", "n1")).contains("uncordoned");
        kubectl.ok("rollout", "status", "-n", NS, "deployment/web", "--timeout=120s");
    }

    @Test
    @Order(10)
    void deleteWaitsForGracefulCompletion() throws Exception {
        assertThat(kubectl.ok("delete", "configmap", "watched", "-n", NS)).contains("deleted");
        assertThat(kubectl.ok("delete", "deployment", "web", "-n", NS)).contains("deleted");
        assertThat(kubectl.ok("delete", "namespace", NS, "--timeout=120s")).contains("deleted");
        assertThat(kubectl.run(Duration.ofSeconds(30), "get", "namespace", NS).exit()).isNotZero();
    }

    private static String deployment(String version, int replicas) {
        String server = LocalCluster.repo().resolve("deploy/demo/HttpEcho.java").toString();
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {app: web}}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      terminationGracePeriodSeconds: 5
                      containers:
                      - name: web
                        image: kube4j/http-echo:%s
                        command: [java, -Xmx24m, -XX:TieredStopAtLevel=1, -XX:+UseSerialGC, %s]
                        ports: [{containerPort: 8080}]
                        readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 1}
                """.formatted(replicas, version, server);
    }
}
