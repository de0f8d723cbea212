package io.kube4j.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.apiserver.cache.WatchEvent;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

class StreamingWatchTest {

    /** A client whose socket takes the first write and then nothing: no write ever completes. */
    private static final class StuckOutput implements WatchOutput {
        final AtomicInteger writes = new AtomicInteger();
        final AtomicReference<Throwable> aborted = new AtomicReference<>();
        final AtomicInteger finished = new AtomicInteger();

        @Override
        public void write(List<byte[]> events, boolean heartbeat, boolean last, Callback callback) {
            writes.incrementAndGet();
        }

        @Override
        public void finished() {
            finished.incrementAndGet();
        }

        @Override
        public void abort(Throwable cause) {
            aborted.set(cause);
        }
    }

    private static final ResourceType CONFIG_MAPS = ResourceTypes.standard().find("", "v1", "configmaps").orElseThrow();

    private static WatchEvent event(int n) {
        return WatchEvent.raw(WatchEvent.Type.ADDED, ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), n + 1);
    }

    @Test
    void dropsTheConnectionOfAWatcherThatLeavesItsQueueFullInsteadOfWaitingBehindTheStuckWrite() {
        StuckOutput output = new StuckOutput();
        AtomicInteger unregistered = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        StreamingWatch watch = new StreamingWatch(CONFIG_MAPS, output, Runnable::run, EventRenderer.JSON, unregistered::incrementAndGet, 3);
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
        try {
            // the headers go out in a write that never completes; three events fill the queue; the fourth overflows
            watch.start(null, closed::incrementAndGet, timers, 3600, false);
            boolean[] accepted = new boolean[4];
            for (int i = 0; i < 4; i++) {
                accepted[i] = watch.offer(event(i));
            }
            watch.terminate("watcher is too slow: its buffer is full", false);

            assertThat(accepted).containsExactly(true, true, true, false);
            assertThat(output.writes).hasValue(1);
            assertThat(output.aborted.get()).hasMessageContaining("did not read 3 queued events");
            assertThat(output.finished).hasValue(0);
            assertThat(unregistered).hasValue(1);
            assertThat(closed).as("the registration is closed").hasValue(1);
        } finally {
            timers.shutdownNow();
        }
    }

    @Test
    void theInitialEventsOfAWatchAreNotCutOffHoweverManyThereAre() {
        StuckOutput output = new StuckOutput();
        StreamingWatch watch = new StreamingWatch(CONFIG_MAPS, output, Runnable::run, EventRenderer.JSON, () -> { }, 3);
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
        try {
            // offered during registration (the current objects of a watch without resourceVersion): 10 > 3
            for (int i = 0; i < 10; i++) {
                assertThat(watch.offer(event(i))).as("initial event %d", i).isTrue();
            }
            watch.start(null, () -> { }, timers, 3600, false);
            // then the usual room behind what is queued: 9 initial events wait (the first is being
            // written), the FLUSH of start, and 3 - 1 live events before the bound
            assertThat(watch.offer(event(10))).isTrue();
            assertThat(watch.offer(event(11))).isTrue();
            assertThat(watch.offer(event(12))).isFalse();
            assertThat(output.aborted.get()).isNotNull();
        } finally {
            timers.shutdownNow();
        }
    }

    @Test
    void aClientGoneDuringRegistrationLeavesNoRegistrationAndNoTimersBehind() {
        AtomicInteger finished = new AtomicInteger();
        WatchOutput gone = new WatchOutput() {
            @Override
            public void write(List<byte[]> events, boolean heartbeat, boolean last, Callback callback) {
                callback.failed(new java.io.IOException("connection reset"));
            }

            @Override
            public void finished() {
                finished.incrementAndGet();
            }

            @Override
            public void abort(Throwable cause) {
            }
        };
        AtomicInteger unregistered = new AtomicInteger();
        StreamingWatch watch = new StreamingWatch(CONFIG_MAPS, gone, Runnable::run, EventRenderer.JSON, unregistered::incrementAndGet, 3);
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
        try {
            watch.offer(event(0)); // its write fails: the stream finishes before start
            AtomicInteger closed = new AtomicInteger();
            watch.start(null, closed::incrementAndGet, timers, 3600, false);
            assertThat(closed).as("the registration made meanwhile is closed").hasValue(1);
            assertThat(timers.getQueue()).as("no heartbeat or timeout scheduled").isEmpty();
            assertThat(unregistered).hasValue(1);
            assertThat(finished).hasValue(1);
        } finally {
            timers.shutdownNow();
        }
    }
}
