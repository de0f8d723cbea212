package io.kube4j.proxy.bench;

import io.kube4j.proxy.state.Endpoint;
import io.kube4j.proxy.state.ProxyState;
import io.kube4j.proxy.state.ServicePort;
import io.kube4j.proxy.state.ServicePortName;
import io.kube4j.proxy.userspace.UserspaceProxier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The userspace relay against a direct connection, on loopback only: throughput of 64 KiB messages
 * streamed over {@code --streams} connections for {@code --seconds}, and the round-trip latency of
 * 1-byte ping-pong, each with {@code --held} idle connections held open (through the proxy for the
 * proxied runs, directly for the direct runs). Prints the figures and the proxied/direct ratios.
 * <pre>
 * ./mvnw -q -pl kube-proxy test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.kube4j.proxy.bench.ProxyBench [-Dexec.args="--streams 4 --seconds 3 --held 1000 --pings 10000 --rounds 3"]
 * </pre>
 */
public final class ProxyBench {

    static final int MESSAGE = 64 * 1024;

    public static void main(String[] args) throws Exception {
        int streams = intArg(args, "--streams", 4);
        int seconds = intArg(args, "--seconds", 3);
        int held = intArg(args, "--held", 1000);
        int pings = intArg(args, "--pings", 10_000);
        int rounds = intArg(args, "--rounds", 3);
        int loops = intArg(args, "--loops", Runtime.getRuntime().availableProcessors());
        int bufferKib = intArg(args, "--buffer-kib", UserspaceProxier.DEFAULT_BUFFER / 1024);

        try (BenchServer sink = new BenchServer(new InetSocketAddress("127.0.0.41", 0), false);
             BenchServer echo = new BenchServer(new InetSocketAddress("127.0.0.42", 0), true);
             UserspaceProxier proxy = new UserspaceProxier(new UserspaceProxier.Options("rr", List.of(),
                     loops, bufferKib * 1024), System::nanoTime)) {
            InetSocketAddress sinkVip = new InetSocketAddress("127.96.0.41", 17001);
            InetSocketAddress echoVip = new InetSocketAddress("127.96.0.42", 17002);
            TreeMap<ServicePortName, ProxyState.Entry> services = new TreeMap<>();
            add(services, "sink", sinkVip, sink.address());
            add(services, "echo", echoVip, echo.address());
            proxy.apply(new ProxyState(services));

            System.out.printf(Locale.ROOT, "kube-proxy userspace relay benchmark: %d cores, %d relay loops (%d KiB buffers), %d streams x %d s of %d KiB messages, "
                    + "%d held connections, %d pings, best of %d rounds%n", Runtime.getRuntime().availableProcessors(), loops, bufferKib, streams, seconds,
                    MESSAGE / 1024, held, pings, rounds);
            // warm both paths up (JIT), then measure
            throughput(sink, sink.address(), streams, 1);
            throughput(sink, sinkVip, streams, 1);
            pingPong(echo.address(), pings / 4);
            pingPong(echoVip, pings / 4);

            // the machine is shared: alternate direct and proxied rounds and keep each side's best
            double directMbs = 0;
            double proxiedMbs = 0;
            double[] directLatency = {Double.MAX_VALUE, Double.MAX_VALUE};
            double[] proxiedLatency = {Double.MAX_VALUE, Double.MAX_VALUE};
            try (Held direct = Held.open(echo.address(), held); Held proxied = Held.open(echoVip, held)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (proxy.openConnections() < held && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                System.out.printf(Locale.ROOT, "connections held: %d direct, %d through the proxy%n",
                        direct.sockets.size(), proxy.openConnections());
                for (int round = 0; round < rounds; round++) {
                    directMbs = Math.max(directMbs, throughput(sink, sink.address(), streams, seconds));
                    proxiedMbs = Math.max(proxiedMbs, throughput(sink, sinkVip, streams, seconds));
                    directLatency = best(directLatency, pingPong(echo.address(), pings));
                    proxiedLatency = best(proxiedLatency, pingPong(echoVip, pings));
                }
            }
            System.out.printf(Locale.ROOT, "throughput  direct %8.1f MiB/s   proxied %8.1f MiB/s   ratio %5.1f%% (target >= 70%%)%n",
                    directMbs, proxiedMbs, 100 * proxiedMbs / directMbs);
            System.out.printf(Locale.ROOT, "ping-pong   direct p50 %6.1f us p99 %6.1f us   proxied p50 %6.1f us p99 %6.1f us   added p50 %6.1f us%n",
                    directLatency[0], directLatency[1], proxiedLatency[0], proxiedLatency[1], proxiedLatency[0] - directLatency[0]);
            System.out.printf(Locale.ROOT, "throughput target %s%n", proxiedMbs >= 0.7 * directMbs ? "PASS" : "MISS");
        }
    }

    private static void add(TreeMap<ServicePortName, ProxyState.Entry> services, String name, InetSocketAddress vip,
                            InetSocketAddress backend) {
        ServicePortName key = new ServicePortName("bench", name, "");
        services.put(key, new ProxyState.Entry(new ServicePort(key, vip.getAddress().getHostAddress(), vip.getPort(), "TCP", 0,
                Duration.ZERO), List.of(new Endpoint(backend.getAddress().getHostAddress(), backend.getPort(), 1))));
    }

    private static double[] best(double[] a, double[] b) {
        return a[0] <= b[0] ? a : b;
    }

    /** MiB/s the sink received from {@code streams} writers of 64 KiB messages over {@code seconds}. */
    static double throughput(BenchServer sink, InetSocketAddress target, int streams, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(streams);
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            Socket s = new Socket();
            s.connect(target, 5_000);
            sockets.add(s);
        }
        long before = sink.received.sum();
        long t0 = System.nanoTime();
        for (Socket s : sockets) {
            Thread t = new Thread(() -> {
                byte[] message = new byte[MESSAGE];
                try (s; OutputStream out = s.getOutputStream()) {
                    while (!stop.get()) {
                        out.write(message);
                    }
                } catch (IOException e) {
                    // stopped
                } finally {
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(seconds * 1000L); // the measured interval itself, not synchronisation
        long bytes = sink.received.sum() - before;
        long nanos = System.nanoTime() - t0;
        stop.set(true);
        done.await(10, TimeUnit.SECONDS);
        return bytes / (1024.0 * 1024.0) / (nanos / 1e9);
    }

    /** p50 and p99 round-trip microseconds of 1-byte ping-pong. */
    static double[] pingPong(InetSocketAddress target, int count) throws IOException {
        long[] rtt = new long[count];
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(target, 5_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < count; i++) {
                long t = System.nanoTime();
                out.write(1);
                if (in.read() < 0) {
                    throw new IOException("closed");
                }
                rtt[i] = System.nanoTime() - t;
            }
        }
        Arrays.sort(rtt);
        return new double[] {rtt[count / 2] / 1e3, rtt[(int) (count * 0.99)] / 1e3};
    }

    /** Idle connections kept open for the duration of a run. */
    static final class Held implements AutoCloseable {
        final List<Socket> sockets = new ArrayList<>();

        static Held open(InetSocketAddress target, int count) throws IOException {
            Held h = new Held();
            for (int i = 0; i < count; i++) {
                Socket s = new Socket();
                s.connect(target, 5_000);
                h.sockets.add(s);
            }
            return h;
        }

        @Override
        public void close() {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private ProxyBench() {
    }

    static {
        InetAddress.getLoopbackAddress();
    }
}
