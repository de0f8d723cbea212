package io.kube4j.common.client;

import java.time.Duration;

/** Waits; injected so tests of rate limits and retries neither sleep nor depend on the wall clock. */
@FunctionalInterface
interface Sleeper {

    Sleeper SYSTEM = duration -> {
        if (!duration.isZero() && !duration.isNegative()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
