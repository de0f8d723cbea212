package io.kube4j.apiserver.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One watch stream's lines. For every bench write it records when the write's event was read
 * ({@link System#nanoTime()}), found by the write's index in the object's name; nothing else
 * is parsed, so the reader costs little next to the server.
 *
 * <p>Threading: lines arrive one at a time on the HTTP client's threads; {@link #receivedAt}
 * may be read by another thread for every write counted in {@code received} before the read.
 */
final class Watcher implements Flow.Subscriber<String> {

    /** The bench names watched pods {@code wfan-<index>}. */
    static final String NAME_PREFIX = "wfan-";
    private static final String MARKER = "\"name\":\"" + NAME_PREFIX;

    private final long[] receivedAt;
    private final AtomicLong received;
    private final AtomicLong duplicates;
    private final CountDownLatch established;
    private final AtomicBoolean counted = new AtomicBoolean();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private volatile int status;
    private volatile String problem = "";

    /**
     * @param received    counts first deliveries across all watchers
     * @param established counted down once, when the response headers arrive or the request fails
     */
    Watcher(int writes, AtomicLong received, AtomicLong duplicates, CountDownLatch established) {
        this.receivedAt = new long[writes];
        this.received = received;
        this.duplicates = duplicates;
        this.established = established;
    }

    void headers(int statusCode) {
        status = statusCode;
        if (counted.compareAndSet(false, true)) {
            established.countDown();
        }
    }

    /** The request failed, before or after its headers. */
    void failed(Throwable error) {
        if (!cancelled && problem.isEmpty()) {
            problem = "watch request failed: " + error;
        }
        if (counted.compareAndSet(false, true)) {
            established.countDown();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(String line) {
        long now = System.nanoTime();
        int at = line.indexOf(MARKER);
        if (at < 0) {
            if (line.contains("\"type\":\"ERROR\"")) {
                problem = "watch error event: " + line;
            }
            return;
        }
        int index = 0;
        for (int i = at + MARKER.length(); i < line.length() && Character.isDigit(line.charAt(i)); i++) {
            index = index * 10 + (line.charAt(i) - '0');
        }
        if (index >= receivedAt.length) {
            problem = "event for an unknown write: " + line.substring(at, Math.min(line.length(), at + 40));
        } else if (receivedAt[index] == 0) {
            receivedAt[index] = now;
            received.incrementAndGet();
        } else {
            duplicates.incrementAndGet();
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!cancelled) {
            problem = "watch stream failed: " + error;
        }
    }

    @Override
    public void onComplete() {
        if (!cancelled) {
            problem = "watch stream ended early";
        }
    }

    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    int status() {
        return status;
    }

    String problem() {
        return problem;
    }

    /** When the event of write {@code index} was read; 0 if it never was. */
    long receivedAt(int index) {
        return receivedAt[index];
    }
}
