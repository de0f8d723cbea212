package io.kube4j.controllermanager.util;

import io.kube4j.common.client.workqueue.QueueShutDownException;
import io.kube4j.common.client.workqueue.RateLimiters;
import io.kube4j.common.client.workqueue.RateLimitingQueue;
import io.kube4j.common.client.workqueue.WorkQueues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A controller's queue and its worker threads, in client-go's shape: handlers {@link #enqueue}
 * keys; each worker takes a key, calls the {@link Reconciler}, then forgets the key (done),
 * re-adds it after the asked delay, or re-adds it with backoff when the sync threw.
 */
public final class Workers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

    private final String name;
    private final Reconciler reconciler;
    private final ControllerMetrics metrics;
    private final RateLimitingQueue<String> queue;
    private final List<Thread> threads = new ArrayList<>();

    public Workers(String name, Reconciler reconciler, ControllerMetrics metrics) {
        this.name = name;
        this.reconciler = reconciler;
        this.metrics = metrics;
        this.queue = WorkQueues.newRateLimitingQueue(name, RateLimiters.defaultControllerRateLimiter());
        metrics.register(name, queue::length);
    }

    public void enqueue(String key) {
        queue.add(key);
    }

    public void enqueueAfter(String key, Duration delay) {
        queue.addAfter(key, delay);
    }

    public synchronized void start(int count) {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::work, name + "-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void work() {
        while (true) {
            String key;
            try {
                key = queue.get();
            } catch (QueueShutDownException | InterruptedException e) {
                return;
            }
            long start = System.nanoTime();
            try {
                Result result = reconciler.reconcile(key);
                queue.forget(key);
                if (result.requeue()) {
                    queue.addAfter(key, result.requeueAfter());
                }
            } catch (InterruptedException e) {
                queue.done(key);
                return;
            } catch (Exception e) {
                metrics.error(name);
                LOG.info("{}: syncing {} failed (retry {}): {}", name, key, queue.numRequeues(key) + 1, e.toString());
                queue.addRateLimited(key);
            } finally {
                metrics.synced(name, System.nanoTime() - start);
                queue.done(key);
            }
        }
    }

    @Override
    public void close() {
        queue.shutDown();
        List<Thread> running;
        synchronized (this) {
            running = List.copyOf(threads);
        }
        for (Thread t : running) {
            t.interrupt();
        }
        for (Thread t : running) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
