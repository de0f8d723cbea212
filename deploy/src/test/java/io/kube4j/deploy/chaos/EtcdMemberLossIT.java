package io.kube4j.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.Kubeconfig;
import io.kube4j.deploy.LocalCluster;
import io.kube4j.deploy.Poll;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fault test 04: a kube-apiserver process on a three-member etcd cluster, with writers creating
 * ConfigMaps throughout. Losing one member (the raft leader, SIGKILL) must cost no request more than
 * one client retry and no acknowledged write; losing a second (no quorum) must give 503s, not 500s
 * or hangs past the request timeout, and lose nothing acknowledged; with both members back the same
 * apiserver process serves writes again, without a restart.
 */
class EtcdMemberLossIT {

    private static final String NS = "chaos-etcd-members";
    private static final int WRITERS = 8;
    /** The apiserver's --request-timeout: no request may take longer (plus scheduling slack). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** The pause before a failed write's one retry. */
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(2);

    /** What the writers saw while one phase lasted, by the phase the write started in. */
    private static final class Phase {
        final String name;
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        /** Final failures (after the one retry) by HTTP code, 0 for no reply at all. */
        final Map<Integer, AtomicInteger> failureCodes = new ConcurrentHashMap<>();
        /** Codes of every failed attempt, first tries included. */
        final Map<Integer, AtomicInteger> attemptCodes = new ConcurrentHashMap<>();
        final AtomicLong maxMillis = new AtomicLong();
        /** The first few distinct failure messages, for the report. */
        final Map<String, Boolean> messages = new ConcurrentHashMap<>();

        Phase(String name) {
            this.name = name;
        }

        String codes(Map<Integer, AtomicInteger> codes) {
            Map<Integer, Integer> sorted = new TreeMap<>();
            codes.forEach((code, n) -> sorted.put(code, n.get()));
            return sorted.isEmpty() ? "none" : sorted.toString();
        }
    }

