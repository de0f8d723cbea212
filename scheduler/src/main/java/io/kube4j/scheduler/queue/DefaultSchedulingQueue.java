package io.kube4j.scheduler.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.scheduler.framework.PodInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** {@link SchedulingQueue} with two heaps and a map under one lock. */
final class DefaultSchedulingQueue implements SchedulingQueue {

    private enum Where { ACTIVE, BACKOFF, UNSCHEDULABLE, IN_FLIGHT }

    /** Highest priority first, then the oldest pod, then the first to arrive. */
    static final Comparator<QueuedPodInfo> ACTIVE_ORDER = Comparator
            .comparingInt((QueuedPodInfo p) -> -p.podInfo().priority())
            .thenComparing(p -> p.podInfo().created())
            .thenComparingLong(QueuedPodInfo::sequence);

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final PriorityQueue<QueuedPodInfo> active = new PriorityQueue<>(ACTIVE_ORDER);
    private final PriorityQueue<QueuedPodInfo> backoff =
            new PriorityQueue<>(Comparator.comparing(QueuedPodInfo::backoffExpiry).thenComparingLong(QueuedPodInfo::sequence));
    private final Map<String, QueuedPodInfo> unschedulable = new LinkedHashMap<>();
    private final Map<String, QueuedPodInfo> pods = new HashMap<>();
    private final Map<String, Where> where = new HashMap<>();
    private long sequence;
    private long cycle;
    private long moveRequestCycle = -1;
    private boolean closed;

    DefaultSchedulingQueue(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void add(PodInfo pod) {
        lock.lock();
        try {
            if (where.containsKey(pod.key())) {
                updateLocked(pod);
                return;
            }
            Instant now = clock.instant();
            put(new QueuedPodInfo(pod, sequence++, now, 0, Instant.EPOCH, now), Where.ACTIVE);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void update(PodInfo pod) {
        lock.lock();
        try {
            if (!where.containsKey(pod.key())) {
                Instant now = clock.instant();
                put(new QueuedPodInfo(pod, sequence++, now, 0, Instant.EPOCH, now), Where.ACTIVE);
                return;
            }
            updateLocked(pod);
        } finally {
            lock.unlock();
        }
    }

    private void updateLocked(PodInfo pod) {
        String key = pod.key();
        QueuedPodInfo old = pods.get(key);
        switch (where.get(key)) {
            case IN_FLIGHT -> { /* the running attempt decides what happens next */ }
            case ACTIVE -> {
                active.removeIf(p -> p == old);
                put(old.withPod(pod), Where.ACTIVE);
            }
            case BACKOFF -> {
                backoff.removeIf(p -> p == old);
                put(old.withPod(pod), Where.BACKOFF);
            }
            case UNSCHEDULABLE -> {
                unschedulable.remove(key);
                QueuedPodInfo newer = old.withPod(pod);
                if (changedForScheduling(old.podInfo(), pod)) {
                    requeue(newer, clock.instant());
                } else {
                    put(newer, Where.UNSCHEDULABLE);
                }
            }
        }
    }

    @Override
    public void delete(String key) {
        lock.lock();
        try {
            remove(key);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<QueuedPodInfo> pop() throws InterruptedException {
        lock.lock();
        try {
            while (active.isEmpty() && !closed) {
                notEmpty.await();
            }
            if (closed) {
                return Optional.empty();
            }
            QueuedPodInfo next = active.poll().attempted();
            cycle++;
            pods.put(next.key(), next);
            where.put(next.key(), Where.IN_FLIGHT);
            return Optional.of(next);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long schedulingCycle() {
        lock.lock();
        try {
            return cycle;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void addUnschedulable(QueuedPodInfo pod, long podCycle) {
        lock.lock();
        try {
            if (where.get(pod.key()) != Where.IN_FLIGHT) {
                return; // deleted or bound while it was being tried
            }
            QueuedPodInfo failed = pods.get(pod.key()).failedAt(clock.instant());
            put(failed, moveRequestCycle >= podCycle ? Where.BACKOFF : Where.UNSCHEDULABLE);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void addBackoff(QueuedPodInfo pod) {
        lock.lock();
        try {
            if (where.get(pod.key()) == Where.IN_FLIGHT) {
                put(pods.get(pod.key()).failedAt(clock.instant()), Where.BACKOFF);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void done(String key) {
        lock.lock();
        try {
            if (where.get(key) == Where.IN_FLIGHT) {
                remove(key);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void moveAllToActiveOrBackoff(ClusterEvent event) {
        lock.lock();
        try {
            moveRequestCycle = cycle;
            if (unschedulable.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            List<QueuedPodInfo> parked = List.copyOf(unschedulable.values());
            unschedulable.clear();
            parked.forEach(p -> requeue(p, now));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        lock.lock();
        try {
            Instant now = clock.instant();
            while (!backoff.isEmpty() && !backoff.peek().backoffExpiry().isAfter(now)) {
                put(backoff.poll().queuedAt(now), Where.ACTIVE);
            }
            for (Iterator<QueuedPodInfo> it = unschedulable.values().iterator(); it.hasNext(); ) {
                QueuedPodInfo p = it.next();
                if (!p.queuedAt().plus(UNSCHEDULABLE_TIMEOUT).isAfter(now)) {
                    it.remove();
                    requeue(p, now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public QueueLengths lengths() {
        lock.lock();
        try {
            return new QueueLengths(active.size(), backoff.size(), unschedulable.size(),
                    (int) where.values().stream().filter(w -> w == Where.IN_FLIGHT).count());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** To backoff while the pod's backoff lasts, else to active. */
    private void requeue(QueuedPodInfo pod, Instant now) {
        put(pod.queuedAt(now), pod.backoffExpiry().isAfter(now) ? Where.BACKOFF : Where.ACTIVE);
    }

    private void put(QueuedPodInfo pod, Where to) {
        String key = pod.key();
        pods.put(key, pod);
        where.put(key, to);
        switch (to) {
            case ACTIVE -> {
                active.add(pod);
                notEmpty.signal();
            }
            case BACKOFF -> backoff.add(pod);
            case UNSCHEDULABLE -> unschedulable.put(key, pod);
            case IN_FLIGHT -> { }
        }
    }

    private void remove(String key) {
        Where at = where.remove(key);
        QueuedPodInfo pod = pods.remove(key);
        if (at == null) {
            return;
        }
        switch (at) {
            case ACTIVE -> active.removeIf(p -> p == pod);
            case BACKOFF -> backoff.removeIf(p -> p == pod);
            case UNSCHEDULABLE -> unschedulable.remove(key);
            case IN_FLIGHT -> { }
        }
    }

    /** Whether the change could matter to scheduling: anything but status and bookkeeping metadata. */
    static boolean changedForScheduling(PodInfo before, PodInfo after) {
        return !strip(before.pod().json()).equals(strip(after.pod().json()));
    }

    private static JsonNode strip(ObjectNode pod) {
        ObjectNode copy = pod.deepCopy();
        copy.remove("status");
        if (copy.get("metadata") instanceof ObjectNode meta) {
            meta.remove(List.of("resourceVersion", "managedFields", "generation"));
        }
        return copy;
    }
}
