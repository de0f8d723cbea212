package io.kube4j.common.client.workqueue;

import java.time.Duration;

/**
 * A {@link WorkQueue} that can also add a key once a delay has passed, as a controller does when
 * it asks to look at an object again later.
 *
 * <p>A key waiting for its delay is not queued: it does not count in {@link #length()} and a plain
 * {@link #add} of it queues it at once (and the delayed add still happens later, de-duplicated as
 * any add). Keys whose delays end are added in due order, ties in the order they were asked for.
 * Time is read from the {@link Ticker} the queue was built with; one background thread per queue
 * does the delayed adds and ends with {@link #shutDown()}, which drops every key still waiting.
 */
public interface DelayingQueue<K> extends WorkQueue<K> {

    /**
     * Adds {@code key} once {@code delay} has passed; a zero or negative delay adds it now. If the
     * key is already waiting, it keeps the earlier of its two due times. Ignored once the queue is
     * shutting down. Each accepted call counts in {@link #retriesTotal()}.
     */
    void addAfter(K key, Duration delay);

    /** How many calls to {@link #addAfter} were accepted: the queue's count of retries. */
    long retriesTotal();
}
