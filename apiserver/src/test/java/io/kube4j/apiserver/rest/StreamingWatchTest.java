package io.kube4j.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.apiserver.cache.WatchEvent;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    @Test
    void dropsTheConnectionOfAWatcherThatLeavesItsQueueFullInsteadOfWaitingBehindTheStuckWrite() {
        ResourceType configMaps = ResourceTypes.standard().find("", "v1", "configmaps").orElseThrow();
        StuckOutput output = new StuckOutput();
        AtomicInteger unregistered = new AtomicInteger();
        StreamingWatch watch = new StreamingWatch(configMaps, output, Runnable::run, EventRenderer.JSON, unregistered::incrementAndGet, 3);

        // the first event goes out in a write that never completes; three more fill the queue; the fifth overflows
        boolean[] accepted = new boolean[5];
        for (int i = 0; i < 5; i++) {
            accepted[i] = watch.offer(WatchEvent.raw(WatchEvent.Type.ADDED, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), i + 1));
        }
        watch.terminate("watcher is too slow: its buffer is full", false);

        assertThat(accepted).containsExactly(true, true, true, true, false);
        assertThat(output.writes).hasValue(1);
        assertThat(output.aborted.get()).hasMessageContaining("did not read 3 queued events");
        assertThat(output.finished).hasValue(0);
        assertThat(unregistered).hasValue(1);
    }
}
