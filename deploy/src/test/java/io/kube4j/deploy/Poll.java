package io.kube4j.deploy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Polls a condition until it yields a value or the deadline passes; never sleeps as synchronisation. */
public final class Poll {

    private Poll() {
    }

    /** Returns the first non-empty value of {@code probe}; fails with {@code what} and the last error after {@code within}. */
    public static <T> T until(Duration within, String what, Callable<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Exception last = null;
        while (true) {
            try {
                Optional<T> value = probe.call();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within.toSeconds() + " s waiting for " + what
                        + (last == null ? "" : " (last error: " + last + ")"), last);
            }
            Thread.sleep(200);
        }
    }

    public static void untilTrue(Duration within, String what, Callable<Boolean> probe) throws InterruptedException {
        until(within, what, () -> probe.call() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }
}
