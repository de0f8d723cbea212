package io.kube4j.deploy.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/** Runs operations 0..count-1 on {@code workers} threads and times each. */
final class Parallel {

    /**
     * @param latenciesMs the latency of each successful operation
     * @param seconds     wall time from the first start to the last end
     */
    record Result(int count, int failures, String firstFailure, List<Double> latenciesMs, double seconds) {

        double perSecond() {
            return (count - failures) / seconds;
        }
    }

    private Parallel() {
    }

    static Result run(int count, int workers, Duration deadline, IntConsumer operation) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> first = new AtomicReference<>();
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        int threads = Math.max(1, Math.min(workers, count));
        CountDownLatch done = new CountDownLatch(threads);
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < count && System.nanoTime() < end; i = next.getAndIncrement()) {
                        long began = System.nanoTime();
                        try {
                            operation.accept(i);
                            latencies.add((System.nanoTime() - began) / 1e6);
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            first.compareAndSet(null, e.toString());
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-worker-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        try {
            if (!done.await(deadline.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
                throw new BenchException(count + " operations did not finish within " + deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int done2 = latencies.size() + failures.get();
        if (done2 < count) {
            throw new BenchException((count - done2) + " of " + count + " operations not done within " + deadline);
        }
        return new Result(count, failures.get(), first.get(), List.copyOf(latencies), seconds);
    }
}
