package io.kube4j.apiserver.bench;

import io.kube4j.common.api.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * (d) Many watchers of one namespace's pods, then a stream of pod creates there: how long from a
 * create's 201 until each watcher has read its event line, and whether any event went missing.
 */
final class WatchFanOutPhase {

    /** HTTP/2 streams per connection: the JDK client does not open a second connection by itself. */
    private static final int WATCHES_PER_CONNECTION = 100;

    private WatchFanOutPhase() {
    }

    /**
     * @param latency     from the create's reply to the event line read; a line read before the reply counts as 0
     * @param fromRequest from sending the create to the event line read
     * @param beforeAck   deliveries read before the writer had the create's reply
     * @param problem     the first thing that went wrong (a failed stream, an ERROR event), "" if none
     */
    record Result(int watchers, int connections, LoadRunner.Result writes, long expected, long received, long duplicates,
                  long beforeAck, Latencies.Summary latency, Latencies.Summary fromRequest, String problem) {

        long lost() {
            return expected - received;
        }
    }

    /** Opens the watches, writes, waits for every event (at most {@code settle} after the last write), closes the watches. */
    static Result run(ApiClient writer, IntFunction<ApiClient> watchConnections, String namespace, int watchers,
                      int writes, int writersInFlight, double writesPerSecond, Duration settle) throws InterruptedException {
        String path = Pods.path(namespace);
        String rv = Json.parse(new String(writer.call("GET", path, null, 200), StandardCharsets.UTF_8))
                .path("metadata").path("resourceVersion").asText();
        int connections = (watchers + WATCHES_PER_CONNECTION - 1) / WATCHES_PER_CONNECTION;
        ApiClient streams = watchConnections.apply(connections);

        AtomicLong received = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        CountDownLatch established = new CountDownLatch(watchers);
        Watcher[] watches = new Watcher[watchers];
        // no request timeout: the stream stays open until the bench cancels it
        HttpRequest request = HttpRequest.newBuilder(streams.uri(path + "?watch=true&resourceVersion=" + rv)).GET().build();
        try {
            for (int w = 0; w < watchers; w++) {
                Watcher watcher = new Watcher(writes, received, duplicates, established);
                watches[w] = watcher;
                streams.client(w).sendAsync(request, info -> {
                    watcher.headers(info.statusCode());
                    return HttpResponse.BodySubscribers.fromLineSubscriber(watcher);
                }).whenComplete((reply, error) -> {
                    if (error != null) {
                        watcher.failed(error);
                    }
                });
            }
            if (!established.await(60, TimeUnit.SECONDS)) {
                throw new BenchException("watch fan-out: " + established.getCount() + " of " + watchers
                        + " watches got no response headers within 60 s");
            }
            for (Watcher w : watches) {
                if (w.status() != 200) {
                    throw new BenchException("watch fan-out: a watch answered " + w.status() + " " + w.problem());
                }
            }

            Duration interval = writesPerSecond > 0 ? Duration.ofNanos((long) (1e9 / writesPerSecond)) : Duration.ZERO;
            LoadRunner.Result result = LoadRunner.run("watched pod creates", writes, writersInFlight, interval,
                    Duration.ofSeconds(60).plus(interval.multipliedBy(writes)),
                    i -> writer.send(i, "POST", path, Pods.pod(namespace, String.format("%s%07d", Watcher.NAME_PREFIX, i)), 201));
            long expected = (long) result.succeeded() * watchers;
            long deadline = System.nanoTime() + settle.toNanos();
            while (received.get() < expected && System.nanoTime() < deadline && firstProblem(watches).isEmpty()) {
                Thread.sleep(20);
            }
            return summarize(watches, result, connections, expected, received.get(), duplicates.get());
        } finally {
            for (Watcher w : watches) {
                if (w != null) {
                    w.cancel();
                }
            }
        }
    }

    private static Result summarize(Watcher[] watches, LoadRunner.Result writes, int connections, long expected,
                                    long received, long duplicates) {
        Latencies latencies = new Latencies();
        Latencies fromRequest = new Latencies();
        long beforeAck = 0;
        long[] issued = writes.issuedNanos();
        long[] ack = writes.ackNanos();
        for (Watcher w : watches) {
            for (int i = 0; i < ack.length; i++) {
                long read = w.receivedAt(i);
                if (read == 0 || ack[i] == 0) {
                    continue;
                }
                if (read < ack[i]) {
                    beforeAck++;
                }
                latencies.add(Math.max(0, read - ack[i]));
                fromRequest.add(read - issued[i]);
            }
        }
        String problem = firstProblem(watches);
        if (problem.isEmpty() && writes.failures() > 0) {
            problem = writes.failures() + " watched creates failed: " + writes.firstFailure();
        }
        return new Result(watches.length, connections, writes, expected, received, duplicates, beforeAck,
                latencies.summary(), fromRequest.summary(), problem);
    }

    private static String firstProblem(Watcher[] watches) {
        for (Watcher w : watches) {
            if (w != null && !w.problem().isEmpty()) {
                return w.problem();
            }
        }
        return "";
    }
}
