package io.kube4j.proxy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small TCP backend on one loopback address: greets every connection with its name and a newline,
 * then echoes what it reads. Counts the connections it accepted. A thread per connection (tests only).
 */
public final class EchoServer implements AutoCloseable {

    private final String name;
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private EchoServer(String name, ServerSocket socket) {
        this.name = name;
        this.socket = socket;
        Thread acceptor = new Thread(this::accept, "echo-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static EchoServer start(String name, InetSocketAddress address) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(address, 1024);
        return new EchoServer(name, socket);
    }

    /** {@code count} servers on 127.0.0.{first}, 127.0.0.{first+1}, … all on one free port. */
    public static List<EchoServer> startMany(int first, int count) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            List<EchoServer> servers = new java.util.ArrayList<>();
            try {
                EchoServer one = start("echo-" + first, new InetSocketAddress(InetAddress.getByName("127.0.0." + first), 0));
                servers.add(one);
                for (int i = 1; i < count; i++) {
                    servers.add(start("echo-" + (first + i),
                            new InetSocketAddress(InetAddress.getByName("127.0.0." + (first + i)), one.port())));
                }
                return servers;
            } catch (IOException e) {
                servers.forEach(EchoServer::close); // the port was taken on another address: try another
            }
        }
        throw new IOException("no port free on 127.0.0." + first + "-" + (first + count - 1));
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                accepted.incrementAndGet();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "echo-" + name + "-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setTcpNoDelay(true);
            out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the client left
        } finally {
            open.remove(s);
        }
    }

    public String name() {
        return name;
    }

    public String ip() {
        return socket.getInetAddress().getHostAddress();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int accepted() {
        return accepted.get();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
