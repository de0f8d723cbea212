package io.kube4j.common.client.workqueue;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** A polling helper: waits for a condition up to a deadline, failing the test with a description. */
final class Eventually {

    static final Duration DEADLINE = Duration.ofSeconds(10);

    private Eventually() {
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("gave up after " + DEADLINE + " waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Waits for a thread to end, e.g. a getter woken by a shutdown. */
    static void awaitEnd(Thread thread) throws InterruptedException {
        thread.join(DEADLINE.toMillis());
        if (thread.isAlive()) {
            fail(thread.getName() + " still running after " + DEADLINE);
        }
    }
}
