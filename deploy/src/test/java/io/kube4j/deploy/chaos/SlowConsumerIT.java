package io.kube4j.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.tls.KeyStores;
import io.kube4j.common.tls.Pem;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * 09: a watcher that stops reading is disconnected once its server-side queue ({@code --watch-queue-length})
 * is full, and the ~20 watchers that do read see their delivery p99 stay within 2x of a run without it.
 */
class SlowConsumerIT {

    private static final int NORMAL_WATCHERS = 20;
    private static final int QUEUE_LENGTH = 200;
    /** Big events fill the slow watcher's socket buffers (a few MiB) after a few hundred writes. */
    private static final int EVENT_BYTES = 16 * 1024;
    /** A p99 below this is noise on a shared 2-core machine: the 2x bound is taken from at least this. */
    private static final long P99_FLOOR_NANOS = 25_000_000L;

    @Test
    void aWatcherThatStopsReadingIsCutOffWithoutSlowingTheOthers() throws Exception {
        int writes = ChaosReport.full() ? 2_000 : 600;
        ChaosReport report = ChaosReport.section("09", "Slow consumers: a watcher that stops reading")
                .invariant("a watcher that never reads is disconnected once its server-side queue ("
                        + QUEUE_LENGTH + " events, --watch-queue-length) is full")
                .invariant("the " + NORMAL_WATCHERS + " reading watchers get every event; their delivery p99 stays within 2x of a"
                        + " run without the slow watcher (2x of at least " + P99_FLOOR_NANOS / 1_000_000 + " ms)");
        try (ApiServerUnderAttack server = ApiServerUnderAttack.start("--watch-queue-length", Integer.toString(QUEUE_LENGTH))) {
            HttpClient http = http(server.pki());
            String namespace = "slow";
            post(http, server.url(), "/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + namespace + "\"}}");

            phase(http, server, namespace, "warm", writes / 6, false); // JIT and connection warm-up, not measured
            Phase baseline = phase(http, server, namespace, "base", writes, false);
            Phase withSlow = phase(http, server, namespace, "slow", writes, true);

            long bound = 2 * Math.max(baseline.p99Nanos(), P99_FLOOR_NANOS);
            boolean allDelivered = baseline.complete() && withSlow.complete();
            boolean p99Held = withSlow.p99Nanos() <= bound;
            report.figure("writes per run (" + EVENT_BYTES / 1024 + " KiB events)", writes)
                    .figure("reading watchers", NORMAL_WATCHERS)
                    .figure("delivery p50 / p99 without the slow watcher (ms)", ms(baseline.p50Nanos()) + " / " + ms(baseline.p99Nanos()))
                    .figure("delivery p50 / p99 with the slow watcher (ms)", ms(withSlow.p50Nanos()) + " / " + ms(withSlow.p99Nanos()))
                    .figure("events delivered without / with (expected " + writes * NORMAL_WATCHERS + " each)",
                            baseline.delivered() + " / " + withSlow.delivered())
                    .figure("slow watcher disconnected by the server", withSlow.slowClosed())
                    .figure("bytes left in the slow watcher's socket when it was drained", withSlow.slowBufferedBytes());
            report.record(allDelivered && p99Held && withSlow.slowClosed());

            assertThat(withSlow.slowClosed()).as("the slow watcher's connection was closed by the server").isTrue();
            assertThat(allDelivered).as("every reading watcher got every event").isTrue();
            assertThat(withSlow.p99Nanos()).as("p99 with the slow watcher (ms %s) within 2x of %s ms",
                    ms(withSlow.p99Nanos()), ms(Math.max(baseline.p99Nanos(), P99_FLOOR_NANOS))).isLessThanOrEqualTo(bound);
        }
    }

    record Phase(long p50Nanos, long p99Nanos, long delivered, boolean complete, boolean slowClosed, long slowBufferedBytes) {
    }

