package io.kube4j.scheduler.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/** Runs {@code count} numbered operations on {@code threads} threads, with a deadline, and times them. */
final class Parallel {

    /** How it went: wall time, failures and the first failure's message. */
    record Result(int count, Duration elapsed, int failures, String firstFailure) {

        double perSecond() {
            return count / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    private Parallel() {
    }

    static Result run(int count, int threads, Duration deadline, IntConsumer operation) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> first = new AtomicReference<>("");
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-worker");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try {
                        operation.accept(i);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        first.compareAndSet("", e.getMessage());
                    }
                }
            });
        }
        pool.shutdown();
        boolean finished = pool.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS);
        pool.shutdownNow();
        if (!finished) {
            throw new IllegalStateException(count + " operations did not finish within " + deadline.toSeconds() + " s");
        }
        return new Result(count, Duration.ofNanos(System.nanoTime() - start), failures.get(), first.get());
    }
}
