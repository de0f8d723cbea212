package io.kube4j.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * H2: slowloris (hundreds of TLS connections sending a request head a byte at a time) and a flood of idle
 * TCP connections beyond {@code --max-connections}: a normal client keeps getting answers with bounded
 * latency, new clients still get in, the slow and idle connections are closed by the server
 * ({@code --read-header-timeout}); beyond {@code --max-requests-inflight} /
 * {@code --max-mutating-requests-inflight} requests are answered 429 with a Status and Retry-After.
 */
class FloodIT {

    private static final String LIST = "/api/v1/namespaces/default/configmaps";
    private static final int MAX_CONNECTIONS = 600;
    private static final int HEADER_TIMEOUT_SECONDS = 3;

    @Test
    void slowAndIdleConnectionsDoNotStarveOtherClientsAndExcessRequestsGet429() throws Exception {
        int slowloris = ChaosReport.full() ? 500 : 200;
        int idle = ChaosReport.full() ? 3_000 : 1_000;
        ChaosReport report = ChaosReport.section("H2", "Hostile input: slowloris, connection flood, request rate limits")
                .invariant("during " + slowloris + " slowloris TLS connections and " + idle + " idle TCP connections (limit "
                        + MAX_CONNECTIONS + "), a kept-alive client's p99 stays under max(10x its p99 before, 500 ms)")
                .invariant("new connections still get answers within 15 s during the flood")
                .invariant("every slowloris and idle connection is closed by the server (read-header timeout "
                        + HEADER_TIMEOUT_SECONDS + " s, connection limit shedding)")
                .invariant("requests beyond --max-requests-inflight=4 / --max-mutating-requests-inflight=2 get 429 with a Status"
                        + " and Retry-After; the server answers normally afterwards");
        try (ApiServerUnderAttack server = ApiServerUnderAttack.start("--max-connections", Integer.toString(MAX_CONNECTIONS),
                "--read-header-timeout", HEADER_TIMEOUT_SECONDS + "s", "--connection-idle-timeout", "20s",
                "--max-requests-inflight", "4", "--max-mutating-requests-inflight", "2")) {
            RawHttps admin = server.client("admin");
            List<Long> before = new ArrayList<>();
            List<Long> during = new ArrayList<>();
            List<Long> freshDuring = new ArrayList<>();
            AtomicInteger normalFailures = new AtomicInteger();
            try (RawHttps.Connection normal = admin.open()) {
                measure(normal, 1_000, new ArrayList<>(), normalFailures); // warm-up
                measure(normal, 2_000, before, normalFailures);

                List<Socket> slow = new ArrayList<>();
                List<Socket> floods = new ArrayList<>();
                AtomicBoolean attacking = new AtomicBoolean(true);
                AtomicInteger slowClosed = new AtomicInteger();
                ExecutorService attackers = Executors.newFixedThreadPool(4);
                AtomicBoolean measuring = new AtomicBoolean(true);
                try {
                    // the kept-alive client keeps asking from the first attacking connection on (an idle one would
                    // rightly be shed at the connection limit)
                    Future<?> normalDuring = attackers.submit(() -> {
                        while (measuring.get() && normalFailures.get() == 0) {
                            measure(normal, 200, during, normalFailures);
                        }
                        return null;
                    });
                    RawHttps anonymous = server.anonymousClient();
                    for (int i = 0; i < slowloris; i++) {
                        RawHttps.Connection c = anonymous.open();
                        c.output().write("GET /api/v1/namespaces HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                        c.output().flush();
                        slow.add(c.socket());
                    }
                    Future<?> loris = attackers.submit(() -> dripBytes(slow, attacking, slowClosed));
                    int notAccepted = 0;
                    for (int i = 0; i < idle; i++) {
                        Socket s = new Socket();
                        try {
                            // beyond the limit Jetty stops accepting: once the kernel's backlog is full, connects wait
                            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
                            floods.add(s);
                        } catch (IOException e) {
                            s.close();
                            notAccepted++;
                        }
                    }
                    // the flood is in place (beyond the limit): measure a kept-alive client and new connections
                    Future<?> fresh = attackers.submit(() -> {
                        long end = System.nanoTime() + 8_000_000_000L;
                        while (System.nanoTime() < end) {
                            long start = System.nanoTime();
                            try (RawHttps.Connection c = admin.open()) {
                                c.socket().setSoTimeout(15_000);
                                if (c.send(RawHttps.request("GET", LIST).build()).code() == 200) {
                                    freshDuring.add(System.nanoTime() - start);
                                } else {
                                    freshDuring.add(Long.MAX_VALUE);
                                }
                            } catch (IOException e) {
                                freshDuring.add(Long.MAX_VALUE);
                            }
                        }
                        return null;
                    });
                    fresh.get();
                    measuring.set(false);
                    normalDuring.get();
                    int floodClosed = closedByServer(floods, 10_000);
                    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(HEADER_TIMEOUT_SECONDS + 10);
                    while (slowClosed.get() < slowloris && System.nanoTime() < waitUntil) {
                        Thread.sleep(200); // the drip thread notices closed connections on its next byte
                    }
                    attacking.set(false);
                    loris.get();

                    // 429: two POSTs hold both mutating slots while their bodies trickle in; a third is refused
                    List<RawHttps.Connection> holders = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        RawHttps.Connection h = admin.open();
                        h.output().write(("POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Content-Type: application/json\r\nContent-Length: 30\r\n\r\n{\"metadata\":").getBytes(StandardCharsets.US_ASCII));
                        h.output().flush();
                        holders.add(h);
                    }
                    RawHttps.Response refused = null;
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    try (RawHttps.Connection third = admin.open()) {
                        // the two holders' requests reach the handler asynchronously: poll until both slots are taken
                        while (System.nanoTime() < deadline) {
                            RawHttps.Response r = third.send(RawHttps.request("POST", LIST).body("application/json",
                                    "{\"metadata\":{\"name\":\"x-" + System.nanoTime() + "\"}}").build());
                            if (r.code() == 429) {
                                refused = r;
                                break;
                            }
                            Thread.sleep(50);
                        }
                    }
                    for (RawHttps.Connection h : holders) {
                        h.close();
                    }
                    int readOnly429 = burst(admin, 48, 40);
                    boolean answersAfter = false;
                    long afterDeadline = System.nanoTime() + 10_000_000_000L;
                    while (!answersAfter && System.nanoTime() < afterDeadline) {
                        try (RawHttps.Connection c = admin.open()) {
                            answersAfter = c.send(RawHttps.request("POST", LIST).body("application/json",
                                    "{\"metadata\":{\"name\":\"after\"}}").build()).code() == 201;
                        }
                    }

                    long p99Before = percentile(before, 99);
                    long p99During = percentile(during, 99);
                    long bound = Math.max(10 * p99Before, 500_000_000L);
                    long freshWorst = freshDuring.stream().mapToLong(Long::longValue).max().orElse(Long.MAX_VALUE);
                    boolean refusedWell = refused != null && refused.headers().containsKey("retry-after")
                            && FuzzIT.statusProblem(refused, true) == null && refused.text().contains("TooManyRequests");
                    boolean passed = p99During <= bound && normalFailures.get() == 0 && freshWorst <= 15_000_000_000L
                            && slowClosed.get() == slowloris && floodClosed == floods.size() && refusedWell && readOnly429 > 0
                            && answersAfter && server.alive();
                    report.figure("kept-alive client: requests before / during", before.size() + " / " + during.size())
                            .figure("kept-alive client p50 / p99 before (ms)", ms(percentile(before, 50)) + " / " + ms(p99Before))
                            .figure("kept-alive client p50 / p99 during (ms)", ms(percentile(during, 50)) + " / " + ms(p99During))
                            .figure("kept-alive client failures", normalFailures.get())
                            .figure("new connections during the flood: count, p50, worst (ms)", freshDuring.size() + ", "
                                    + ms(percentile(freshDuring, 50)) + ", " + ms(freshWorst))
                            .figure("slowloris connections closed by the server", slowClosed.get() + " / " + slowloris)
                            .figure("idle TCP connections closed by the server / connected / not even connected (backlog full)",
                                    floodClosed + " / " + floods.size() + " / " + notAccepted)
                            .figure("mutating request beyond the limit", refused == null ? "no 429"
                                    : refused.code() + ", Retry-After " + refused.headers().get("retry-after"))
                            .figure("429s in a burst of 48 x 40 GETs (limit 4)", readOnly429)
                            .figure("answers normally afterwards", answersAfter);
                    report.record(passed);

                    assertThat(normalFailures.get()).as("kept-alive client failures").isZero();
                    assertThat(p99During).as("p99 during %s ms vs before %s ms", ms(p99During), ms(p99Before)).isLessThanOrEqualTo(bound);
                    assertThat(freshWorst).as("worst new-connection answer during the flood (ms %s)", ms(freshWorst))
                            .isLessThanOrEqualTo(15_000_000_000L);
                    assertThat(slowClosed.get()).as("slowloris connections closed").isEqualTo(slowloris);
                    assertThat(floodClosed).as("idle connections closed").isEqualTo(floods.size());
                    assertThat(refusedWell).as("429 Status with Retry-After: %s", refused == null ? "none" : refused.headers()).isTrue();
                    assertThat(readOnly429).as("429s in the read-only burst").isPositive();
                    assertThat(answersAfter).isTrue();
                    assertThat(server.alive()).isTrue();
                } finally {
                    attacking.set(false);
                    measuring.set(false);
                    attackers.shutdownNow();
                    for (Socket s : slow) {
                        s.close();
                    }
                    for (Socket s : floods) {
                        s.close();
                    }
                }
            }
        }
    }

