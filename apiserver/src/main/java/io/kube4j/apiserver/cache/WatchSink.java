package io.kube4j.apiserver.cache;

/**
 * Where a watch cache delivers one watcher's events. Both methods are called with the cache's
 * lock held, in revision order: they must only enqueue, never block or write to a socket.
 */
public interface WatchSink {

    /** Takes the next event; false when the watcher's buffer is full, which ends the watch. */
    boolean offer(WatchEvent event);

    /** The cache ends this watch; {@code expired} means the client must re-list (410). */
    void terminate(String reason, boolean expired);
}
