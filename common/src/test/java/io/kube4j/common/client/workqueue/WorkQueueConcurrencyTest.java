package io.kube4j.common.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real threads against one queue. Each producer bumps a key's version before adding it; each
 * worker reads the version when it starts processing. "No lost adds" then means: once everything
 * settles, the last version each key was processed at is the last version it was added at.
 */
class WorkQueueConcurrencyTest {

    private static final int WORKERS = 8;
    private static final int PRODUCERS = 4;
    private static final int KEYS = 50;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> keys = IntStream.range(0, KEYS).mapToObj(i -> "ns/key-" + i).toList();
    private final Map<String, AtomicLong> addedVersion = new ConcurrentHashMap<>();
    private final Map<String, Long> processedVersion = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> handledTwiceAtOnce = ConcurrentHashMap.newKeySet();
    private final AtomicLong processings = new AtomicLong();
    private final CountDownLatch go = new CountDownLatch(1);

    WorkQueueConcurrencyTest() {
        keys.forEach(key -> addedVersion.put(key, new AtomicLong()));
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void neverHandsOneKeyToTwoWorkersAtOnceAndLosesNoAdd() throws Exception {
        WorkQueue<String> queue = WorkQueues.newQueue("stress");
        List<Future<?>> workers = start(WORKERS, () -> {
            go.await();
            while (true) {
                String key;
                try {
                    key = queue.get();
                } catch (QueueShutDownException e) {
                    return null;
                }
                process(key);
                queue.done(key);
            }
        });
        List<Future<?>> producers = start(PRODUCERS, () -> produce(queue, 10_000 / PRODUCERS));

        go.countDown();
        awaitAll(producers);
        assertThat(queue.shutDownWithDrain(Eventually.DEADLINE)).isTrue();
        awaitAll(workers); // they empty the queue, then learn of the shutdown

        assertThat(handledTwiceAtOnce).isEmpty();
        keys.forEach(key -> assertThat(processedVersion.get(key)).as(key).isEqualTo(addedVersion.get(key).get()));
        assertThat(processings.get()).as("each accepted add leads to exactly one processing")
                .isEqualTo(queue.addsTotal())
                .isBetween((long) KEYS, 10_000L);
    }

    @Test
    void keysRetriedWithBackoffAreStillNeverHandledTwiceAtOnce() throws Exception {
        RateLimitingQueue<String> queue = WorkQueues.newRateLimitingQueue("stress-retries",
                RateLimiters.exponentialBackoff(Duration.ofNanos(1_000), Duration.ofMillis(1)));
        Map<String, Long> succeededVersion = new ConcurrentHashMap<>();
        List<Future<?>> workers = start(WORKERS, () -> {
            go.await();
            while (true) {
                String key;
                try {
                    key = queue.get();
                } catch (QueueShutDownException e) {
                    return null;
                }
                long version = process(key);
                if (queue.numRequeues(key) < 2) {
                    queue.addRateLimited(key); // every processing fails twice before it succeeds
                } else {
                    succeededVersion.merge(key, version, Math::max);
                    queue.forget(key);
                }
                queue.done(key);
            }
        });
        List<Future<?>> producers = start(PRODUCERS, () -> produce(queue, 2_000 / PRODUCERS));

        go.countDown();
        awaitAll(producers);
        Eventually.await("every key succeeded at the version it was last added at", () -> keys.stream()
                .allMatch(key -> succeededVersion.getOrDefault(key, -1L) == addedVersion.get(key).get()));
        queue.shutDown();
        awaitAll(workers);

        assertThat(handledTwiceAtOnce).isEmpty();
        assertThat(queue.retriesTotal()).isGreaterThanOrEqualTo(2L * KEYS);
    }

    /** Adds keys round-robin from a random start, so every key is added, bumping each key's version first. */
    private Void produce(WorkQueue<String> queue, int adds) throws InterruptedException {
        go.await();
        int offset = ThreadLocalRandom.current().nextInt(KEYS);
        for (int i = 0; i < adds; i++) {
            String key = keys.get((offset + i) % KEYS);
            addedVersion.get(key).incrementAndGet();
            queue.add(key);
            spin(2000); // spreads the adds over the time workers are processing
        }
        return null;
    }

    /** Processes one key: records any overlap and the version seen at the start; returns that version. */
    private long process(String key) {
        if (!inFlight.add(key)) {
            handledTwiceAtOnce.add(key);
        }
        long version = addedVersion.get(key).get();
        processedVersion.merge(key, version, Math::max);
        processings.incrementAndGet();
        // Yielding mid-processing hands the core to other threads: on two cores that is what lets a
        // wrongly woken worker reach the same key while this one still holds it.
        for (int i = ThreadLocalRandom.current().nextInt(50); i > 0; i--) {
            Thread.yield();
        }
        inFlight.remove(key); // before done(): afterwards another worker may rightly take the key
        return version;
    }

    /** Busy-waits a random number of spins below {@code bound}: no sleeping, no synchronisation. */
    private static void spin(int bound) {
        int spins = ThreadLocalRandom.current().nextInt(bound);
        for (int i = 0; i < spins; i++) {
            Thread.onSpinWait();
        }
    }

    private List<Future<?>> start(int count, Callable<?> task) {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(threads.submit(task));
        }
        return futures;
    }

    private static void awaitAll(List<Future<?>> futures) throws Exception {
        for (Future<?> future : futures) {
            future.get(Eventually.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
