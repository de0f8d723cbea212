package io.kube4j.proxy.userspace;

import io.kube4j.proxy.lb.Backend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One proxied connection: bytes from the client to the backend and back, without a thread of its
 * own. Reads go into the loop's shared buffer and are written on at once; only what the peer cannot
 * take yet is kept, in a buffer of this connection, and reading that side pauses until it drained
 * (back-pressure instead of unbounded buffering). An end of stream is passed on as a half close;
 * when both directions ended, or on any error, both sockets close. Runs on one {@link EventLoop}.
 */
final class Relay implements EventLoop.Handler {

    private static final int MAX_READS_PER_WAKEUP = 4;

    private final EventLoop loop;
    private final Backend backend;
    private final ServiceStats stats;
    private final Relay.Pipe up;
    private final Relay.Pipe down;
    private final SelectionKey clientKey;
    private final SelectionKey serverKey;
    private final Runnable onClose;
    private boolean halfClosed;
    private boolean closed;

    /** Both channels are connected and non-blocking; registers them with {@code loop} (its thread only). */
    Relay(EventLoop loop, SocketChannel client, SocketChannel server, Backend backend, ServiceStats stats,
          Runnable onClose) throws ClosedChannelException {
        this.loop = loop;
        this.backend = backend;
        this.stats = stats;
        this.onClose = onClose;
        this.up = new Pipe(client, server);
        this.down = new Pipe(server, client);
        this.clientKey = client.register(loop.selector(), SelectionKey.OP_READ, this);
        SelectionKey connecting = server.keyFor(loop.selector());
        if (connecting != null) { // registered for OP_CONNECT: reuse the key
            connecting.attach(this);
            connecting.interestOps(SelectionKey.OP_READ);
            this.serverKey = connecting;
        } else {
            this.serverKey = server.register(loop.selector(), SelectionKey.OP_READ, this);
        }
        backend.opened();
        stats.active.incrementAndGet();
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            boolean isClient = key == clientKey;
            Pipe in = isClient ? up : down;   // this channel is the source of `in`
            Pipe out = isClient ? down : up;  // and the destination of `out`
            if (key.isWritable()) {
                out.flush();
            }
            if (key.isValid() && key.isReadable()) {
                in.read();
            }
            if (up.done && down.done) {
                close();
                return;
            }
            if (!halfClosed && (up.done || down.done)) {
                halfClosed = true;
                backend.halfClosed();
            }
            interest();
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    private void interest() {
        if (closed) {
            return;
        }
        clientKey.interestOps(ops(up, down));
        serverKey.interestOps(ops(down, up));
    }

    /** A channel reads for the pipe it feeds unless that pipe is blocked or ended, and writes when its incoming pipe has leftovers. */
    private static int ops(Pipe from, Pipe to) {
        int ops = 0;
        if (!from.eof && from.pending == null) {
            ops |= SelectionKey.OP_READ;
        }
        if (to.pending != null) {
            ops |= SelectionKey.OP_WRITE;
        }
        return ops;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(up.src);
        closeQuietly(up.dst);
        backend.closed(halfClosed);
        stats.active.decrementAndGet();
        onClose.run();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** One direction. */
    private final class Pipe {
        final SocketChannel src;
        final SocketChannel dst;
        /** What dst could not take yet (read mode), or null. */
        ByteBuffer pending;
        private ByteBuffer spare;
        boolean eof;
        boolean done;

        Pipe(SocketChannel src, SocketChannel dst) {
            this.src = src;
            this.dst = dst;
        }

        /** Moves what {@code src} has to {@code dst}: a few buffers' worth per wake-up, fewer selects on bulk transfers. */
        void read() throws IOException {
            ByteBuffer buffer = loop.readBuffer;
            for (int round = 0; round < MAX_READS_PER_WAKEUP; round++) {
                buffer.clear();
                int n = src.read(buffer);
                if (n < 0) {
                    eof = true;
                    finish();
                    return;
                }
                if (n == 0) {
                    return;
                }
                stats.bytes.add(n);
                buffer.flip();
                dst.write(buffer);
                if (buffer.hasRemaining()) {
                    if (spare == null || spare.capacity() < buffer.remaining()) {
                        // sized to the leftover, so a back-pressured idle-ish connection holds little memory
                        spare = ByteBuffer.allocate(Math.max(buffer.remaining(), 16 * 1024));
                    }
                    spare.clear();
                    spare.put(buffer).flip();
                    pending = spare;
                    return;
                }
                if (n < buffer.capacity()) {
                    return; // drained
                }
            }
        }

        void flush() throws IOException {
            if (pending == null) {
                return;
            }
            dst.write(pending);
            if (!pending.hasRemaining()) {
                pending = null;
                finish();
            }
        }

        private void finish() throws IOException {
            if (eof && pending == null && !done) {
                done = true;
                try {
                    dst.shutdownOutput();
                } catch (IOException e) {
                    // the peer is gone already; the other direction will notice
                }
            }
        }
    }
}
