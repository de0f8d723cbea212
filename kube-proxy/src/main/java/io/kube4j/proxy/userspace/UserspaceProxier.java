package io.kube4j.proxy.userspace;

import io.kube4j.proxy.lb.Backend;
import io.kube4j.proxy.lb.BackendSet;
import io.kube4j.proxy.lb.Schedulers;
import io.kube4j.proxy.rules.VirtualServer;
import io.kube4j.proxy.state.Endpoint;
import io.kube4j.proxy.state.ProxyState;
import io.kube4j.proxy.state.ServicePort;
import io.kube4j.proxy.state.ServicePortName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The {@code userspace} mode: kube-proxy itself accepts every Service connection and relays it to a
 * backend over non-blocking sockets, on a few {@link EventLoop} threads however many connections are
 * open. {@link #apply} brings the listeners and backends in line with a {@link ProxyState}; it is
 * called by one sync thread at a time. Closing stops the listeners and every open connection.
 */
public final class UserspaceProxier implements AutoCloseable {

    /** Options of the relay. {@code loops} event-loop threads, each with one {@code bufferSize} read buffer. */
    public record Options(String scheduler, List<InetAddress> nodePortAddresses, int loops, int bufferSize) {
        public Options {
            nodePortAddresses = List.copyOf(nodePortAddresses);
            Schedulers.create(scheduler); // fails on an unknown name
        }
    }

    /** The read buffer of each event loop: 256 KiB moves bulk data in a quarter of the system calls of 64 KiB. */
    public static final int DEFAULT_BUFFER = 256 * 1024;

    private final Options options;
    private final LongSupplier nanoTime;
    private final EventLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<ServicePortName, ServiceProxy> services = new ConcurrentHashMap<>();
    private final Map<Relay, EventLoop> relays = new ConcurrentHashMap<>();

    public UserspaceProxier(Options options, LongSupplier nanoTime) {
        this.options = options;
        this.nanoTime = nanoTime;
        this.loops = new EventLoop[Math.max(1, options.loops())];
        try {
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new EventLoop("kube-proxy-relay-" + i, options.bufferSize());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    private final ServiceProxy.Loops loopPool = new ServiceProxy.Loops() {
        @Override
        public EventLoop acceptor(int index) {
            return loops[Math.floorMod(index, loops.length)];
        }

        @Override
        public EventLoop next() {
            return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        }

        @Override
        public void track(Relay relay, EventLoop loop) {
            relays.put(relay, loop);
        }

        @Override
        public void untrack(Relay relay) {
            relays.remove(relay);
        }
    };

    /** Opens, re-opens or closes listeners and swaps backends so that new connections follow {@code state}. */
    public synchronized void apply(ProxyState state) {
        Set<ServicePortName> wanted = state.services().keySet();
        for (Map.Entry<ServicePortName, ProxyState.Entry> e : state.services().entrySet()) {
            ServicePort port = e.getValue().port();
            if (!port.tcp()) {
                continue; // UDP and SCTP are left to the rule-based modes
            }
            ServiceProxy proxy = services.get(e.getKey());
            if (proxy != null && !proxy.sameListeners(port)) {
                proxy.close();
                services.remove(e.getKey());
                proxy = null;
            }
            if (proxy == null) {
                proxy = new ServiceProxy(port, new BackendSet(Schedulers.create(options.scheduler()), nanoTime), loopPool);
                proxy.open(options.nodePortAddresses());
                services.put(e.getKey(), proxy);
            }
            proxy.backends().affinity(port.affinityTimeout());
            proxy.backends().update(endpoints(e.getValue().endpoints()));
        }
        for (ServicePortName name : List.copyOf(services.keySet())) {
            if (!wanted.contains(name) || !state.services().get(name).port().tcp()) {
                services.remove(name).close();
            }
        }
    }

    private static List<BackendSet.Endpoint> endpoints(List<Endpoint> endpoints) {
        List<BackendSet.Endpoint> out = new ArrayList<>();
        for (Endpoint e : endpoints) {
            try {
                out.add(new BackendSet.Endpoint(new InetSocketAddress(InetAddress.getByName(e.ip()), e.port()), e.weight()));
            } catch (UnknownHostException ex) {
                // an endpoint IP that is not an IP: skipped
            }
        }
        return out;
    }

    /** The live table, as {@code ipvsadm -ln} shows it: one virtual server per listening address. */
    public List<VirtualServer> table() {
        List<VirtualServer> out = new ArrayList<>();
        for (ServiceProxy proxy : new TreeMap<>(services).values()) {
            List<VirtualServer.RealServer> reals = new ArrayList<>();
            for (Backend b : proxy.backends().backends()) {
                reals.add(new VirtualServer.RealServer(b.toString(), b.weight(), b.active(), b.inactive()));
            }
            for (InetSocketAddress address : proxy.listening()) {
                out.add(new VirtualServer("TCP", address.getAddress().getHostAddress() + ":" + address.getPort(),
                        proxy.backends().scheduler().name(), proxy.backends().affinityTimeout().toSeconds(), reals));
            }
        }
        return out;
    }

    /** Per Service port: open connections and bytes relayed, for the metrics. */
    public Map<String, ServiceStats> stats() {
        Map<String, ServiceStats> out = new LinkedHashMap<>();
        services.forEach((name, proxy) -> out.put(name.toString(), proxy.stats()));
        return out;
    }

    /** Where a Service port listens now (tests, logs). */
    public List<InetSocketAddress> listening(ServicePortName name) {
        ServiceProxy proxy = services.get(name);
        return proxy == null ? List.of() : proxy.listening();
    }

    public int openConnections() {
        return relays.size();
    }

    @Override
    public synchronized void close() {
        services.values().forEach(ServiceProxy::close);
        services.clear();
        relays.forEach((relay, loop) -> loop.execute(relay::close));
        for (EventLoop loop : loops) {
            loop.close();
        }
    }
}
