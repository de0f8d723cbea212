package io.kube4j.common.client.workqueue;

import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A blocking call run on its own thread, so a test can see it block and then see it return. */
final class Background<T> {

    private final FutureTask<T> task;
    private final Thread thread;

    private Background(String name, Callable<T> call) {
        this.task = new FutureTask<>(call);
        this.thread = new Thread(task, name);
        thread.setDaemon(true);
    }

    static <T> Background<T> start(String name, Callable<T> call) {
        Background<T> background = new Background<>(name, call);
        background.thread.start();
        return background;
    }

    /** Waits until the call is parked inside the queue, so the test exercises the wake-up path. */
    Background<T> awaitBlocked() {
        Eventually.await(thread.getName() + " blocks", () -> {
            Thread.State state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        });
        return this;
    }

    boolean isDone() {
        return task.isDone();
    }

    void interrupt() {
        thread.interrupt();
    }

    /** The call's result; its exception comes out as the {@link ExecutionException}'s cause. */
    T result() throws InterruptedException, ExecutionException {
        try {
            return task.get(Eventually.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail(thread.getName() + " did not return within " + Eventually.DEADLINE);
        }
    }
}
