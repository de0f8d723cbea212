package io.kube4j.common.client.workqueue;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The delaying layer: keys waiting for their due time sit in a heap ordered by due time, and one
 * thread adds them to the {@link WorkQueue} below when the {@link Ticker} passes it.
 *
 * <p>Lock order: this layer's lock, then the lower queue's; the lower queue never calls up.
 */
final class DefaultDelayingQueue<K> implements DelayingQueue<K> {

    /** Longest wait between two looks at the ticker, as client-go's maxWait: a safety net only. */
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Caps delays near 73 years so that due times, kept relative to {@code origin}, never overflow. */
    private static final long MAX_DELAY_NANOS = Long.MAX_VALUE / 4;

    /** A key waiting to be added; {@code sequence} keeps equal due times in request order. */
    private record Waiting<K>(K key, long dueNanos, long sequence) {
    }

    private final WorkQueue<K> queue;
    private final Ticker ticker;
    private final long origin;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition headChanged = lock.newCondition();
    private final PriorityQueue<Waiting<K>> waiting = new PriorityQueue<>(
            Comparator.<Waiting<K>>comparingLong(Waiting::dueNanos).thenComparingLong(Waiting::sequence));
    /** The live entry of each waiting key; heap entries not found here were superseded by an earlier due time. */
    private final Map<K, Waiting<K>> waitingByKey = new HashMap<>();
    private long sequence;
    private long retriesTotal;
    private boolean stopped;

    DefaultDelayingQueue(WorkQueue<K> queue, Ticker ticker) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.origin = ticker.nanoTime();
    }

    /** Starts the thread that adds keys when they are due; it ends with {@link #shutDown()}. */
    DefaultDelayingQueue<K> start() {
        Thread thread = new Thread(this::addDueKeysUntilStopped, "workqueue-" + queue.name() + "-delay");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    @Override
    public void addAfter(K key, Duration delay) {
        Objects.requireNonNull(key, () -> "work queue " + name() + ": null key");
        Objects.requireNonNull(delay, "delay");
        lock.lock();
        try {
            if (stopped || queue.isShuttingDown()) {
                return;
            }
            retriesTotal++;
            if (delay.isZero() || delay.isNegative()) {
                queue.add(key);
                return;
            }
            long due = now() + Math.min(saturatedNanos(delay), MAX_DELAY_NANOS);
            Waiting<K> current = waitingByKey.get(key);
            if (current != null && current.dueNanos() <= due) {
                return;
            }
            Waiting<K> entry = new Waiting<>(key, due, sequence++);
            waitingByKey.put(key, entry);
            waiting.add(entry);
            if (waiting.peek() == entry) {
                headChanged.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds every key whose due time has passed, in due order; returns how many. */
    int addDueKeys() {
        lock.lock();
        try {
            long now = now();
            int added = 0;
            while (!waiting.isEmpty() && waiting.peek().dueNanos() <= now) {
                Waiting<K> entry = waiting.poll();
                if (waitingByKey.remove(entry.key(), entry)) {
                    queue.add(entry.key());
                    added++;
                }
            }
            return added;
        } finally {
            lock.unlock();
        }
    }

    /** Makes the delay thread look at the ticker again now; tests call it after moving a fake ticker. */
    void wakeUp() {
        lock.lock();
        try {
            headChanged.signal();
        } finally {
            lock.unlock();
        }
    }

    /** How many keys are waiting for their due time. */
    int waitingLength() {
        lock.lock();
        try {
            return waitingByKey.size();
        } finally {
            lock.unlock();
        }
    }

    private void addDueKeysUntilStopped() {
        lock.lock();
        try {
            while (!stopped) {
                addDueKeys();
                Waiting<K> head = waiting.peek();
                long wait = head == null ? MAX_WAIT_NANOS : Math.min(MAX_WAIT_NANOS, head.dueNanos() - now());
                if (wait > 0) {
                    headChanged.awaitNanos(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody else interrupts this thread; just end it
        } finally {
            lock.unlock();
        }
    }

    private long now() {
        return ticker.nanoTime() - origin;
    }

    private static long saturatedNanos(Duration delay) {
        try {
            return delay.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private void stop() {
        lock.lock();
        try {
            stopped = true;
            waiting.clear();
            waitingByKey.clear();
            headChanged.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutDown() {
        stop();
        queue.shutDown();
    }

    @Override
    public void shutDownWithDrain() throws InterruptedException {
        stop();
        queue.shutDownWithDrain();
    }

    @Override
    public boolean shutDownWithDrain(Duration timeout) throws InterruptedException {
        stop();
        return queue.shutDownWithDrain(timeout);
    }

    @Override
    public long retriesTotal() {
        lock.lock();
        try {
            return retriesTotal;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void add(K key) {
        queue.add(key);
    }

    @Override
    public K get() throws InterruptedException, QueueShutDownException {
        return queue.get();
    }

    @Override
    public Optional<K> poll(Duration timeout) throws InterruptedException, QueueShutDownException {
        return queue.poll(timeout);
    }

    @Override
    public void done(K key) {
        queue.done(key);
    }

    @Override
    public int length() {
        return queue.length();
    }

    @Override
    public boolean isShuttingDown() {
        return queue.isShuttingDown();
    }

    @Override
    public String name() {
        return queue.name();
    }

    @Override
    public long addsTotal() {
        return queue.addsTotal();
    }

    @Override
    public String toString() {
        return "DelayingQueue[" + name() + "]";
    }
}
