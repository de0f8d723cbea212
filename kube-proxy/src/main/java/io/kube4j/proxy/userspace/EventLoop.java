package io.kube4j.proxy.userspace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread. Every channel registered here is only touched on this thread: other threads
 * hand work over with {@link #execute}. Each loop owns one read buffer that all its connections share,
 * so an idle connection costs no buffer memory.
 */
final class EventLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    /** What a selection key's attachment does when its channel is ready. */
    interface Handler {
        void ready(SelectionKey key);
    }

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    final ByteBuffer readBuffer;

    EventLoop(String name, int bufferSize) throws IOException {
        this.selector = Selector.open();
        this.readBuffer = ByteBuffer.allocateDirect(bufferSize);
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    Selector selector() {
        return selector;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this loop's thread: now when called there, else as soon as the loop wakes. */
    void execute(Runnable task) {
        if (inLoop()) {
            safely(task);
            return;
        }
        tasks.add(task);
        selector.wakeup();
    }

    private void run() {
        try {
            while (running) {
                selector.select(1_000);
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    safely(task);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    try {
                        if (key.isValid()) {
                            ((Handler) key.attachment()).ready(key);
                        }
                    } catch (CancelledKeyException e) {
                        // closed while we looked
                    } catch (RuntimeException e) {
                        LOG.warn("proxy event loop {}: {}", thread.getName(), e.toString());
                    }
                }
            }
            for (Runnable task; (task = tasks.poll()) != null; ) {
                safely(task);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("proxy event loop {} failed: {}", thread.getName(), e.toString());
        } finally {
            try {
                selector.close();
            } catch (IOException e) {
                // nothing to do
            }
            stopped.countDown();
        }
    }

    private static void safely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("proxy event loop task failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
