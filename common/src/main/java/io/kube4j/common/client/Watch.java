package io.kube4j.common.client;

/**
 * An open watch stream from {@link ApiClient#watch}. Closing it stops the stream promptly; it is
 * idempotent and may be called from any thread, including from inside the watch's own callbacks.
 * When {@code close()} returns on another thread, no event callback is running or will run, and
 * {@code onClose(null)} has been called (unless the stream had already ended on its own).
 */
public interface Watch extends AutoCloseable {

    @Override
    void close();
}
