package io.kube4j.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.apiserver.testing.TestClient;
import io.kube4j.common.api.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault test 03: clients read and create ConfigMaps through the apiserver process while etcd is away for a
 * fixed time, frozen (SIGSTOP: requests hang until the apiserver's etcd timeout) or killed (SIGKILL:
 * connection refused) and then restarted over its data. Every answer is a 2xx or a 503 (never a 500, never a connection error), none
 * takes longer than the apiserver's request timeout, {@code /readyz} turns non-200 during the outage, and after
 * etcd is back the same apiserver process serves reads and writes again with no restart.
 * {@code apiserver/src/test/.../EtcdOutageIT} checks single requests in-process; this is the multi-process
 * version under load, with figures.
 */
class EtcdOutageChaosIT {

    private static final String NAMESPACE = "chaos-outage";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final int READERS = 3;
    private static final int CREATORS = 3;

    /** One request: when it started (ns since the test began), what it got, how long it took. */
    record Sample(long startNanos, String outcome, long millis) {
    }

    /** How etcd goes away: frozen (its port open, nothing answers) or killed (connection refused) then restarted. */
    enum Fault {
        FREEZE("03", "etcd outage under load (etcd frozen by SIGSTOP)", "frozen (SIGSTOP), then SIGCONT"),
        KILL("03b", "etcd outage under load (etcd SIGKILLed, restarted on its data)", "killed (SIGKILL), then restarted");

        final String id;
        final String title;
        final String how;

