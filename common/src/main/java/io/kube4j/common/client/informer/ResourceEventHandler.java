package io.kube4j.common.client.informer;

/**
 * Told of changes to an informer's cache, in the order they happened, on the informer's single
 * handler thread. Objects passed in are the cache's own: read them, never mutate them. Handlers
 * should only record work (enqueue a key) and return quickly.
 */
public interface ResourceEventHandler<T> {

    default void onAdd(T object) {
    }

    /** Also called with {@code oldObject == newObject}'s equal twin on a periodic resync. */
    default void onUpdate(T oldObject, T newObject) {
    }

    /** {@code lastKnown} is the last state the cache had (a relist may have missed the final update). */
    default void onDelete(T lastKnown) {
    }
}
