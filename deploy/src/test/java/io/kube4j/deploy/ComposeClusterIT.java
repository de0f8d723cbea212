package io.kube4j.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The docker-compose cluster of deploy/docker: builds the image, brings the cluster up under a
 * private project name and free ports, waits for two Ready nodes, runs a Deployment and a Service
 * through the published apiserver, kills one apiserver container and uses the API through the other,
 * then removes the containers and volumes.
 */
class ComposeClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = LocalCluster.repo();
    private static final Path COMPOSE_FILE = REPO.resolve("deploy/docker/docker-compose.yml");
    private static final String PROJECT = "kube4j-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, String> ENV = new HashMap<>();
    private static boolean started;
    private static Path work;

    @BeforeAll
    static void up() throws Exception {
        boolean docker = run(Duration.ofSeconds(30), "docker", "info").exit() == 0;
        boolean compose = docker && run(Duration.ofSeconds(30), "docker-compose", "version").exit() == 0;
        if (!compose || Kubectl.binary() == null) {
            String why = !docker ? "no Docker daemon" : !compose ? "no docker-compose" : "no kubectl";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("ComposeClusterIT needs Docker, docker-compose and kubectl under CI: " + why);
            }
            System.out.println("!!! ComposeClusterIT SKIPPED: " + why + " !!!");
            assumeTrue(false, why);
        }
        work = Files.createTempDirectory("kube4j-compose-");
        ENV.put("KUBE4J_IMAGE", "kube4j/kube4j:it");
        ENV.put("KUBE4J_BASE_IMAGE", System.getenv().getOrDefault("KUBE4J_BASE_IMAGE", "eclipse-temurin:17-jre"));
        ENV.put("KUBE4J_ETCD_IMAGE", System.getenv().getOrDefault("KUBE4J_ETCD_IMAGE", "quay.io/coreos/etcd:v3.5.17"));
        ENV.put("KUBE4J_API_PORT", Integer.toString(LocalCluster.freePort()));
        ENV.put("KUBE4J_API_PORT2", Integer.toString(LocalCluster.freePort()));
        ENV.put("KUBE4J_NO_BUILD", "1");
        LocalCluster.Result image = run(Duration.ofMinutes(5), REPO.resolve("deploy/kube4j").toString(), "image");
        assertThat(image.exit()).as("deploy/kube4j image: " + image.err()).isZero();
        long t0 = System.nanoTime();
        started = true;
        LocalCluster.Result up = compose(Duration.ofMinutes(5), "up", "-d");
        assertThat(up.exit()).as("docker-compose up: " + up.err() + up.out()).isZero();
        System.out.printf("compose: up -d returned after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void down() throws Exception {
        if (started) {
            LocalCluster.Result down = compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans", "-t", "5");
            System.out.println("compose: down -v exited " + down.exit() + " " + down.err());
        }
    }

    @Test
    void clusterServesWorkloadsAndSurvivesTheLossOfOneApiserver() throws Exception {
        try {
            Path kubeconfig1 = kubeconfig(ENV.get("KUBE4J_API_PORT"), "admin-1.kubeconfig");
            Path kubeconfig2 = kubeconfig(ENV.get("KUBE4J_API_PORT2"), "admin-2.kubeconfig");
            Kubectl kubectl = new Kubectl(kubeconfig1);
            long t0 = System.nanoTime();
            Poll.untilTrue(Duration.ofMinutes(4), "two Ready nodes", () -> readyNodes(kubectl) == 2);
            System.out.printf("compose: two nodes Ready %d ms after up -d returned%n", (System.nanoTime() - t0) / 1_000_000);

            Path manifest = work.resolve("web.yaml");
            Files.writeString(manifest, """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: web}
                    spec:
                      replicas: 2
                      selector: {matchLabels: {app: web}}
                      template:
                        metadata: {labels: {app: web}}
                        spec:
                          containers:
                          - name: web
                            image: kube4j/http-echo
                            command: [java, -Xmx24m, /opt/kube4j/demo/HttpEcho.java]
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web}
                    spec:
                      selector: {app: web}
                      ports: [{port: 80, targetPort: 8080}]
                    """);
            kubectl.ok("apply", "-f", manifest.toString());
            Poll.untilTrue(Duration.ofMinutes(2), "2 Running pods of deployment web",
                    () -> runningPods(kubectl) == 2);
            assertThat(kubectl.ok("get", "service", "web", "-o", "jsonpath={.spec.clusterIP}")).isNotBlank();
            Poll.untilTrue(Duration.ofSeconds(30), "kubectl logs through the apiserver to a kubelet container",
                    () -> kubectl.ok("logs", "deploy/web").contains("serving web-"));

            LocalCluster.Result kill = run(Duration.ofSeconds(60), "docker", "kill", containerOf("apiserver1"));
            assertThat(kill.exit()).as(kill.err()).isZero();
            assertThat(kubectl.run(Duration.ofSeconds(20), "get", "nodes", "--request-timeout=5s").exit())
                    .as("the killed apiserver no longer answers").isNotZero();
            Kubectl other = new Kubectl(kubeconfig2);
            assertThat(other.ok("get", "nodes")).contains("node1", "node2");
            other.ok("create", "configmap", "after-failover", "--from-literal=k=v");
            assertThat(other.ok("get", "configmap", "after-failover", "-o", "jsonpath={.data.k}")).isEqualTo("v");
            assertThat(runningPods(other)).isEqualTo(2);
        } catch (AssertionError | Exception e) {
            System.out.println("compose: failed; last logs:\n" + compose(Duration.ofMinutes(1), "logs", "--tail=40").out());
            throw e;
        }
    }

    private static int readyNodes(Kubectl kubectl) throws Exception {
        int ready = 0;
        for (JsonNode node : JSON.readTree(kubectl.ok("get", "nodes", "-o", "json")).path("items")) {
            for (JsonNode c : node.path("status").path("conditions")) {
                if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                    ready++;
                }
            }
        }
        return ready;
    }

    private static int runningPods(Kubectl kubectl) throws Exception {
        int running = 0;
        for (JsonNode pod : JSON.readTree(kubectl.ok("get", "pods", "-l", "app=web", "-o", "json")).path("items")) {
            if ("Running".equals(pod.path("status").path("phase").asText())) {
                running++;
            }
        }
        return running;
    }

    /** The admin kubeconfig the certs job wrote, pointed at one published apiserver port. */
    private static Path kubeconfig(String port, String name) throws Exception {
        Path file = work.resolve(name);
        LocalCluster.Result copy = Poll.until(Duration.ofMinutes(2), "admin.kubeconfig from the certs job", () -> {
            String certs = containerOf("certs");
            if (certs.isEmpty()) {
                return java.util.Optional.empty();
            }
            LocalCluster.Result r = run(Duration.ofSeconds(30), "docker", "cp", certs + ":/pki/admin.kubeconfig", file.toString());
            return r.exit() == 0 ? java.util.Optional.of(r) : java.util.Optional.empty();
        });
        assertThat(copy.exit()).isZero();
        Files.writeString(file, Files.readString(file).replace("https://apiserver:6443", "https://127.0.0.1:" + port));
        return file;
    }

    private static String containerOf(String service) throws Exception {
        return run(Duration.ofSeconds(30), "docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + PROJECT,
                "--filter", "label=com.docker.compose.service=" + service).out().trim();
    }

    private static LocalCluster.Result compose(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-p", PROJECT, "-f", COMPOSE_FILE.toString()));
        command.addAll(List.of(args));
        return Processes.run(command, ENV, timeout);
    }

    private static LocalCluster.Result run(Duration timeout, String... command) throws Exception {
        return Processes.run(List.of(command), ENV, timeout);
    }
}