    @Test
    void oneLostMemberCostsAtMostOneRetryAndALostQuorumAnswers503WithoutLosingWrites() throws Exception {
        Path etcd = EtcdMembers.binary();
        assumeTrue(etcd != null, "no etcd binary on the PATH");
        boolean full = ChaosReport.full();
        Duration baseline = Duration.ofSeconds(full ? 5 : 3);
        // longer than twice etcd's 7 s proposal timeout: writes caught by the kill time out, then their retries run
        Duration oneDown = Duration.ofSeconds(full ? 30 : 16);
        // etcd answers a proposal without quorum after its own 7 s timeout: long enough for each writer to see one
        Duration quorumLost = Duration.ofSeconds(full ? 24 : 10);
        Duration after = Duration.ofSeconds(full ? 10 : 3);

        Path home = Files.createTempDirectory("kube4j-chaos04-");
        Process apiserver = null;
        Path logs = Path.of("target/chaos-logs/04").toAbsolutePath();
        deleteTree(logs);
        try (EtcdMembers members = EtcdMembers.start(etcd, logs)) {
            int port = LocalCluster.freePort();
            Path pki = pki(home, port);
            apiserver = startApiServer(home, pki, port, members.endpoints());
            long apiserverPid = apiserver.pid();
            try (ApiClient api = ApiClient.create(Kubeconfig.load(pki.resolve("admin.kubeconfig"), null)
                    .withRateLimit(1_000_000, 1_000_000)
                    .withTimeouts(Duration.ofSeconds(5), REQUEST_TIMEOUT.plusSeconds(15)))) {
                Process server = apiserver;
                Poll.untilTrue(Duration.ofSeconds(90), "the apiserver's /readyz", () -> {
                    assertThat(server.isAlive()).as("apiserver alive; log:\n%s", tail(home.resolve("apiserver.log"))).isTrue();
                    return readyz(api) == 200;
                });
                api.post("/api/v1/namespaces", Json.object().set("metadata", Json.object().put("name", NS)));

                Map<String, String> acked = new ConcurrentHashMap<>();
                AtomicReference<Phase> current = new AtomicReference<>(new Phase("3 members"));
                List<Phase> phases = new ArrayList<>(List.of(current.get()));
                Phase crossing = new Phase("final attempt spanning a fault or a restore");
                AtomicLong firstAckAfterRestore = new AtomicLong();
                AtomicLong restoredAt = new AtomicLong(Long.MAX_VALUE);
                List<Thread> writers = new ArrayList<>();
                AtomicBoolean stop = new AtomicBoolean();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    Thread t = new Thread(() -> write(api, writer, stop, current, crossing, acked, restoredAt, firstAckAfterRestore),
                            "chaos04-writer-" + w);
                    t.setDaemon(true);
                    t.start();
                    writers.add(t);
                }

                Map<String, Object> figures = new LinkedHashMap<>();
                String readyzDuringOutage = "";
                Double recoverySeconds = null;
                try {
                    Thread.sleep(baseline.toMillis()); // a deliberate fault schedule, not synchronisation

                    int first = members.leader().orElse(0);
                    members.kill(first);
                    next(current, phases, "1 member down (the leader, m" + first + ")");
                    Thread.sleep(oneDown.toMillis());

                    OptionalInt newLeader = members.leader();
                    int second = newLeader.isPresent() ? newLeader.getAsInt() : (first + 1) % 3;
                    members.kill(second);
                    next(current, phases, "2 members down (quorum lost, m" + second + " too)");
                    long lostAt = System.nanoTime();
                    int ready = 0;
                    while (System.nanoTime() - lostAt < quorumLost.toNanos()) {
                        ready = readyz(api);
                        if (ready != 200) {
                            readyzDuringOutage = Integer.toString(ready);
                        }
                        Thread.sleep(500);
                    }
                    if (readyzDuringOutage.isEmpty()) {
                        readyzDuringOutage = "always 200";
                    }

                    next(current, phases, "restored (3 members)");
                    long restore = System.nanoTime();
                    restoredAt.set(restore);
                    members.startMember(first);
                    members.startMember(second);
                    Poll.untilTrue(Duration.ofSeconds(90), "a write acknowledged after the members returned",
                            () -> firstAckAfterRestore.get() != 0);
                    Poll.untilTrue(Duration.ofSeconds(60), "/readyz 200 after the members returned", () -> readyz(api) == 200);
                    recoverySeconds = (firstAckAfterRestore.get() - restore) / 1e9;
                    Thread.sleep(after.toMillis());
                } finally {
                    stop.set(true);
                    for (Thread t : writers) {
                        t.join(REQUEST_TIMEOUT.plusSeconds(20).toMillis());
                    }
                }

                Map<String, String> stored = stored(api);
                long found = acked.entrySet().stream().filter(e -> e.getValue().equals(stored.get(e.getKey()))).count();
                List<String> lost = acked.keySet().stream().filter(k -> !acked.get(k).equals(stored.get(k))).sorted().limit(10).toList();

                Phase p1 = phases.get(1);
                Phase p2 = phases.get(2);
                Phase p3 = phases.get(3);
                boolean sameProcess = apiserver.isAlive() && apiserver.pid() == apiserverPid;
                boolean onlyUnavailable = p2.failureCodes.keySet().stream().allMatch(c -> c == 503)
                        && p2.attemptCodes.keySet().stream().allMatch(c -> c == 503);
                long hangMillis = REQUEST_TIMEOUT.plusSeconds(5).toMillis();
                boolean noHang = Stream.concat(phases.stream(), Stream.of(crossing)).allMatch(p -> p.maxMillis.get() <= hangMillis);
                int unavailable = p2.attemptCodes.getOrDefault(503, new AtomicInteger()).get();
                boolean passed = found == acked.size() && p1.failed.get() == 0 && unavailable > 0 && onlyUnavailable
                        && noHang && sameProcess && recoverySeconds != null && p3.acknowledged.get() > 0;

                ChaosReport report = ChaosReport.section("04", "etcd member loss (three-member etcd, one then two members down)")
                        .invariant("one member down (the raft leader, SIGKILL): no write fails after one client retry (2 s back-off), no acknowledged write lost")
                        .invariant("two members down (quorum lost): failures are 503 (never 500), no request outlives the request timeout ("
                                + REQUEST_TIMEOUT.toSeconds() + " s), nothing acknowledged is lost")
                        .invariant("both members restarted: the same apiserver process serves writes again, no restart, no manual step");
                List<Phase> all = new ArrayList<>(phases);
                all.add(crossing);
                for (Phase p : all) {
                    report.figure(p.name + ": writes / acknowledged / retried / failed after retry",
                            p.writes + " / " + p.acknowledged + " / " + p.retried + " / " + p.failed);
                    report.figure(p.name + ": codes of failed attempts / of final failures",
                            p.codes(p.attemptCodes) + " / " + p.codes(p.failureCodes));
                    report.figure(p.name + ": slowest attempt (ms)", p.maxMillis.get());
                    p.messages.keySet().forEach(m -> report.note("- " + p.name + ": `" + m.replace('`', '\'') + "`"));
                }
                report.figure("writes acknowledged", acked.size())
                        .figure("acknowledged writes found with their content", found)
                        .figure("/readyz while quorum was lost", readyzDuringOutage)
                        .figure("recovery: members restarted → first acknowledged write (s)",
                                recoverySeconds == null ? "none" : String.format("%.1f", recoverySeconds))
                        .figure("apiserver restarts", sameProcess ? 0 : "process gone")
                        .note((full ? "Full size" : "CI subset") + ": " + WRITERS + " writers creating ConfigMaps; phases "
                                + baseline.toSeconds() + " s / " + oneDown.toSeconds() + " s / " + quorumLost.toSeconds()
                                + " s, then until recovered + " + after.toSeconds() + " s. A write is retried once, " + RETRY_BACKOFF.toSeconds() + " s after any failure;"
                                + " a retry answered 409 AlreadyExists counts as acknowledged (the first attempt took effect)."
                                + " A write is judged in the phase its final attempt ran in from start to end; those whose"
                                + " final attempt saw a kill or a restore are counted apart.")
                        .record(passed);

                assertThat(lost).as("acknowledged writes missing or changed").isEmpty();
                assertThat(p1.failureCodes).as("writes failed after one retry with one member down").isEmpty();
                assertThat(unavailable).as("503 answers while the quorum was lost").isPositive();
                // 409 only as the answer to a retry whose first attempt took effect after all (an etcd timeout
                // answered 503 hides a committed write): it counts as acknowledged and its content is checked
                assertThat(p2.attemptCodes.keySet()).as("codes of failed attempts without quorum").isSubsetOf(503, 409);
                assertThat(all).allSatisfy(p -> assertThat(p.maxMillis.get()).as("slowest request in " + p.name)
                        .isLessThanOrEqualTo(hangMillis));
                assertThat(sameProcess).as("the apiserver process was never restarted").isTrue();
                assertThat(recoverySeconds).as("recovered").isNotNull();
            }
        } finally {
            if (apiserver != null) {
                apiserver.destroyForcibly();
                apiserver.waitFor(10, TimeUnit.SECONDS);
            }
            keepLogs(home, logs);
            deleteTree(home);
        }
    }

    private static void next(AtomicReference<Phase> current, List<Phase> phases, String name) {
        Phase phase = new Phase(name);
        phases.add(phase);
        current.set(phase);
    }

    /** One writer: creates ConfigMaps one after another, retrying each failed create once. */
    private static void write(ApiClient api, int writer, AtomicBoolean stop,
                              AtomicReference<Phase> current, Phase crossing, Map<String, String> acked, AtomicLong restoredAt,
                              AtomicLong firstAckAfterRestore) {
        for (int n = 0; !stop.get(); n++) {
            String name = String.format("w%d-%06d", writer, n);
            String value = name + "@" + System.nanoTime();
            ObjectNode body = Json.object();
            body.put("apiVersion", "v1").put("kind", "ConfigMap");
            body.putObject("metadata").put("name", name);
            body.putObject("data").put("v", value);
            long started = System.nanoTime();
            Phase last = current.get();
            int code = attempt(api, body, last);
            boolean retried = code / 100 != 2;
            if (retried) {
                // back off before the one retry, as a client should: longer than etcd's election timeout
                // (1-2 s), so that a retry after a leader's death reaches the new leader
                try {
                    Thread.sleep(RETRY_BACKOFF.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                last = current.get();
                code = attempt(api, body, last);
                if (code == 409) {
                    code = 201; // the first attempt took effect after all; its content is checked at the end
                }
            }
            // a write belongs to the phase its final attempt ran in from start to end; one whose final
            // attempt saw a fault begin or end is counted apart
            Phase phase = last == current.get() ? last : crossing;
            phase.writes.incrementAndGet();
            if (retried) {
                phase.retried.incrementAndGet();
            }
            if (code / 100 == 2) {
                acked.put(name, value);
                phase.acknowledged.incrementAndGet();
                if (started > restoredAt.get()) {
                    firstAckAfterRestore.compareAndSet(0, System.nanoTime());
                }
            } else {
                phase.failed.incrementAndGet();
                phase.failureCodes.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    /** One POST; answers its HTTP code (0: no reply). */
    private static int attempt(ApiClient api, ObjectNode body, Phase phase) {
        long started = System.nanoTime();
        int code;
        try {
            code = api.send("POST", "/api/v1/namespaces/" + NS + "/configmaps", Json.bytes(body), "application/json").code();
        } catch (ApiException e) {
            code = e.code();
            remember(phase, code + " " + e.getMessage());
        } catch (UncheckedIOException e) {
            code = 0;
            remember(phase, "0 " + e.getMessage());
        }
        phase.maxMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math::max);
        if (code / 100 != 2) {
            phase.attemptCodes.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
        }
        return code;
    }

    private static void remember(Phase phase, String message) {
        if (phase.messages.size() < 3) {
            phase.messages.putIfAbsent(message.replaceAll("w\\d-\\d{6}", "<name>"), true);
        }
    }

    private static int readyz(ApiClient api) {
        try {
            return api.send("GET", "/readyz", null, null).code();
        } catch (ApiException e) {
            return e.code();
        } catch (UncheckedIOException e) {
            return 0;
        }
    }

    /** Every ConfigMap of the namespace: name → data.v. */
    private static Map<String, String> stored(ApiClient api) {
        Map<String, String> stored = new HashMap<>();
        String token = "";
        do {
            JsonNode list = api.get("/api/v1/namespaces/" + NS + "/configmaps?limit=500"
                    + (token.isEmpty() ? "" : "&continue=" + token));
            for (JsonNode cm : list.path("items")) {
                stored.put(cm.path("metadata").path("name").asText(), cm.path("data").path("v").asText());
            }
            token = list.path("metadata").path("continue").asText("");
        } while (!token.isEmpty());
        return stored;
    }

    private static Path pki(Path home, int port) throws IOException, InterruptedException {
        Path pki = home.resolve("pki");
        Path certs = LocalCluster.repo().resolve("certs/target/kube4j-certs.jar");
        run(List.of("java", "-jar", certs.toString(), "init", "--dir", pki.toString(),
                "--server", "https://127.0.0.1:" + port), home.resolve("certs.log"));
        return pki;
    }

    private static Process startApiServer(Path home, Path pki, int port, String etcdServers) throws IOException {
        // a copy, so that a build running meanwhile cannot change the jar under the running JVM
        Path jar = Files.copy(LocalCluster.repo().resolve("apiserver/target/kube-apiserver.jar"), home.resolve("kube-apiserver.jar"));
        List<String> command = List.of("java", "-XX:+UseSerialGC", "-Xmx512m", "-jar", jar.toString(),
                "--secure-port", Integer.toString(port), "--bind-address", "127.0.0.1",
                "--etcd-servers", etcdServers, "--request-timeout", REQUEST_TIMEOUT.toSeconds() + "s",
                "--tls-cert-file", pki.resolve("apiserver.crt").toString(),
                "--tls-private-key-file", pki.resolve("apiserver.key").toString(),
                "--client-ca-file", pki.resolve("ca.crt").toString(),
                "--token-auth-file", pki.resolve("tokens.csv").toString(),
                "--service-account-key-file", pki.resolve("sa.pub").toString(),
                "--service-account-signing-key-file", pki.resolve("sa.key").toString());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("apiserver.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + tail(log));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** The apiserver's log goes to target/chaos-logs/04 for a look after a failure. */
    private static void keepLogs(Path home, Path logs) {
        try {
            Path log = home.resolve("apiserver.log");
            if (Files.exists(log)) {
                Files.copy(log, logs.resolve("kube-apiserver.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ignored) {
            // logs are a convenience
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