    /** Opens the watchers (and the slow one), writes {@code writes} configmaps named {@code prefix-i}, measures delivery. */
    private Phase phase(HttpClient http, ApiServerUnderAttack server, String namespace, String prefix, int writes, boolean slow)
            throws Exception {
        String rv = Json.parse(get(http, server.url(), "/api/v1/namespaces/" + namespace + "/configmaps"))
                .path("metadata").path("resourceVersion").asText();
        String watchPath = "/api/v1/namespaces/" + namespace + "/configmaps?watch=true&resourceVersion=" + rv;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(NORMAL_WATCHERS);
        List<InputStream> streams = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        SSLSocket slowSocket = null;
        try {
            for (int w = 0; w < NORMAL_WATCHERS; w++) {
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(server.url().resolve(watchPath)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).isEqualTo(200);
                streams.add(response.body());
                Thread reader = new Thread(() -> read(response.body(), prefix, writes, latencies, done), "watcher-" + w);
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
            if (slow) {
                slowSocket = openSlowWatcher(server, watchPath);
            }
            String filler = "x".repeat(EVENT_BYTES);
            long interval = 10_000_000L; // 100 writes per second
            long next = System.nanoTime();
            for (int i = 0; i < writes; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not synchronisation
                }
                next += interval;
                post(http, server.url(), "/api/v1/namespaces/" + namespace + "/configmaps", "{\"metadata\":{\"name\":\"" + prefix + "-" + i
                        + "\"},\"data\":{\"t\":\"" + System.nanoTime() + "\",\"filler\":\"" + filler + "\"}}");
            }
            boolean complete = done.await(60, TimeUnit.SECONDS);
            boolean slowClosed = false;
            long buffered = 0;
            if (slowSocket != null) {
                long[] drained = drainUntilClosed(slowSocket, Duration.ofSeconds(30));
                slowClosed = drained[0] == 1;
                buffered = drained[1];
            }
            List<Long> sorted;
            synchronized (latencies) {
                sorted = latencies.stream().sorted().toList();
            }
            return new Phase(percentile(sorted, 50), percentile(sorted, 99), sorted.size(), complete && sorted.size() == (long) writes
                    * NORMAL_WATCHERS, slowClosed, buffered);
        } finally {
            for (InputStream s : streams) {
                s.close();
            }
            readers.forEach(Thread::interrupt);
            if (slowSocket != null) {
                slowSocket.close();
            }
        }
    }

    private static void read(InputStream body, String prefix, int writes, List<Long> latencies, CountDownLatch done) {
        int seen = 0;
        try (Stream<String> lines = new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8)).lines()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isBlank()) {
                    continue;
                }
                long now = System.nanoTime();
                JsonNode event = Json.parse(line);
                if (event.path("type").asText().equals("ADDED")
                        && event.path("object").path("metadata").path("name").asText().startsWith(prefix + "-")) {
                    latencies.add(now - Long.parseLong(event.path("object").path("data").path("t").asText()));
                    if (++seen == writes) {
                        done.countDown();
                    }
                }
            }
        } catch (RuntimeException e) {
            // the stream was closed at the end of the phase
        }
    }

    /** A watch over a socket with a tiny receive buffer that reads the response head and then nothing. */
    private static SSLSocket openSlowWatcher(ApiServerUnderAttack server, String path) throws Exception {
        SSLSocket socket = (SSLSocket) context(server.pki()).getSocketFactory().createSocket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 5_000);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("the slow watch got no response head: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        return socket;
    }

    /** Reads what is buffered; {1, bytes} when the server closed the connection, {0, bytes} when it still streams. */
    private static long[] drainUntilClosed(SSLSocket socket, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        socket.setSoTimeout(2_000);
        InputStream in = socket.getInputStream();
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return new long[] {1, total};
                }
                total += n;
            } catch (java.net.SocketTimeoutException e) {
                // no bytes for 2 s: still open (only heartbeats would come); keep waiting until the deadline
            } catch (java.io.IOException e) {
                return new long[] {1, total}; // reset or TLS alert: closed
            }
        }
        return new long[] {0, total};
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String ms(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }

    private static SSLContext context(Path pki) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStores.keyStore(Pem.certificates(pki.resolve("admin.crt")), Pem.privateKey(pki.resolve("admin.key"))),
                KeyStores.PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStores.trustStore(Pem.certificates(pki.resolve("ca.crt"))));
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return ssl;
    }

    private static HttpClient http(Path pki) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context(pki))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String get(HttpClient http, URI base, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static void post(HttpClient http, URI base, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
