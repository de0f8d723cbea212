package io.kube4j.deploy.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.client.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code proxy}: a Service without selector whose Endpoints point at a sink and an echo server of
 * this process on 127.0.0.1, reached through node n1's kube-proxy (userspace relay on the cluster
 * IP) and directly: 64 KiB messages streamed for a few seconds, and 1-byte ping-pongs.
 */
final class ProxyScenario {

    private static final String NS = "bench-proxy";
    private static final int MESSAGE = 64 * 1024;
    private static final int STREAMS = 4;
    private static final int GREETING = 'k';

    private ProxyScenario() {
    }

    static List<Figure> run(ApiClient api, int seconds, int pings) throws IOException, InterruptedException {
        try (ServerSocket sink = server(false); ServerSocket echo = server(true)) {
            api.post("/api/v1/namespaces", Objects.namespace(NS));
            InetSocketAddress sinkVip = service(api, "sink", sink.getLocalPort());
            InetSocketAddress echoVip = service(api, "echo", echo.getLocalPort());
            InetSocketAddress sinkDirect = new InetSocketAddress("127.0.0.1", sink.getLocalPort());
            InetSocketAddress echoDirect = new InetSocketAddress("127.0.0.1", echo.getLocalPort());
            // every node's kube-proxy listens on the service address (SO_REUSEPORT) and the kernel spreads
            // connections over them: one answer proves only one proxy has the service, so ask several times
            if (!Probes.until(Duration.ofSeconds(30), () -> servedByEveryProxy(echoVip, sinkVip))) {
                throw new BenchException("proxy: no echo through kube-proxy at " + echoVip + " and " + sinkVip + " within 30 s");
            }
            // warm both paths (JIT in the relay and here)
            throughput(sinkVip, 1);
            throughput(sinkDirect, 1);
            pingPong(echoVip, pings / 2);
            pingPong(echoDirect, pings / 2);
            double direct = throughput(sinkDirect, seconds);
            double proxied = throughput(sinkVip, seconds);
            Stats pingDirect = Stats.of(pingPong(echoDirect, pings));
            Stats pingProxied = Stats.of(pingPong(echoVip, pings));
            api.delete("/api/v1/namespaces/" + NS, null);
            return List.of(
                    Figure.target("proxy", STREAMS + " streams of 64 KiB messages", proxied, "MiB/s", "direct MiB/s", direct,
                            "ratio >= 0.7", proxied / direct >= 0.7),
                    Figure.info("proxy", "1-byte round trip p50", pingProxied.p50(), "us", "direct p50", pingDirect.p50()),
                    Figure.info("proxy", "1-byte round trip p99", pingProxied.p99(), "us", "direct p99", pingDirect.p99()),
                    Figure.info("proxy", "round trips/s, 1 connection", 1e6 / pingProxied.mean(), "/s",
                            "direct", 1e6 / pingDirect.mean()));
        }
    }

    /** Creates the Service and its Endpoints; answers the cluster IP and port. */
    private static InetSocketAddress service(ApiClient api, String name, int targetPort) {
        ObjectNode svc = Json.object().put("apiVersion", "v1").put("kind", "Service");
        svc.putObject("metadata").put("name", name).put("namespace", NS);
        svc.putObject("spec").putArray("ports").addObject().put("name", "tcp").put("port", 7000).put("protocol", "TCP")
                .put("targetPort", targetPort);
        String ip = api.post("/api/v1/namespaces/" + NS + "/services", svc).path("spec").path("clusterIP").asText();
        ObjectNode eps = Json.object().put("apiVersion", "v1").put("kind", "Endpoints");
        eps.putObject("metadata").put("name", name).put("namespace", NS);
        ObjectNode subset = eps.putArray("subsets").addObject();
        subset.putArray("addresses").addObject().put("ip", "127.0.0.1");
        subset.putArray("ports").addObject().put("name", "tcp").put("port", targetPort).put("protocol", "TCP");
        api.post("/api/v1/namespaces/" + NS + "/endpoints", eps);
        return new InetSocketAddress(ip, 7000);
    }

    private static boolean servedByEveryProxy(InetSocketAddress echoVip, InetSocketAddress sinkVip) {
        for (int i = 0; i < 16; i++) {
            if (!pingsOk(echoVip) || !greeted(sinkVip)) {
                return false;
            }
        }
        return true;
    }

    private static boolean pingsOk(InetSocketAddress echo) {
        try {
            return pingPong(echo, 1).size() == 1;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the sink behind {@code sink} sent its greeting: kube-proxy relays to it. */
    private static boolean greeted(InetSocketAddress sink) {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(2000);
            socket.connect(sink, 2000);
            return socket.getInputStream().read() == GREETING;
        } catch (IOException e) {
            return false;
        }
    }

    /** MiB/s written by {@link #STREAMS} connections for {@code seconds} (a sink reads and drops). */
    private static double throughput(InetSocketAddress target, int seconds) throws IOException, InterruptedException {
        AtomicLong bytes = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        List<IOException> errors = new ArrayList<>();
        long began = System.nanoTime();
        for (int s = 0; s < STREAMS; s++) {
            Thread t = new Thread(() -> {
                byte[] message = new byte[MESSAGE];
                try (Socket socket = new Socket()) {
                    socket.setSoTimeout(5000);
                    socket.connect(target, 5000);
                    if (socket.getInputStream().read() != GREETING) {
                        throw new IOException("no greeting from the sink behind " + target);
                    }
                    OutputStream out = socket.getOutputStream();
                    while (System.nanoTime() < end) {
                        out.write(message);
                        bytes.addAndGet(MESSAGE);
                    }
                } catch (IOException e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new BenchException("proxy: streaming to " + target + " failed: " + errors.get(0), errors.get(0));
        }
        return bytes.get() / (1024.0 * 1024.0) / ((System.nanoTime() - began) / 1e9);
    }

    /** Round trips of one byte over one connection, in microseconds. */
    private static List<Double> pingPong(InetSocketAddress target, int count) throws IOException {
        List<Double> micros = new ArrayList<>(count);
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(5000);
            socket.connect(target, 5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < count; i++) {
                long began = System.nanoTime();
                out.write(1);
                if (in.read() < 0) {
                    throw new IOException("echo closed the connection");
                }
                micros.add((System.nanoTime() - began) / 1e3);
            }
        }
        return micros;
    }

    /** A loopback server on its own threads: echoes each byte back, or reads and drops everything. */
    private static ServerSocket server(boolean echo) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread handler = new Thread(() -> serve(socket, echo), "bench-proxy-conn");
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException e) {
                    return;  // closed
                }
            }
        }, "bench-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private static void serve(Socket socket, boolean echo) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (!echo) {
                out.write(GREETING);  // the client knows the relay reached the backend before it streams
                out.flush();
            }
            byte[] buffer = new byte[MESSAGE];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (echo) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
