package io.kube4j.apiserver.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Issues {@code count} asynchronous operations with at most {@code concurrency} in flight, each
 * started when a previous one completes (a closed loop of that many clients), optionally no
 * faster than one per {@code interval}. The calling thread issues and then waits; nothing waits
 * past the deadline.
 */
final class LoadRunner {

    private LoadRunner() {
    }

    /**
     * What a run did.
     *
     * @param issuedNanos  per operation, the {@link System#nanoTime()} it was started
     * @param ackNanos     per operation, the {@link System#nanoTime()} its future completed; 0 when it failed
     * @param firstFailure the first failure's message, "" when none failed
     */
    record Result(String name, int count, long elapsedNanos, Latencies latencies, long[] issuedNanos,
                  long[] ackNanos, int failures,
                  String firstFailure) {

        int succeeded() {
            return count - failures;
        }

        /** Successful operations per second over the whole run. */
        double perSecond() {
            return elapsedNanos == 0 ? 0 : succeeded() * 1e9 / elapsedNanos;
        }
    }

    /**
     * @param op      starts operation {@code i}; a future completed exceptionally (or a throw) is a failure
     * @param interval zero for as fast as the concurrency allows
     * @throws BenchException when the operations are not all done by the deadline
     */
    static Result run(String name, int count, int concurrency, Duration interval, Duration deadline,
                      IntFunction<CompletableFuture<?>> op) throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(count);
        long[] latency = new long[count];
        long[] issuedAt = new long[count];
        long[] ack = new long[count];
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>("");
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        for (int i = 0; i < count; i++) {
            long due = start + i * interval.toNanos();
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (!permits.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new BenchException(name + ": only " + i + " of " + count + " operations started within " + deadline);
            }
            int index = i;
            long issued = System.nanoTime();
            issuedAt[index] = issued;
            CompletableFuture<?> future;
            try {
                future = op.apply(index);
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            future.whenComplete((ignored, error) -> {
                long now = System.nanoTime();
                if (error == null) {
                    latency[index] = now - issued;
                    ack[index] = now;
                } else {
                    latency[index] = -1;
                    failures.incrementAndGet();
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    firstFailure.compareAndSet("", cause.toString());
                }
                permits.release();
                done.countDown();
            });
        }
        if (!done.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new BenchException(name + ": " + done.getCount() + " of " + count + " operations unfinished after " + deadline);
        }
        long elapsed = System.nanoTime() - start;
        Latencies latencies = new Latencies();
        for (long nanos : latency) {
            if (nanos >= 0) {
                latencies.add(nanos);
            }
        }
        return new Result(name, count, elapsed, latencies, issuedAt, ack, failures.get(), firstFailure.get());
    }
}
