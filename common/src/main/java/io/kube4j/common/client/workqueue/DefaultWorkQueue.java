package io.kube4j.common.client.workqueue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The base layer: a FIFO plus a "dirty" set (keys that need processing) and a "processing" set
 * (keys a worker holds). A key is in {@code queue} exactly when it is dirty and not processing.
 */
final class DefaultWorkQueue<K> implements WorkQueue<K> {

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition keyQueuedOrShutDown = lock.newCondition();
    private final Condition processingEmpty = lock.newCondition();
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private boolean shuttingDown;
    private long addsTotal;

    DefaultWorkQueue(String name) {
        this.name = Objects.requireNonNull(name, "work queue name");
    }

    @Override
    public void add(K key) {
        Objects.requireNonNull(key, () -> "work queue " + name + ": null key");
        lock.lock();
        try {
            if (shuttingDown || !dirty.add(key)) {
                return;
            }
            addsTotal++;
            if (processing.contains(key)) {
                return; // done() queues it again, so no second worker takes it meanwhile
            }
            queue.addLast(key);
            keyQueuedOrShutDown.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public K get() throws InterruptedException, QueueShutDownException {
        lock.lockInterruptibly();
        try {
            while (queue.isEmpty() && !shuttingDown) {
                keyQueuedOrShutDown.await();
            }
            return takeHead();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<K> poll(Duration timeout) throws InterruptedException, QueueShutDownException {
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (queue.isEmpty() && !shuttingDown) {
                if (nanos <= 0) {
                    return Optional.empty();
                }
                nanos = keyQueuedOrShutDown.awaitNanos(nanos);
            }
            return Optional.of(takeHead());
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held, when the queue is non-empty or shutting down. */
    private K takeHead() throws QueueShutDownException {
        K key = queue.pollFirst();
        if (key == null) {
            throw new QueueShutDownException(name);
        }
        processing.add(key);
        dirty.remove(key);
        return key;
    }

    @Override
    public void done(K key) {
        Objects.requireNonNull(key, () -> "work queue " + name + ": null key");
        lock.lock();
        try {
            if (!processing.remove(key)) {
                return;
            }
            if (dirty.contains(key)) {
                queue.addLast(key);
                keyQueuedOrShutDown.signal();
            } else if (processing.isEmpty()) {
                processingEmpty.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int length() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutDown() {
        lock.lock();
        try {
            shuttingDown = true;
            keyQueuedOrShutDown.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutDownWithDrain() throws InterruptedException {
        lock.lock();
        try {
            shutDown();
            while (!processing.isEmpty()) {
                processingEmpty.await();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean shutDownWithDrain(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            shutDown();
            while (!processing.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = processingEmpty.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isShuttingDown() {
        lock.lock();
        try {
            return shuttingDown;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long addsTotal() {
        lock.lock();
        try {
            return addsTotal;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "WorkQueue[" + name + "]";
    }
}
