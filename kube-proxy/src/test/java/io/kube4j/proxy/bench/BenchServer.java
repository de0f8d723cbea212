package io.kube4j.proxy.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's backend: one selector thread serving any number of connections, either
 * discarding what it reads (counting the bytes: the throughput sink) or echoing it (ping-pong).
 */
final class BenchServer implements AutoCloseable {

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final boolean echo;
    private final Thread thread;
    final LongAdder received = new LongAdder();
    private volatile boolean running = true;

    BenchServer(InetSocketAddress address, boolean echo) throws IOException {
        this.echo = echo;
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        listener.bind(address, 4096);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        this.thread = new Thread(this::run, echo ? "bench-echo" : "bench-sink");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) listener.getLocalAddress();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        try {
            while (running) {
                selector.select(500);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        SocketChannel c;
                        while ((c = listener.accept()) != null) {
                            c.configureBlocking(false);
                            c.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                            c.register(selector, SelectionKey.OP_READ);
                        }
                        continue;
                    }
                    SocketChannel c = (SocketChannel) key.channel();
                    try {
                        buffer.clear();
                        int n = c.read(buffer);
                        if (n < 0) {
                            c.close();
                            continue;
                        }
                        received.add(n);
                        if (echo && n > 0) {
                            buffer.flip();
                            while (buffer.hasRemaining()) {
                                c.write(buffer); // tiny messages: never more than the socket buffer
                            }
                        }
                    } catch (IOException e) {
                        c.close();
                    }
                }
            }
        } catch (IOException e) {
            // stopping
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        listener.close();
        for (SelectionKey k : selector.keys()) {
            k.channel().close();
        }
    }
}
