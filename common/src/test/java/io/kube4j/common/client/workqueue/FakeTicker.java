package io.kube4j.common.client.workqueue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker that moves only when a test says so, telling listeners (a delay thread) each time. */
final class FakeTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Runnable> onAdvance = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    FakeTicker advance(Duration by) {
        nanos.addAndGet(by.toNanos());
        onAdvance.forEach(Runnable::run);
        return this;
    }

    FakeTicker onAdvance(Runnable listener) {
        onAdvance.add(listener);
        return this;
    }
}
