package io.kube4j.proxy.userspace;

import io.kube4j.proxy.lb.Backend;
import io.kube4j.proxy.lb.BackendSet;
import io.kube4j.proxy.state.ServicePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one TCP Service port (its cluster IP and its node ports) and the connections
 * they accept: each accepted client gets a backend from the {@link BackendSet}; a backend that
 * refuses is skipped and the next one tried; with none left the client is closed.
 */
final class ServiceProxy {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);

    private final ServicePort port;
    private final BackendSet backends;
    private final ServiceStats stats = new ServiceStats();
    private final Loops loops;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();

    /** The event loops a service spreads its connections over. */
    interface Loops {
        EventLoop acceptor(int index);

        EventLoop next();

        void track(Relay relay, EventLoop loop);

        void untrack(Relay relay);
    }

    ServiceProxy(ServicePort port, BackendSet backends, Loops loops) {
        this.port = port;
        this.backends = backends;
        this.loops = loops;
    }

    ServicePort port() {
        return port;
    }

    BackendSet backends() {
        return backends;
    }

    ServiceStats stats() {
        return stats;
    }

    /** Whether this proxy listens where {@code other} should. */
    boolean sameListeners(ServicePort other) {
        return other.clusterIp().equals(port.clusterIp()) && other.port() == port.port()
                && other.nodePort() == port.nodePort();
    }

    /** Binds the cluster IP (when it is an address of this host) and the node port on each of {@code nodeAddresses}. */
    void open(List<InetAddress> nodeAddresses) {
        try {
            listen(new InetSocketAddress(InetAddress.getByName(port.clusterIp()), port.port()), "cluster IP");
        } catch (IOException e) {
            LOG.debug("{}: cluster IP {} is not an address of this host", port.name(), port.clusterIp());
        }
        if (port.nodePort() > 0) {
            for (InetAddress address : nodeAddresses) {
                listen(new InetSocketAddress(address, port.nodePort()), "node port");
            }
        }
    }

    List<InetSocketAddress> listening() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (ServerSocketChannel l : listeners) {
            try {
                out.add((InetSocketAddress) l.getLocalAddress());
            } catch (IOException e) {
                // closed
            }
        }
        return out;
    }

    private void listen(InetSocketAddress address, String what) {
        try {
            ServerSocketChannel channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                // several kube-proxies of one machine (the laptop's nodes) share each service address;
                // the kernel spreads new connections over them
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            channel.bind(address, 1024);
            channel.configureBlocking(false);
            listeners.add(channel);
            EventLoop acceptor = loops.acceptor(listeners.size());
            acceptor.execute(() -> {
                try {
                    channel.register(acceptor.selector(), SelectionKey.OP_ACCEPT, (EventLoop.Handler) key -> accept(channel));
                } catch (IOException e) {
                    LOG.warn("{}: cannot accept on {}: {}", port.name(), address, e.toString());
                }
            });
            LOG.info("{}: listening on {} ({})", port.name(), address, what);
        } catch (IOException e) {
            LOG.warn("{}: cannot listen on {} ({}): {}", port.name(), address, what, e.getMessage());
        }
    }

    /** Closes the listeners; connections already relayed go on until they end. */
    void close() {
        for (ServerSocketChannel l : listeners) {
            try {
                l.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (!listeners.isEmpty()) {
            LOG.info("{}: stopped listening", port.name());
        }
        listeners.clear();
    }

    private void accept(ServerSocketChannel listener) {
        for (int i = 0; i < 64; i++) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (client == null) {
                return;
            }
            EventLoop loop = loops.next();
            loop.execute(() -> connect(loop, client, new HashSet<>()));
        }
    }

    /** Connects {@code client} to a backend not yet {@code tried}, on {@code loop}'s thread. */
    private void connect(EventLoop loop, SocketChannel client, Set<Backend> tried) {
        InetAddress source;
        InetAddress destination;
        try {
            source = ((InetSocketAddress) client.getRemoteAddress()).getAddress();
            destination = ((InetSocketAddress) client.getLocalAddress()).getAddress();
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        Optional<Backend> picked = backends.pick(source, destination, tried);
        if (picked.isEmpty()) {
            if (tried.isEmpty()) {
                LOG.debug("{}: no endpoints, closing the connection from {}", port.name(), source);
            } else {
                LOG.info("{}: every endpoint refused the connection from {}", port.name(), source);
            }
            closeQuietly(client);
            return;
        }
        Backend backend = picked.get();
        tried.add(backend);
        SocketChannel server = null;
        try {
            client.configureBlocking(false);
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            server = SocketChannel.open();
            server.configureBlocking(false);
            server.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (server.connect(backend.address())) {
                relay(loop, client, server, backend);
                return;
            }
            SocketChannel connecting = server;
            server.register(loop.selector(), SelectionKey.OP_CONNECT, (EventLoop.Handler) key -> {
                try {
                    connecting.finishConnect();
                    relay(loop, client, connecting, backend); // takes over this key

                } catch (IOException e) {
                    LOG.debug("{}: endpoint {} refused: {}", port.name(), backend, e.getMessage());
                    closeQuietly(connecting);
                    connect(loop, client, tried);
                }
            });
        } catch (IOException e) {
            closeQuietly(server);
            connect(loop, client, tried);
        }
    }

    private void relay(EventLoop loop, SocketChannel client, SocketChannel server, Backend backend) {
        try {
            Relay[] self = new Relay[1];
            self[0] = new Relay(loop, client, server, backend, stats, () -> loops.untrack(self[0]));
            loops.track(self[0], loop);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // gone
            }
        }
    }
}