        Fault(String id, String title, String how) {
            this.id = id;
            this.title = title;
            this.how = how;
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void answers503DuringAnEtcdOutageAndRecoversWithoutRestart(Fault fault) throws Exception {
        // longer than the apiserver's etcd timeout (10 s), so requests caught by the outage must time out into 503s
        Duration outage = Duration.ofSeconds(ChaosReport.full() ? 20 : 14);
        Path pki = ApiServerProcess.newPki();
        Queue<Sample> samples = new ConcurrentLinkedQueue<>();
        Queue<Sample> readyz = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(READERS + CREATORS + 1);
        long t0 = System.nanoTime();
        try (RestartableEtcd etcd = RestartableEtcd.start();
             ApiServerProcess api = ApiServerProcess.start(pki, etcd.endpoint(),
                     "--request-timeout", REQUEST_TIMEOUT.toSeconds() + "s")) {
            long pid = api.pid();
            TestClient admin = api.admin();
            assertThat(admin.post("/api/v1/namespaces", Json.parse("{\"metadata\":{\"name\":\"" + NAMESPACE + "\"}}")).code())
                    .isEqualTo(201);
            String base = "/api/v1/namespaces/" + NAMESPACE + "/configmaps";
            assertThat(admin.post(base, Json.parse("{\"metadata\":{\"name\":\"seed\"}}")).code()).isEqualTo(201);
            List<Future<?>> load = new ArrayList<>();
            for (int i = 0; i < READERS + CREATORS; i++) {
                boolean creator = i >= READERS;
                int index = i;
                TestClient client = api.admin();
                load.add(pool.submit(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        String name = "c" + index + "-" + n++;
                        samples.add(timed(t0, () -> creator
                                ? client.post(base, Json.parse("{\"metadata\":{\"name\":\"" + name + "\"}}"))
                                : client.get(base + "/seed")));
                    }
                    return null;
                }));
            }
            TestClient probe = api.admin();
            load.add(pool.submit(() -> {
                while (!stop.get()) {
                    readyz.add(timed(t0, () -> probe.get("/readyz")));
                    Thread.sleep(100);
                }
                return null;
            }));
            awaitCount(samples, 100, Duration.ofSeconds(60));

            long stopped = System.nanoTime() - t0;
            if (fault == Fault.FREEZE) {
                etcd.freeze();
            } else {
                etcd.kill9();
            }
            long resumed;
            try {
                Thread.sleep(outage.toMillis()); // the fault's duration, not a synchronisation
            } finally {
                if (fault == Fault.FREEZE) {
                    etcd.thaw();
                } else {
                    etcd.restart();
                }
                resumed = System.nanoTime() - t0;
            }
            double readyAgain = secondsUntil(t0, resumed, Duration.ofSeconds(60), () -> admin.get("/readyz").code() == 200);
            double writableAgain = secondsUntil(t0, resumed, Duration.ofSeconds(60),
                    () -> admin.post(base, Json.parse("{\"metadata\":{\"generateName\":\"after-\"}}")).code() == 201);
            awaitCount(samples, samples.size() + 100, Duration.ofSeconds(60));
            stop.set(true);
            for (Future<?> f : load) {
                f.get(REQUEST_TIMEOUT.toSeconds() + 15, TimeUnit.SECONDS);
            }
            boolean sameProcess = api.pid() == pid && api.ready();

            Map<String, Integer> byOutcome = new TreeMap<>();
            Map<String, Integer> duringOutage = new TreeMap<>();
            long maxMillis = 0;
            for (Sample s : samples) {
                byOutcome.merge(s.outcome(), 1, Integer::sum);
                // in flight during the outage: started before etcd came back, answered after it went away (a
                // request started just before the fault waits out the etcd timeout too; one started late in
                // the outage may be answered 2xx once etcd is back)
                if (s.startNanos() < resumed && s.startNanos() + s.millis() * 1_000_000L >= stopped) {
                    duringOutage.merge(s.outcome(), 1, Integer::sum);
                }
                maxMillis = Math.max(maxMillis, s.millis());
            }
            List<String> unexpected = byOutcome.keySet().stream().filter(o -> !(o.startsWith("2") || o.equals("503"))).toList();
            long readyzDownSamples = readyz.stream()
                    .filter(s -> s.startNanos() >= stopped && s.startNanos() < resumed && !s.outcome().equals("200")).count();
            double firstReadyzDown = readyz.stream()
                    .filter(s -> s.startNanos() >= stopped && !s.outcome().equals("200"))
                    .mapToDouble(s -> (s.startNanos() - stopped) / 1e9).min().orElse(Double.NaN);
            long readyzMaxMillis = readyz.stream().mapToLong(Sample::millis).max().orElse(0);
            boolean passed = unexpected.isEmpty() && maxMillis <= REQUEST_TIMEOUT.toMillis() && readyzDownSamples > 0
                    && sameProcess && duringOutage.getOrDefault("503", 0) > 0;
            ChaosReport.section(fault.id, fault.title)
                    .invariant("every answer is 2xx or 503: never 500, never a connection error or client timeout")
                    .invariant("no request takes longer than the apiserver's request timeout (" + REQUEST_TIMEOUT.toSeconds() + " s)")
                    .invariant("/readyz is non-200 during the outage; afterwards the same apiserver process serves reads and writes")
                    .figure("etcd " + fault.how + ", seconds", outage.toSeconds())
                    .figure("load clients (readers + creators)", READERS + " + " + CREATORS)
                    .figure("requests", samples.size())
                    .figure("answers by code", byOutcome)
                    .figure("answers by code, requests in flight during the outage", duringOutage)
                    .figure("max request latency ms", maxMillis)
                    .figure("max /readyz latency ms", readyzMaxMillis)
                    .figure("seconds from the fault to the first non-200 /readyz", String.format("%.2f", firstReadyzDown))
                    .figure("/readyz non-200 samples during the outage", readyzDownSamples)
                    .figure("seconds from etcd's return (healthy) to /readyz 200", String.format("%.2f", readyAgain))
                    .figure("seconds from etcd's return to the first successful create", String.format("%.2f", writableAgain))
                    .figure("apiserver restarts", sameProcess ? 0 : "the process changed or is not ready")
                    .record(passed);
            assertThat(unexpected).as("answers other than 2xx/503: " + byOutcome).isEmpty();
            assertThat(maxMillis).as("slowest request, ms").isLessThanOrEqualTo(REQUEST_TIMEOUT.toMillis());
            assertThat(duringOutage.getOrDefault("503", 0)).as("503s to requests in flight during the outage: " + duringOutage).isPositive();
            assertThat(readyzDownSamples).as("/readyz non-200 samples during the outage").isPositive();
            assertThat(sameProcess).as("the same apiserver process recovered").isTrue();
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private interface Call {
        TestClient.Reply call() throws Exception;
    }

    private static Sample timed(long t0, Call call) throws InterruptedException {
        long start = System.nanoTime();
        String outcome;
        try {
            outcome = Integer.toString(call.call().code());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            outcome = e.getClass().getSimpleName();
        }
        return new Sample(start - t0, outcome, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private interface Probe {
        boolean ok() throws Exception;
    }

    /** Seconds from {@code sinceNanos} (relative to {@code t0}) until {@code probe} holds; fails after {@code within}. */
    private static double secondsUntil(long t0, long sinceNanos, Duration within, Probe probe) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                if (probe.ok()) {
                    return (System.nanoTime() - t0 - sinceNanos) / 1e9;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // not yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the apiserver did not recover within " + within.toSeconds() + " s of etcd's return");
            }
            Thread.sleep(50);
        }
    }

    private static void awaitCount(Queue<Sample> samples, int target, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (samples.size() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + samples.size() + " of " + target + " requests answered in " + within.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }
}
