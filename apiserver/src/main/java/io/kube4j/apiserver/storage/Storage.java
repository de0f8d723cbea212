package io.kube4j.apiserver.storage;

import java.util.List;
import java.util.Optional;

/**
 * The key-value store under the apiserver: etcd semantics (revisions, compare-and-swap, prefix
 * watches). Every method blocks until the store answers or the operation timeout passes; failures
 * are {@link StorageException}s whose {@link StorageException.Kind} tells the caller what to answer.
 * Thread-safe.
 */
public interface Storage extends AutoCloseable {

    /** One key with its value and the revision that last wrote it. */
    record Entry(String key, byte[] value, long modRevision) {
    }

    /**
     * A page of a range read.
     *
     * @param revision  the store revision the page was read at
     * @param remaining how many keys after this page (0 when the range is complete)
     */
    record Page(List<Entry> entries, long revision, long remaining) {
    }

    /** A change seen by a watch. {@code previous} is the value before a delete, when the store kept it. */
    record Change(Type type, Entry entry, Entry previous) {
        public enum Type { PUT, DELETE }
    }

    /** Receives a watch's changes in revision order, on one thread at a time. */
    interface Listener {
        void onChanges(List<Change> changes, long revision);

        /** The watch ended: {@link StorageException.Kind#COMPACTED} when its start revision is gone. */
        void onError(StorageException error);
    }

    Optional<Entry> get(String key);

    /**
     * Keys in {@code [fromKey, end of prefix)} in key order.
     *
     * @param fromKey  first key to return, or the prefix itself to start at the beginning
     * @param limit    at most this many entries, 0 for all
     * @param revision read at this revision, 0 for the latest
     */
    Page list(String prefix, String fromKey, int limit, long revision);

    /** Writes a key that must not exist yet; returns the new revision. Fails with EXISTS. */
    long create(String key, byte[] value);

    /** Writes a key whose mod revision must still be {@code expected}; fails with CONFLICT or NOT_FOUND. */
    long update(String key, byte[] value, long expectedModRevision);

    /** Deletes a key whose mod revision must still be {@code expected}; returns the delete's revision. */
    long delete(String key, long expectedModRevision);

    /** The store's current revision. */
    long currentRevision();

    /** Discards history before {@code revision}. */
    void compact(long revision);

    /** Watches keys under {@code prefix} for changes after {@code afterRevision}; close to stop. */
    AutoCloseable watch(String prefix, long afterRevision, Listener listener);

    /**
     * Asks the store to tell every open watch the current revision (a progress notification),
     * so caches can prove they are up to date without waiting for a change of their own type.
     */
    void requestProgress();

    /** Whether the store answers now, within a short timeout. */
    boolean healthy();

    @Override
    void close();
}
