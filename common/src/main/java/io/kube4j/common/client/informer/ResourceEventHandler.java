package io.kube4j.common.client.informer;

import java.util.function.Consumer;

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

    /**
     * A handler that hands every changed object to {@code changed}: the added object, the new state of
     * an update, the last known state of a deletion — the usual "enqueue its key" handler.
     */
    static <T> ResourceEventHandler<T> onChange(Consumer<? super T> changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                changed.accept(object);
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                changed.accept(newObject);
            }

            @Override
            public void onDelete(T lastKnown) {
                changed.accept(lastKnown);
            }
        };
    }

    /**
     * Like {@link #onChange}, but an update hands over the old state too (before the new one): for
     * handlers that enqueue something the object points at — an owner, the services selecting it —
     * which the update may have changed.
     */
    static <T> ResourceEventHandler<T> onChangeBothStates(Consumer<? super T> changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                changed.accept(object);
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                changed.accept(oldObject);
                changed.accept(newObject);
            }

            @Override
            public void onDelete(T lastKnown) {
                changed.accept(lastKnown);
            }
        };
    }
}
