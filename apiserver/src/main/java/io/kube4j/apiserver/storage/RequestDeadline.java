package io.kube4j.apiserver.storage;

import java.time.Duration;

/**
 * The deadline of the request the current thread serves ({@code --request-timeout}, 60 s by
 * default). Storage calls never wait past it, so a request that keeps retrying or finds etcd slow
 * fails with 504 Timeout instead of hanging. Watches run without one.
 */
public final class RequestDeadline {

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private RequestDeadline() {
    }

    /** Sets the current thread's deadline; close the result when the request ends. */
    public static AutoCloseable start(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            return () -> { };
        }
        DEADLINE.set(System.nanoTime() + timeout.toNanos());
        return DEADLINE::remove;
    }

    /** Nanoseconds left, or {@code Long.MAX_VALUE} without a deadline. */
    static long remainingNanos() {
        Long deadline = DEADLINE.get();
        return deadline == null ? Long.MAX_VALUE : deadline - System.nanoTime();
    }
}
