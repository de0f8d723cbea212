package io.kube4j.common.daemon;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a daemon's main body so that SIGTERM stops it gracefully: the shutdown hook closes the daemon,
 * waits up to {@code grace} for the body to return and then exits 0 (the JVM would otherwise report
 * 143 for a stop that went well). When the body itself decides to end — a non-zero code (a lost
 * lease) or an exception — the daemon is closed here and the hook does nothing more.
 */
public final class GracefulStop {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private GracefulStop() {
    }

    /**
     * @param name  the daemon's name, for the log line and the hook thread
     * @param close stops the daemon; must be idempotent (it may run from the hook and from here)
     * @param grace how long the hook waits for {@code body} to return after {@code close}
     * @param body  starts the daemon and returns once it has stopped, with the process's exit code
     */
    public static int run(String name, Runnable close, Duration grace, Callable<Integer> body) throws Exception {
        CountDownLatch exited = new CountDownLatch(1);
        AtomicBoolean bodyChoseExit = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (bodyChoseExit.get()) {
                return;
            }
            LOG.info("{} is stopping (signal)", name);
            close.run();
            try {
                if (exited.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    Runtime.getRuntime().halt(0);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int code = body.call();
            if (code != 0) {
                bodyChoseExit.set(true);
                close.run();
            }
            return code;
        } catch (Exception e) {
            bodyChoseExit.set(true);
            close.run();
            throw e;
        } finally {
            exited.countDown();
        }
    }
}
