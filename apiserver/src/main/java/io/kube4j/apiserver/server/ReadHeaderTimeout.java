package io.kube4j.apiserver.server;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that take longer than {@code timeout} to finish their TLS handshake or the head of
 * an HTTP/1.1 request (Go's {@code ReadHeaderTimeout}). The idle timeout alone does not stop slowloris: a
 * client sending one header byte every few seconds is never idle. Connections between requests (a
 * kept-alive connection waiting for the next one) are left to the idle timeout; HTTP/2 is not checked.
 * A sweep once a second, on {@code timers}, looks at every open connection.
 */
final class ReadHeaderTimeout implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadHeaderTimeout.class);

    private final ServerConnector connector;
    private final long timeoutNanos;
    /** When each connection was first seen with an incomplete handshake or request head. */
    private final Map<EndPoint, Long> incompleteSince = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> sweeps;

    ReadHeaderTimeout(ServerConnector connector, Duration timeout, ScheduledExecutorService timers) {
        this.connector = connector;
        this.timeoutNanos = timeout.toNanos();
        this.sweeps = timers.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    void sweep() {
        try {
            long now = System.nanoTime();
            Set<EndPoint> open = Set.copyOf(connector.getConnectedEndPoints());
            incompleteSince.keySet().retainAll(open);
            int closed = 0;
            for (EndPoint endPoint : open) {
                if (!incomplete(endPoint.getConnection())) {
                    incompleteSince.remove(endPoint);
                    continue;
                }
                long since = incompleteSince.computeIfAbsent(endPoint, e -> now);
                if (now - since > timeoutNanos) {
                    incompleteSince.remove(endPoint);
                    endPoint.close(new java.util.concurrent.TimeoutException("request head not complete in time"));
                    closed++;
                }
            }
            if (closed > 0) {
                LOG.info("closed {} connections that did not complete a TLS handshake or request head within {} ms",
                        closed, timeoutNanos / 1_000_000);
            }
        } catch (RuntimeException e) {
            LOG.warn("read-header timeout sweep failed: {}", e.toString());
        }
    }

    /** Still in the TLS handshake or protocol negotiation, or in the middle of an HTTP/1.1 request head. */
    static boolean incomplete(Connection connection) {
        if (!(connection instanceof SslConnection ssl)) {
            return false;
        }
        if (ssl.getSSLEngine().getSession().getProtocol().equals("NONE")) {
            return true; // no handshake finished yet (or none started: a bare TCP connection)
        }
        Connection inner = ssl.getSslEndPoint().getConnection();
        if (inner instanceof HttpConnection http) {
            HttpParser parser = http.getParser();
            return !parser.isState(HttpParser.State.START) && parser.inHeaderState();
        }
        // ALPN still negotiating; HTTP/2 and WebSocket connections are not request heads
        return inner instanceof org.eclipse.jetty.alpn.server.ALPNServerConnection;
    }

    @Override
    public void close() {
        sweeps.cancel(false);
    }
}
