package io.kube4j.apiserver.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.storage.Storage;
import io.kube4j.apiserver.storage.StorageException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current state of one resource type plus a ring of its recent events, fed by a single etcd
 * watch and shared by every HTTP watcher of that type: a thousand watchers cost one etcd watch.
 *
 * <p>Threading: etcd changes are applied and fanned out under the write lock, on the etcd watch's
 * callback thread, so every watcher sees events in revision order and a watcher that registers
 * while events arrive gets each event exactly once. Sinks only enqueue.
 */
public final class WatchCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchCache.class);
    private static final int LOAD_PAGE = 5_000;

    private final ResourceType type;
    private final Storage storage;
    private final String prefix;
    private final ObjectCodec codec;
    private final int capacity;
    private final ScheduledExecutorService scheduler;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Condition advanced = lock.writeLock().newCondition();
    private final ConcurrentSkipListMap<String, CachedObject> objects = new ConcurrentSkipListMap<>();
    private final ArrayDeque<WatchEvent> ring = new ArrayDeque<>();
    private final List<Registration> watchers = new CopyOnWriteArrayList<>();
    /** What writes through this apiserver are storing, by key: their events need no decoding. */
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private long revision;
    /** {@link #revision} for lock-free readers; written under the write lock. */
    private volatile long published;
    private long resumableFrom;
    /** Set once the first load is done; never cleared. */
    private volatile boolean ready;
    private volatile boolean closed;
    private AutoCloseable etcdWatch;

    /** A write in flight: its stored form and the cache item it makes (without json and revision). */
    private record Expected(StoredForm form, CachedObject item) {
    }

    /** A watcher's filter and where its events go. */
    private record Registration(Predicate<CachedObject> filter, long after, WatchSink sink) {
    }

    public WatchCache(ResourceType type, Storage storage, String root, int capacity, ScheduledExecutorService scheduler) {
        this.type = type;
        this.storage = storage;
        this.prefix = type.keyPrefix(root);
        this.codec = new ObjectCodec(type);
        this.capacity = capacity;
        this.scheduler = scheduler;
    }

    public ObjectCodec codec() {
        return codec;
    }

    public ResourceType type() {
        return type;
    }

    /** Lists the type from etcd and starts watching; retried in the background until it works. */
    public void start() {
        try {
            load();
        } catch (StorageException e) {
            LOG.warn("watch cache for {} could not load ({}); retrying", type.groupResource(), e.getMessage());
            retryLater();
        }
    }

    private void retryLater() {
        if (!closed) {
            scheduler.schedule(this::start, 1, TimeUnit.SECONDS);
        }
    }

    private void load() {
        // read in pages at one revision, so a large type never needs one huge etcd answer
        java.util.Map<String, CachedObject> loaded = new java.util.HashMap<>();
        Storage.Page page = storage.list(prefix, prefix, LOAD_PAGE, 0);
        long listRevision = page.revision();
        while (true) {
            String last = null;
            for (Storage.Entry entry : page.entries()) {
                loaded.put(entry.key(), codec.cached(entry));
                last = entry.key();
            }
            if (page.remaining() == 0 || last == null) {
                break;
            }
            page = storage.list(prefix, last + "\0", LOAD_PAGE, listRevision);
        }
        lock.writeLock().lock();
        try {
            // replaced in place, never emptied: get() reads without the lock and must not see a
            // present object as missing while a re-list swaps the contents
            objects.keySet().retainAll(loaded.keySet());
            ring.clear();
            objects.putAll(loaded);
            revision = listRevision;
            published = listRevision;
            resumableFrom = listRevision;
            ready = true;
            // watchers of the previous incarnation may have missed events: make them re-list
            for (Registration r : watchers) {
                r.sink().terminate("watch cache of " + type.groupResource() + " was reset", true);
            }
            watchers.clear();
            advanced.signalAll();
        } finally {
            lock.writeLock().unlock();
        }
        etcdWatch = storage.watch(prefix, listRevision, new Storage.Listener() {
            @Override
            public void onChanges(List<Storage.Change> changes, long headerRevision) {
                apply(changes, headerRevision);
            }

            @Override
            public void onError(StorageException error) {
                if (!closed) {
                    LOG.warn("etcd watch of {} failed ({}); re-listing", type.groupResource(), error.getMessage());
                    closeEtcdWatch();
                    retryLater();
                }
            }
        });
    }

    private void apply(List<Storage.Change> changes, long headerRevision) {
        lock.writeLock().lock();
        try {
            for (Storage.Change change : changes) {
                long rev = change.entry().modRevision();
                String key = change.entry().key();
                WatchEvent event;
                CachedObject previous;
                if (change.type() == Storage.Change.Type.PUT) {
                    CachedObject current = cachedPut(change.entry());
                    previous = objects.put(key, current);
                    event = new WatchEvent(previous == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED, current, rev);
                } else {
                    previous = objects.remove(key);
                    if (previous == null && change.previous() != null) {
                        previous = codec.cached(change.previous());
                    }
                    if (previous == null) {
                        continue;
                    }
                    // the deleted object carries the delete's revision, as in Kubernetes
                    ObjectNode last = ObjectCodec.decode(previous.json(), rev);
                    event = new WatchEvent(WatchEvent.Type.DELETED, codec.cached(key, last, rev), rev);
                }
                revision = Math.max(revision, rev);
                record(event);
                fanOut(event, previous);
            }
            revision = Math.max(revision, headerRevision);
            published = revision;
            advanced.signalAll();
        } catch (RuntimeException e) {
            LOG.error("watch cache for {} failed to apply changes; re-listing", type.groupResource(), e);
            closeEtcdWatch();
            retryLater();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private CachedObject cachedPut(Storage.Entry entry) {
        Expected e = expected.get(entry.key());
        if (e != null && java.util.Arrays.equals(e.form().bytes(), entry.value())) {
            CachedObject item = e.item();
            return new CachedObject(item.key(), item.namespace(), item.name(), item.labels(), item.fields(),
                    e.form().withResourceVersion(entry.modRevision()), entry.modRevision());
        }
        return codec.cached(entry);
    }

    /**
     * Tells the cache that a write through this apiserver is about to store {@code form} at
     * {@code key}, so the event it causes reuses the encoding instead of decoding the value again.
     * Any event whose value is exactly those bytes may use it; call {@link #forget} after the write.
     *
     * @param object the object {@code form} encodes, read here on the caller's thread only
     */
    public void expect(String key, StoredForm form, ObjectNode object) {
        expected.put(key, new Expected(form, codec.cached(key, object, null, 0)));
    }

    /** Ends an {@link #expect}: the write is done (or failed). */
    public void forget(String key, StoredForm form) {
        expected.computeIfPresent(key, (k, e) -> e.form() == form ? null : e);
    }

    private void record(WatchEvent event) {
        ring.addLast(event);
        while (ring.size() > capacity) {
            resumableFrom = ring.removeFirst().revision();
        }
    }

    private void fanOut(WatchEvent event, CachedObject previous) {
        for (Registration r : watchers) {
            if (event.revision() <= r.after()) {
                continue;
            }
            WatchEvent filtered = filtered(event, previous, r.filter());
            if (filtered != null && !r.sink().offer(filtered)) {
                watchers.remove(r);
                r.sink().terminate("watcher is too slow: its buffer is full", false);
            }
        }
    }

    /** The event as a watcher with {@code filter} sees it: objects entering or leaving its view are ADDED or DELETED. */
    private static WatchEvent filtered(WatchEvent event, CachedObject previous, Predicate<CachedObject> filter) {
        boolean is = filter.test(event.object());
        switch (event.type()) {
            case ADDED:
                return is ? event : null;
            case MODIFIED: {
                boolean was = previous != null && filter.test(previous);
                if (was && is) {
                    return event;
                }
                if (is) {
                    return event.as(WatchEvent.Type.ADDED);
                }
                return was ? event.as(WatchEvent.Type.DELETED) : null;
            }
            case DELETED:
                return is ? event : null;
            default:
                return event;
        }
    }

    /**
     * The object at {@code key} as this cache last saw it, or null, without taking the lock: a
     * suggestion of etcd's current state that may lag by the events in flight (and, before the first
     * list is in, be missing). Callers either compare-and-swap against etcd anyway (updates), or fall
     * back to etcd on a miss (admission lookups, reply bytes).
     */
    public CachedObject get(String key) {
        return objects.get(key);
    }

    /** A consistent snapshot of the objects under {@code keyPrefix} that pass {@code filter}. */
    public Snapshot list(String keyPrefix, Predicate<CachedObject> filter) {
        awaitReady();
        lock.readLock().lock();
        try {
            List<CachedObject> items = new ArrayList<>();
            for (CachedObject o : objects.tailMap(keyPrefix, true).values()) {
                if (!o.key().startsWith(keyPrefix)) {
                    break;
                }
                if (filter.test(o)) {
                    items.add(o);
                }
            }
            return new Snapshot(items, revision);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Objects of a list, and the revision they were current at. */
    public record Snapshot(List<CachedObject> items, long revision) {
    }

    /**
     * Starts a watch. With {@code fromRevision} 0 the sink first gets an ADDED for every current
     * object that passes {@code filter}; otherwise every event after {@code fromRevision}.
     *
     * @return a handle that stops the watch, or throws {@link ExpiredException} when the
     *         revision is older than the events this cache still holds
     */
    public AutoCloseable watch(String keyPrefix, Predicate<CachedObject> filter, long fromRevision, WatchSink sink) {
        awaitReady();
        Predicate<CachedObject> scoped = o -> o.key().startsWith(keyPrefix) && filter.test(o);
        lock.writeLock().lock();
        try {
            long after = fromRevision;
            if (fromRevision == 0) {
                for (CachedObject o : objects.tailMap(keyPrefix, true).values()) {
                    if (!o.key().startsWith(keyPrefix)) {
                        break;
                    }
                    if (filter.test(o)) {
                        sink.offer(new WatchEvent(WatchEvent.Type.ADDED, o, o.revision()));
                    }
                }
                after = revision;
            } else if (fromRevision < resumableFrom) {
                throw new ExpiredException("too old resource version: " + fromRevision + " (" + resumableFrom + ")");
            } else {
                replay(fromRevision, scoped, sink);
            }
            Registration registration = new Registration(scoped, after, sink);
            watchers.add(registration);
            return () -> watchers.remove(registration);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void replay(long fromRevision, Predicate<CachedObject> filter, WatchSink sink) {
        // Needs the object before each event to turn MODIFIED into ADDED/DELETED; the ring is in
        // order, so walk it keeping the last state per key seen in the ring.
        Map<String, CachedObject> before = new java.util.HashMap<>();
        Iterator<WatchEvent> it = ring.iterator();
        while (it.hasNext()) {
            WatchEvent event = it.next();
            String key = event.object().key();
            CachedObject previous = before.get(key);
            before.put(key, event.type() == WatchEvent.Type.DELETED ? null : event.object());
            if (event.revision() <= fromRevision) {
                continue;
            }
            WatchEvent filtered = event.type() == WatchEvent.Type.MODIFIED && previous == null
                    ? (filter.test(event.object()) ? event : null)
                    : filtered(event, previous, filter);
            if (filtered != null) {
                sink.offer(filtered);
            }
        }
    }

    /** Queues a BOOKMARK with the cache's revision behind every event already given to {@code sink}. */
    public void bookmark(WatchSink sink, byte[] objectJsonTemplate) {
        lock.writeLock().lock();
        try {
            sink.offer(WatchEvent.raw(WatchEvent.Type.BOOKMARK, objectJsonTemplate, revision));
        } finally {
            lock.writeLock().unlock();
        }
    }

    public long revision() {
        lock.readLock().lock();
        try {
            return revision;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Waits until the cache has seen {@code target} (after a write through this apiserver), at most {@code millis}. */
    public boolean awaitRevision(long target, long millis) {
        if (published >= target) {
            return true;
        }
        lock.writeLock().lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (revision < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                advanced.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int watcherCount() {
        return watchers.size();
    }

    public int size() {
        return objects.size();
    }

    private void awaitReady() {
        if (ready) {
            return;
        }
        lock.writeLock().lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!ready) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StorageException(StorageException.Kind.UNAVAILABLE,
                            "the watch cache of " + type.groupResource() + " is not ready (etcd unreachable?)");
                }
                advanced.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "interrupted", e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void closeEtcdWatch() {
        AutoCloseable w = etcdWatch;
        etcdWatch = null;
        if (w != null) {
            try {
                w.close();
            } catch (Exception e) {
                LOG.debug("closing etcd watch", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeEtcdWatch();
        lock.writeLock().lock();
        try {
            for (Registration r : watchers) {
                r.sink().terminate("apiserver is shutting down", false);
            }
            watchers.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The requested revision is older than the cache's history: the client must re-list. */
    public static final class ExpiredException extends RuntimeException {
        public ExpiredException(String message) {
            super(message);
        }
    }
}