    /** Sequential GETs on one kept-alive connection for {@code millis}. */
    private static void measure(RawHttps.Connection connection, long millis, List<Long> latencies, AtomicInteger failures) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            try {
                if (connection.send(RawHttps.request("GET", LIST).build()).code() != 200) {
                    failures.incrementAndGet();
                }
            } catch (IOException e) {
                failures.incrementAndGet();
                return;
            }
            latencies.add(System.nanoTime() - start);
        }
    }

    /** One header byte per connection every 500 ms; a write that fails means the server closed the connection. */
    private static Void dripBytes(List<Socket> sockets, AtomicBoolean attacking, AtomicInteger closed) throws InterruptedException {
        boolean[] gone = new boolean[sockets.size()];
        while (attacking.get()) {
            for (int i = 0; i < sockets.size(); i++) {
                if (gone[i]) {
                    continue;
                }
                try {
                    OutputStream out = sockets.get(i).getOutputStream();
                    out.write('a');
                    out.flush();
                } catch (IOException e) {
                    gone[i] = true;
                    closed.incrementAndGet();
                }
            }
            Thread.sleep(500); // the attack's pace, not synchronisation
        }
        return null;
    }

    /** How many of the sockets the server has closed (EOF or reset), waiting up to {@code millis} for the rest. */
    private static int closedByServer(List<Socket> sockets, long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        int closed = 0;
        for (Socket s : sockets) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            s.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            try {
                if (s.getInputStream().read() < 0) {
                    closed++;
                }
            } catch (java.net.SocketTimeoutException e) {
                // still open
            } catch (IOException e) {
                closed++;
            }
        }
        return closed;
    }

    /** {@code threads} clients each sending {@code each} GETs at once; how many were answered 429 with a Status and Retry-After. */
    private static int burst(RawHttps admin, int threads, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger tooMany = new AtomicInteger();
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                all.add(pool.submit(() -> {
                    try (RawHttps.Connection c = admin.open()) {
                        for (int i = 0; i < each; i++) {
                            RawHttps.Response r = c.send(RawHttps.request("GET", LIST).build());
                            if (r.code() == 429 && r.headers().containsKey("retry-after") && FuzzIT.statusProblem(r, true) == null) {
                                tooMany.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return tooMany.get();
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String ms(long nanos) {
        return nanos == Long.MAX_VALUE ? "∞" : String.format("%.1f", nanos / 1e6);
    }
}
