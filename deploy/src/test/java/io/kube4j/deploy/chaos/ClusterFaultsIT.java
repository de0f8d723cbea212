package io.kube4j.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.informer.SharedInformer;
import io.kube4j.deploy.Poll;
import io.kube4j.deploy.chaos.FaultCluster.OsProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Fault tests 06 (leader failover), 08 (partition) and 07 (node loss) on one {@code kube4j up}
 * cluster, in that order (07 ends with a kubelet restarted): two process-runtime nodes, a standby
 * scheduler and controller-manager, a 15 s node grace period ({@link FaultCluster#GRACE}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsIT {

    /** How much later than one lease duration a standby may take over (its retry period plus a loaded machine). */
    private static final Duration TAKEOVER_MARGIN = Duration.ofSeconds(5);
    private static FaultCluster cluster;

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (cluster != null) {
                System.out.println("chaos: " + context.getDisplayName() + " failed; component logs:" + cluster.local.logs());
            }
        }
    };

    @BeforeAll
    static void up() throws Exception {
        cluster = FaultCluster.up();
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    // ---------------------------------------------------------------- 06 leader failover

    @Test
    @Order(1)
    void leaderFailover06StandbysTakeOverWithinTheLeaseAndNothingIsBoundTwiceOrOverReplicated() throws Exception {
        boolean full = ChaosReport.full();
        int sets = full ? 5 : 3;
        int perSet = full ? 100 : 50;
        int total = sets * perSet;
        int fakeNodes = full ? 10 : 4;
        String ns = "chaos-06";
        cluster.namespace(ns);
        Process fake = startFakeKubelet(fakeNodes);
        SharedInformer<Pod> informer = new SharedInformer<>(new ResourceClient<>(cluster.api, Pod.KIND), ns,
                ListRequest.ALL, Duration.ZERO);
        PodHistory history = new PodHistory();
        informer.addEventHandler(history);
        Thread sampler = null;
        try {
            Poll.untilTrue(Duration.ofSeconds(90), fakeNodes + " fake nodes Ready", () -> readyFakeNodes() >= fakeNodes);
            informer.start();
            assertThat(informer.awaitSynced(Duration.ofSeconds(30))).isTrue();
            ReplicaSampler replicas = new ReplicaSampler(informer, ns);
            sampler = new Thread(replicas, "chaos06-replica-sampler");
            sampler.setDaemon(true);
            sampler.start();

            Map<String, Integer> wanted = new TreeMap<>();
            for (int i = 0; i < sets; i++) {
                JsonNode rs = cluster.api.post("/apis/apps/v1/namespaces/" + ns + "/replicasets", fakeReplicaSet("rs-" + i, perSet));
                wanted.put(FaultCluster.uid(rs), perSet);
                replicas.names.put(FaultCluster.uid(rs), "rs-" + i);
            }
            // kill while the pods are still being made: a fifth of them exist
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (history.created.size() < total / 5) {
                assertThat(System.nanoTime()).as("pods created before the kill").isLessThan(deadline);
                Thread.sleep(20);
            }
            Leader scheduler = leader("kube-scheduler");
            Leader manager = leader("kube-controller-manager");
            int createdAtKill = history.created.size();
            int boundAtKill = history.bound.size();
            cluster.local.kill9(scheduler.component());
            long schedulerKilled = System.nanoTime();
            cluster.local.kill9(manager.component());
            long managerKilled = System.nanoTime();

            Map<String, Long> takeover = new HashMap<>();
            Poll.untilTrue(Duration.ofSeconds(Math.max(scheduler.leaseSeconds(), manager.leaseSeconds()) + 60),
                    "new holders of both leases", () -> {
                        for (Leader old : List.of(scheduler, manager)) {
                            if (!takeover.containsKey(old.lease()) && !holder(old.lease()).isEmpty()
                                    && !holder(old.lease()).equals(old.holder())) {
                                takeover.put(old.lease(), System.nanoTime());
                            }
                        }
                        return takeover.size() == 2;
                    });
            double schedulerTakeover = (takeover.get("kube-scheduler") - schedulerKilled) / 1e9;
            double managerTakeover = (takeover.get("kube-controller-manager") - managerKilled) / 1e9;
            String schedulerHolder = holder("kube-scheduler");
            String managerHolder = holder("kube-controller-manager");

            Poll.untilTrue(Duration.ofSeconds(full ? 300 : 150), total + " pods bound, every ReplicaSet at its replicas",
                    () -> history.boundLive() == total && replicas.activeNow(wanted));
            Thread.sleep(1000); // one more second of samples with everything settled: a late extra pod would show
            replicas.stop();
            sampler.join(5000);

            Map<String, Integer> scheduledEvents = scheduledEvents(ns);
            int maxScheduled = scheduledEvents.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            Optional<Long> firstBindAfter = history.firstBoundAfter(takeover.get("kube-scheduler"));
            Optional<Long> firstCreateAfter = history.firstCreatedAfter(takeover.get("kube-controller-manager"));
            String overReplicated = replicas.over(wanted);
            boolean schedulerInTime = schedulerTakeover <= scheduler.leaseSeconds() + TAKEOVER_MARGIN.toSeconds();
            boolean managerInTime = managerTakeover <= manager.leaseSeconds() + TAKEOVER_MARGIN.toSeconds();
            boolean passed = schedulerInTime && managerInTime && history.rebound.isEmpty() && maxScheduled <= 1
                    && overReplicated.isEmpty() && replicas.samples > 0;

            ChaosReport.section("06", "Leader failover (SIGKILL of the leading scheduler and controller-manager mid-rollout)")
                    .invariant("the standby takes each Lease within its lease duration + " + TAKEOVER_MARGIN.toSeconds() + " s")
                    .invariant("no pod is bound twice: spec.nodeName never changes once set (watched), at most one Scheduled event per pod")
                    .invariant("no ReplicaSet ever has more active pods than its replicas (sampled every 200 ms from a watch)")
                    .figure("pods (ReplicaSets × replicas)", total + " (" + sets + " × " + perSet + ") on " + fakeNodes + " fake nodes")
                    .figure("pods created / bound when the leaders were killed", createdAtKill + " / " + boundAtKill)
                    .figure("scheduler takeover (s, lease " + scheduler.leaseSeconds() + " s)", String.format("%.1f", schedulerTakeover))
                    .figure("controller-manager takeover (s, lease " + manager.leaseSeconds() + " s)", String.format("%.1f", managerTakeover))
                    .figure("kill → first pod bound by the new scheduler (s)", firstBindAfter
                            .map(t -> String.format("%.1f", (t - schedulerKilled) / 1e9)).orElse("none needed"))
                    .figure("kill → first pod created by the new controller-manager (s)", firstCreateAfter
                            .map(t -> String.format("%.1f", (t - managerKilled) / 1e9)).orElse("none needed"))
                    .figure("pods created / bound in all", history.created.size() + " / " + history.bound.size())
                    .figure("pods whose nodeName changed", history.rebound.size())
                    .figure("max Scheduled events for one pod", maxScheduled)
                    .figure("max active pods per ReplicaSet vs replicas", replicas.maxima(wanted))
                    .figure("replica samples", replicas.samples)
                    .note("Killed " + scheduler.component() + " (" + scheduler.holder() + ") and " + manager.component() + " ("
                            + manager.holder() + "); new holders " + schedulerHolder + " and " + managerHolder + ".")
                    .record(passed);

            assertThat(history.rebound).as("pods whose nodeName changed").isEmpty();
            assertThat(maxScheduled).as("Scheduled events of one pod").isLessThanOrEqualTo(1);
            assertThat(overReplicated).as("ReplicaSets seen over their replicas").isEmpty();
            assertThat(schedulerHolder).isNotEqualTo(scheduler.holder());
            assertThat(managerHolder).isNotEqualTo(manager.holder());
            assertThat(schedulerTakeover).as("scheduler takeover seconds").isLessThanOrEqualTo(
                    scheduler.leaseSeconds() + TAKEOVER_MARGIN.toSeconds());
            assertThat(managerTakeover).as("controller-manager takeover seconds").isLessThanOrEqualTo(
                    manager.leaseSeconds() + TAKEOVER_MARGIN.toSeconds());
        } finally {
            if (sampler != null) {
                sampler.interrupt();
            }
            informer.close();
            dropFakeWorkload(ns, fake, fakeNodes);
        }
    }

    private record Leader(String lease, String holder, String component, long leaseSeconds) {
    }

    private Leader leader(String lease) {
        JsonNode spec = cluster.api.get("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/" + lease).path("spec");
        String holder = spec.path("holderIdentity").asText();
        String component = cluster.local.log(lease).contains(holder + " became the leader") ? lease : lease + "-2";
        assertThat(cluster.local.log(component)).as("log of " + component).contains(holder + " became the leader");
        return new Leader(lease, holder, component, spec.path("leaseDurationSeconds").asLong(15));
    }

    private String holder(String lease) {
        return cluster.api.get("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/" + lease)
                .path("spec").path("holderIdentity").asText();
    }

    /**
     * One kubelet with the fake runtime speaking for {@code nodes} nodes {@code fake-0…}, labelled and
     * tainted {@code chaos=fake} so that only the leader test's pods go there.
     */
    private Process startFakeKubelet(int nodes) throws Exception {
        Path home = cluster.local.home;
        Path root = Files.createDirectories(home.resolve("data/kubelet-fake"));
        List<String> command = List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar",
                home.resolve("jars/kubelet.jar").toString(), "--kubeconfig", cluster.local.kubeconfig().toString(),
                "--hostname-override", "fake", "--container-runtime", "fake", "--fake-nodes", Integer.toString(nodes),
                "--node-labels", "chaos=fake", "--register-with-taints", "chaos=fake:NoSchedule", "--port", "0",
                "--root-dir", root.toString(), "--node-status-update-frequency", "2s");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("logs/kubelet-fake.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    private int readyFakeNodes() {
        int ready = 0;
        for (JsonNode node : cluster.api.get("/api/v1/nodes?labelSelector=chaos%3Dfake").path("items")) {
            for (JsonNode c : node.path("status").path("conditions")) {
                if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                    ready++;
                }
            }
        }
        return ready;
    }

    private static ObjectNode fakeReplicaSet(String name, int replicas) {
        ObjectNode rs = Json.object();
        rs.put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        rs.putObject("metadata").put("name", name);
        ObjectNode spec = rs.putObject("spec");
        spec.put("replicas", replicas);
        spec.putObject("selector").putObject("matchLabels").put("set", name);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("set", name);
        ObjectNode pod = template.putObject("spec");
        pod.putObject("nodeSelector").put("chaos", "fake");
        pod.putArray("tolerations").addObject().put("key", "chaos").put("operator", "Equal").put("value", "fake")
                .put("effect", "NoSchedule");
        ObjectNode container = pod.putArray("containers").addObject();
        container.put("name", "c").put("image", "kube4j/fake:1");
        container.putObject("resources").putObject("requests").put("cpu", "10m").put("memory", "8Mi");
        return rs;
    }

    /** Removes the leader test's pods at once (their fake kubelet goes next), its fake nodes and namespace. */
    private void dropFakeWorkload(String ns, Process fake, int nodes) throws InterruptedException {
        try {
            cluster.api.delete("/apis/apps/v1/namespaces/" + ns + "/replicasets", null);
            cluster.api.delete("/api/v1/namespaces/" + ns + "/pods", Json.object().put("gracePeriodSeconds", 0));
        } catch (RuntimeException e) {
            System.out.println("chaos 06: clean-up of " + ns + ": " + e.getMessage());
        }
        fake.destroyForcibly();
        fake.waitFor(10, TimeUnit.SECONDS);
        for (int i = 0; i < nodes; i++) {
            try {
                cluster.api.delete("/api/v1/nodes/fake-" + i, null);
            } catch (RuntimeException e) {
                // not registered
            }
        }
        cluster.dropNamespace(ns);
    }

    /** Scheduled events per pod uid, their counts included. */
    private Map<String, Integer> scheduledEvents(String ns) {
        Map<String, Integer> perPod = new HashMap<>();
        String token = "";
        do {
            JsonNode list = cluster.api.get("/api/v1/namespaces/" + ns + "/events?limit=500"
                    + (token.isEmpty() ? "" : "&continue=" + token));
            for (JsonNode e : list.path("items")) {
                if ("Scheduled".equals(e.path("reason").asText())) {
                    int count = Math.max(e.path("count").asInt(1), e.path("series").path("count").asInt(1));
                    perPod.merge(e.path("involvedObject").path("uid").asText(), count, Integer::sum);
                }
            }
            token = list.path("metadata").path("continue").asText("");
        } while (!token.isEmpty());
        return perPod;
    }

    // ---------------------------------------------------------------- 08 partition

    @Test
    @Order(2)
    void partition08APausedKubeletsPodsKeepRunningAndAreReconciledWhenItResumes() throws Exception {
        boolean full = ChaosReport.full();
        Duration holdAfterUnknown = Duration.ofSeconds(full ? 20 : 3);
        String ns = "chaos-08";
        cluster.namespace(ns);
        cluster.api.post("/apis/apps/v1/namespaces/" + ns + "/deployments",
                FaultCluster.deployment("part", 2, Map.of("kubernetes.io/hostname", "n2"), 300));
        List<JsonNode> before = Poll.until(Duration.ofSeconds(90), "2 ready pods of part on n2", () -> {
            List<JsonNode> ready = cluster.readyPods(ns, "app=part");
            return ready.size() == 2 ? Optional.of(ready) : Optional.empty();
        });
        Map<String, List<OsProcess>> processes = new HashMap<>();
        Map<String, Integer> restarts = new HashMap<>();
        for (JsonNode pod : before) {
            processes.put(FaultCluster.uid(pod), FaultCluster.processes(pod));
            restarts.put(FaultCluster.uid(pod), FaultCluster.restarts(pod));
        }
        assertThat(processes.values()).allSatisfy(p -> assertThat(p).isNotEmpty().allMatch(OsProcess::alive));

        long kubelet = cluster.local.pid("kubelet-n2");
        int[] checks = {0};
        boolean[] aliveThroughout = {true};
        Runnable check = () -> {
            checks[0]++;
            aliveThroughout[0] &= processes.values().stream().flatMap(List::stream).allMatch(OsProcess::alive);
        };
        FaultCluster.signal(kubelet, "STOP");
        long stopped = System.nanoTime();
        long unknownAt;
        long healed;
        boolean evictedDuring;
        boolean markedNotReady = false;
        try {
            Poll.untilTrue(FaultCluster.GRACE.plusSeconds(45), "n2 Unknown while its kubelet is stopped", () -> {
                check.run();
                return "Unknown".equals(cluster.ready("n2"));
            });
            unknownAt = System.nanoTime();
            long holdUntil = unknownAt + holdAfterUnknown.toNanos();
            while (System.nanoTime() < holdUntil) { // the partition's planned length
                check.run();
                if (cluster.pods(ns, "app=part").stream().noneMatch(FaultCluster::podReady)) {
                    markedNotReady = true;
                }
                Thread.sleep(200);
            }
            List<JsonNode> during = cluster.pods(ns, "app=part");
            evictedDuring = during.size() != 2 || during.stream().anyMatch(p -> p.path("metadata").has("deletionTimestamp"));
        } finally {
            FaultCluster.signal(kubelet, "CONT");
            healed = System.nanoTime();
        }
        check.run();
        Poll.untilTrue(Duration.ofSeconds(60), "n2 Ready after its kubelet resumed", () -> "True".equals(cluster.ready("n2")));
        long readyAt = System.nanoTime();
        List<JsonNode> after = Poll.until(Duration.ofSeconds(60), "the same 2 pods Ready again", () -> {
            List<JsonNode> ready = cluster.readyPods(ns, "app=part");
            boolean same = ready.size() == 2 && ready.stream().allMatch(p -> processes.containsKey(FaultCluster.uid(p)));
            return same ? Optional.of(ready) : Optional.empty();
        });
        long podsReadyAt = System.nanoTime();
        check.run();
        int restartsAfter = after.stream().mapToInt(p -> FaultCluster.restarts(p) - restarts.get(FaultCluster.uid(p))).sum();
        boolean sameProcesses = after.stream().allMatch(p ->
                FaultCluster.processes(p).containsAll(processes.get(FaultCluster.uid(p))));

        boolean passed = aliveThroughout[0] && !evictedDuring && restartsAfter == 0 && sameProcesses;
        ChaosReport.section("08", "Network partition (kubelet SIGSTOPped past the node grace period, short of eviction)")
                .invariant("the cut-off kubelet's pods keep running: their processes alive at every check, no eviction")
                .invariant("the node turns Unknown; after SIGCONT it is Ready again and the same pods are Running and Ready, no restarts")
                .figure("node grace period (s)", FaultCluster.GRACE.toSeconds())
                .figure("kubelet stopped → node Unknown (s)", String.format("%.1f", (unknownAt - stopped) / 1e9))
                .figure("partition length (s)", String.format("%.1f", (healed - stopped) / 1e9))
                .figure("seconds Unknown (Unknown → Ready)", String.format("%.1f", (readyAt - unknownAt) / 1e9))
                .figure("resumed → node Ready (s)", String.format("%.1f", (readyAt - healed) / 1e9))
                .figure("resumed → pods Ready again (s)", String.format("%.1f", (podsReadyAt - healed) / 1e9))
                .figure("process checks / all alive", checks[0] + " / " + aliveThroughout[0])
                .figure("pods marked not ready by the node lifecycle during the partition", markedNotReady)
                .figure("pods evicted during the partition", evictedDuring ? "yes" : 0)
                .figure("container restarts", restartsAfter)
                .figure("same OS processes after the heal", sameProcesses)
                .record(passed);

        assertThat(aliveThroughout[0]).as("pod processes alive throughout the partition").isTrue();
        assertThat(evictedDuring).as("pods evicted before the eviction timeout").isFalse();
        assertThat(restartsAfter).as("restarts").isZero();
        assertThat(sameProcesses).as("the same processes run after the heal").isTrue();
        cluster.dropNamespace(ns);
    }

    @Test
    @Order(3)
    @Tag("chaos-slow")
    void partition08BPastTheEvictionTimeoutTheResumedKubeletKillsItsEvictedPods() throws Exception {
        String ns = "chaos-08b";
        cluster.namespace(ns);
        cordon("n1", true);
        List<JsonNode> before;
        try {
            cluster.api.post("/apis/apps/v1/namespaces/" + ns + "/deployments", FaultCluster.deployment("evict", 2, Map.of(), 2));
            before = Poll.until(Duration.ofSeconds(90), "2 ready pods of evict on n2", () -> {
                List<JsonNode> ready = cluster.readyPods(ns, "app=evict");
                return ready.size() == 2 ? Optional.of(ready) : Optional.empty();
            });
        } finally {
            cordon("n1", false);
        }
        assertThat(before).allMatch(p -> "n2".equals(FaultCluster.nodeName(p)));
        Map<String, List<OsProcess>> processes = new HashMap<>();
        before.forEach(p -> processes.put(FaultCluster.uid(p), FaultCluster.processes(p)));
        List<OsProcess> all = processes.values().stream().flatMap(List::stream).toList();
        assertThat(all).isNotEmpty().allMatch(OsProcess::alive);

        long kubelet = cluster.local.pid("kubelet-n2");
        FaultCluster.signal(kubelet, "STOP");
        long stopped = System.nanoTime();
        long unknownAt;
        long evictedAt;
        long replacedAt;
        boolean aliveWhilePaused;
        long healed;
        try {
            Poll.untilTrue(FaultCluster.GRACE.plusSeconds(45), "n2 Unknown", () -> "Unknown".equals(cluster.ready("n2")));
            unknownAt = System.nanoTime();
            Poll.untilTrue(Duration.ofSeconds(60), "the pods of n2 evicted", () -> cluster.pods(ns, "app=evict").stream()
                    .noneMatch(p -> processes.containsKey(FaultCluster.uid(p))));
            evictedAt = System.nanoTime();
            Poll.untilTrue(Duration.ofSeconds(60), "2 replacements Ready on n1", () -> {
                List<JsonNode> ready = cluster.readyPods(ns, "app=evict");
                return ready.size() == 2 && ready.stream().allMatch(p -> "n1".equals(FaultCluster.nodeName(p)));
            });
            replacedAt = System.nanoTime();
            aliveWhilePaused = all.stream().allMatch(OsProcess::alive);
        } finally {
            FaultCluster.signal(kubelet, "CONT");
            healed = System.nanoTime();
        }
        Poll.untilTrue(Duration.ofSeconds(60), "the evicted pods' processes ended by the resumed kubelet",
                () -> all.stream().noneMatch(OsProcess::alive));
        long reapedAt = System.nanoTime();
        Poll.untilTrue(Duration.ofSeconds(60), "n2 Ready again", () -> "True".equals(cluster.ready("n2")));

        ChaosReport.section("08b", "Network partition past the eviction timeout (chaos-slow)")
                .invariant("pods of the cut-off node are evicted after their toleration and replaced on the other node")
                .invariant("the resumed kubelet kills the processes of the pods evicted meanwhile")
                .figure("kubelet stopped → node Unknown (s)", String.format("%.1f", (unknownAt - stopped) / 1e9))
                .figure("Unknown → pods evicted (s, toleration 2 s)", String.format("%.1f", (evictedAt - unknownAt) / 1e9))
                .figure("evicted → replacements Ready on n1 (s)", String.format("%.1f", (replacedAt - evictedAt) / 1e9))
                .figure("evicted pods' processes alive while the kubelet was stopped", aliveWhilePaused)
                .figure("resumed → evicted pods' processes gone (s)", String.format("%.1f", (reapedAt - healed) / 1e9))
                .figure("processes reaped", all.size() + " of " + all.size())
                .record(true);
        cluster.dropNamespace(ns);
    }

    private void cordon(String node, boolean unschedulable) {
        ObjectNode patch = Json.object();
        patch.putObject("spec").put("unschedulable", unschedulable);
        cluster.api.patch("/api/v1/nodes/" + node, ResourceClient.MERGE_PATCH, patch);
    }

    // ---------------------------------------------------------------- 07 node loss

    @Test
    @Order(4)
    void nodeLoss07PodsOfAKilledKubeletAreReplacedAndItsOrphansReapedWhenItRestarts() throws Exception {
        String ns = "chaos-07";
        int replicas = 4;
        cluster.namespace(ns);
        cluster.api.post("/apis/apps/v1/namespaces/" + ns + "/deployments", FaultCluster.deployment("loss", replicas, Map.of(), 2));
        List<JsonNode> before = Poll.until(Duration.ofSeconds(90), replicas + " ready pods of loss", () -> {
            List<JsonNode> ready = cluster.readyPods(ns, "app=loss");
            return ready.size() == replicas ? Optional.of(ready) : Optional.empty();
        });
        Map<String, Long> perNode = before.stream().collect(Collectors.groupingBy(FaultCluster::nodeName, Collectors.counting()));
        String victim = perNode.getOrDefault("n2", 0L) > 0 ? "n2" : "n1";
        String survivor = victim.equals("n2") ? "n1" : "n2";
        Map<String, List<OsProcess>> orphans = new HashMap<>();
        before.stream().filter(p -> victim.equals(FaultCluster.nodeName(p)))
                .forEach(p -> orphans.put(FaultCluster.uid(p), FaultCluster.processes(p)));
        List<OsProcess> orphanProcesses = orphans.values().stream().flatMap(List::stream).toList();
        assertThat(orphanProcesses).isNotEmpty().allMatch(OsProcess::alive);

        cluster.local.kill9("kubelet-" + victim);
        long killed = System.nanoTime();
        Poll.untilTrue(FaultCluster.GRACE.plusSeconds(45), victim + " Unknown", () -> "Unknown".equals(cluster.ready(victim)));
        long unknownAt = System.nanoTime();
        Poll.untilTrue(Duration.ofSeconds(60), "the pods of " + victim + " evicted", () -> cluster.pods(ns, "app=loss").stream()
                .noneMatch(p -> orphans.containsKey(FaultCluster.uid(p))));
        long evictedAt = System.nanoTime();
        Poll.untilTrue(Duration.ofSeconds(90), replicas + " replacements Running on " + survivor, () -> {
            List<JsonNode> ready = cluster.readyPods(ns, "app=loss");
            return ready.size() == replicas && ready.stream().allMatch(p -> survivor.equals(FaultCluster.nodeName(p)));
        });
        long replacedAt = System.nanoTime();
        long orphansAliveBeforeRestart = orphanProcesses.stream().filter(OsProcess::alive).count();

        long deadKubelet = cluster.local.pid("kubelet-" + victim);
        long restarted = System.nanoTime();
        var up = cluster.local.script(Duration.ofMinutes(2), "up");
        assertThat(up.exit()).as(up.out() + up.err()).isZero();
        assertThat(cluster.local.pid("kubelet-" + victim)).as("a new kubelet process").isNotEqualTo(deadKubelet);
        boolean reaped = true;
        try {
            Poll.untilTrue(Duration.ofSeconds(60), "the orphaned processes of " + victim + " reaped by its restarted kubelet",
                    () -> orphanProcesses.stream().noneMatch(OsProcess::alive));
        } catch (AssertionError e) {
            reaped = false;
        }
        long reapedAt = System.nanoTime();
        long left = orphanProcesses.stream().filter(OsProcess::alive).count();
        List<JsonNode> afterRestart = cluster.readyPods(ns, "app=loss");

        boolean passed = reaped && afterRestart.size() == replicas;
        ChaosReport.section("07", "Node loss (SIGKILL of a kubelet hosting a Deployment's pods)")
                .invariant("the node turns Unknown after the grace period, its pods are evicted after their toleration (2 s)")
                .invariant("replacements run on the other node; the restarted kubelet reaps the orphaned processes of the evicted pods")
                .figure("pods on the killed node / in all", orphans.size() + " / " + replicas)
                .figure("node grace period (s)", FaultCluster.GRACE.toSeconds())
                .figure("kill → node Unknown (s)", String.format("%.1f", (unknownAt - killed) / 1e9))
                .figure("kill → pods evicted (s)", String.format("%.1f", (evictedAt - killed) / 1e9))
                .figure("kill → replacements Running and Ready (s)", String.format("%.1f", (replacedAt - killed) / 1e9))
                .figure("orphaned processes alive before the restart", orphansAliveBeforeRestart + " of " + orphanProcesses.size())
                .figure("kube4j up (restarts the kubelet, waits for its node Ready) → orphans reaped (s)", reaped ? String.format("%.1f", (reapedAt - restarted) / 1e9) : "not reaped")
                .figure("orphaned processes left", left)
                .record(passed);

        assertThat(reaped).as("orphans reaped; alive: " + orphanProcesses.stream().filter(OsProcess::alive).toList()).isTrue();
        assertThat(afterRestart).hasSize(replicas);
        cluster.dropNamespace(ns);
    }
}
