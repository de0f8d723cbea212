package io.kube4j.common.client.workqueue;

import java.time.Duration;
import java.util.Optional;

/**
 * A FIFO of keys that hands each key to one worker at a time.
 *
 * <p><b>States of a key.</b> A key is <i>queued</i> (waiting to be taken), <i>processing</i>
 * (taken by {@link #get()} and not yet {@link #done}), both at once (taken, then added again
 * while processing: it is <i>dirty</i>), or absent. The queue guarantees:
 * <ul>
 *   <li><b>De-duplication</b>: adding a queued key again does nothing; it keeps its place.</li>
 *   <li><b>No concurrent processing</b>: adding a key that is processing does not queue it; the
 *       key is marked dirty and queued again, at the back, when {@link #done} is called. So no
 *       two workers ever hold the same key.</li>
 *   <li><b>No lost adds</b>: as long as workers keep taking keys and calling {@link #done},
 *       every accepted add is followed by a {@link #get()} that returns the key after the add.</li>
 * </ul>
 *
 * <p><b>Keys</b> are compared with {@code equals}/{@code hashCode} and must be immutable; null
 * keys are rejected with {@link NullPointerException}.
 *
 * <p><b>Threading.</b> Every method is thread-safe. {@link #get()}, {@link #poll} and
 * {@link #shutDownWithDrain()} block; every other method returns at once.
 *
 * <p><b>Shutting down.</b> After {@link #shutDown()} adds are ignored, keys still queued are
 * still handed out, and once the queue is empty {@link #get()} and {@link #poll} throw
 * {@link QueueShutDownException} to every caller, which is how workers learn to exit.
 */
public interface WorkQueue<K> {

    /**
     * Queues {@code key} unless it is already queued; if it is processing, marks it dirty so
     * that {@link #done} queues it again. Ignored once the queue is shutting down.
     */
    void add(K key);

    /**
     * Takes the key at the head of the queue, waiting until there is one, and marks it
     * processing. The caller must call {@link #done} with it when finished, whatever happened.
     *
     * @throws QueueShutDownException when the queue is shutting down and empty: the worker should exit
     * @throws InterruptedException when the waiting thread is interrupted
     */
    K get() throws InterruptedException, QueueShutDownException;

    /**
     * Same as {@link #get()}, waiting at most {@code timeout}.
     *
     * @return the key, now processing, or empty when none became available in time
     * @throws QueueShutDownException when the queue is shutting down and empty
     * @throws InterruptedException when the waiting thread is interrupted
     */
    Optional<K> poll(Duration timeout) throws InterruptedException, QueueShutDownException;

    /**
     * Ends the processing of a key taken by {@link #get()}. If the key was added while it was
     * processing, it is queued again now. A key that is not processing is ignored.
     */
    void done(K key);

    /** How many keys are queued (not counting keys processing and not dirty). */
    int length();

    /**
     * Stops accepting adds and wakes every waiting {@link #get()}; returns at once. Keys already
     * queued are still handed out; processing keys are not waited for.
     */
    void shutDown();

    /**
     * Shuts down as {@link #shutDown()} does, then waits until every key taken so far is
     * {@link #done}. Workers must keep calling {@code done}, or this waits forever; prefer
     * {@link #shutDownWithDrain(Duration)} when a worker may be stuck. Keys still queued when
     * it returns remain available to {@link #get()}.
     *
     * @throws InterruptedException when the waiting thread is interrupted (the queue stays shut down)
     */
    void shutDownWithDrain() throws InterruptedException;

    /**
     * Same as {@link #shutDownWithDrain()}, waiting at most {@code timeout}.
     *
     * @return true when no key was processing any more, false when the timeout passed first
     * @throws InterruptedException when the waiting thread is interrupted (the queue stays shut down)
     */
    boolean shutDownWithDrain(Duration timeout) throws InterruptedException;

    /** Whether {@link #shutDown()} or {@link #shutDownWithDrain()} has been called. */
    boolean isShuttingDown();

    /** The queue's name, for logs and metrics. */
    String name();

    /** How many adds queued or marked dirty a key that was not already so: de-duplicated adds are not counted. */
    long addsTotal();
}
