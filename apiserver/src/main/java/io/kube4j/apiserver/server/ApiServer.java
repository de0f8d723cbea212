package io.kube4j.apiserver.server;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.kube4j.apiserver.auth.AuthenticationChain;
import io.kube4j.apiserver.auth.Authenticator;
import io.kube4j.apiserver.auth.ClientCertificateAuthenticator;
import io.kube4j.apiserver.auth.TokenFileAuthenticator;
import io.kube4j.apiserver.cache.WatchCache;
import io.kube4j.apiserver.discovery.Discovery;
import io.kube4j.apiserver.discovery.OpenApi;
import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.apiserver.rest.ApiResource;
import io.kube4j.apiserver.rest.ResourceEndpoint;
import io.kube4j.apiserver.rest.StatusExceptionMapper;
import io.kube4j.apiserver.rest.TableRenderers;
import io.kube4j.apiserver.rest.WatchHandler;
import io.kube4j.apiserver.storage.EtcdStorage;
import io.kube4j.apiserver.storage.Storage;
import io.kube4j.apiserver.storage.StorageException;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusException;
import io.kube4j.common.tls.KeyStores;
import io.kube4j.common.tls.Pem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.jetty.JettyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kube-apiserver process in one object: etcd client, watch caches, the generic store and the
 * HTTPS server. Request path: TLS → {@link FrontHandler} (authenticate, size limit, log) →
 * {@link WatchHandler} (streams) → Jersey ({@link ApiResource}: decode, validate, store, encode).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** Jersey logs a client that went away mid-reply as SEVERE; it is routine (watch clients leave). Kept strongly referenced. */
    private static final java.util.logging.Logger JERSEY_RESPONDER =
            java.util.logging.Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder");

    static {
        JERSEY_RESPONDER.setLevel(java.util.logging.Level.OFF);
    }

    private static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final ApiServerConfig config;
    private final Clock clock;
    private final ResourceTypes types = ResourceTypes.standard();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, daemon("apiserver-timer"));
    private final ExecutorService writers = Executors.newFixedThreadPool(4, daemon("watch-writer"));
    private final Map<ResourceType, WatchCache> caches = new LinkedHashMap<>();
    private Storage storage;
    private Server server;
    private WatchHandler watchHandler;
    private volatile boolean etcdHealthy;

    public ApiServer(ApiServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Connects to etcd (failing fast when it is unreachable), fills the caches and starts serving. */
    public ApiServer start() throws Exception {
        RequestMetrics[] metricsRef = new RequestMetrics[1];
        storage = new EtcdStorage(etcdClient(), config.etcdTimeout(),
                (op, nanos) -> {
                    if (metricsRef[0] != null) {
                        metricsRef[0].observeEtcd(op, nanos);
                    }
                });
        try {
            storage.currentRevision();
        } catch (StorageException e) {
            storage.close();
            throw new IOException("etcd at " + String.join(",", config.etcdServers()) + " is unreachable: " + e.getMessage(), e);
        }
        etcdHealthy = true;
        RequestMetrics metrics = new RequestMetrics(this::watcherCounts);
        metricsRef[0] = metrics;
        String root = config.etcdPrefix();
        for (ResourceType type : types.all()) {
            caches.put(type, new WatchCache(type, storage, root, config.watchCacheSize(), timers));
        }
        caches.values().forEach(WatchCache::start);
        GenericStore store = new GenericStore(storage, root, caches, types, clock, admission());
        storeRef.set(store);
        bootstrapNamespaces(store);

        server = new Server(new QueuedThreadPool(200, 8, 60_000));
        server.setErrorHandler(new JsonErrorHandler());
        ServerConnector connector = tlsConnector(server);
        server.addConnector(connector);

        TableRenderers tables = new TableRenderers(clock);
        String address = (config.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.bindAddress()) + ":" + config.securePort();
        ApiResource api = new ApiResource(new Discovery(types, address), new OpenApi(types),
                new ResourceEndpoint(types, store, tables, clock), metrics, () -> etcdHealthy);
        ResourceConfig jersey = new ResourceConfig()
                .register(api)
                .register(StatusExceptionMapper.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        JettyHttpContainer container = ContainerFactory.createContainer(JettyHttpContainer.class, jersey);
        watchHandler = new WatchHandler(types, store, timers, writers, tables, container);
        server.setHandler(new FrontHandler(authentication(), authorizer(store), config.maxRequestBodyBytes(), metrics,
                watchHandler));
        server.setStopTimeout(5_000);
        server.start();

        timers.scheduleWithFixedDelay(() -> etcdHealthy = storage.healthy(), 1, 1, TimeUnit.SECONDS);
        scheduleCompaction();
        LOG.info("kube-apiserver serving on https://{}:{} (etcd {}, prefix {})", config.bindAddress(), port(),
                String.join(",", config.etcdServers()), root);
        return this;
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public URI url() {
        String host = config.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.bindAddress();
        return URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    private Map<String, Integer> watcherCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        caches.forEach((type, cache) -> counts.put(type.groupResource(), cache.watcherCount()));
        return counts;
    }

    private Client etcdClient() throws IOException {
        ClientBuilder builder = Client.builder().endpoints(config.etcdServers().toArray(String[]::new))
                .connectTimeout(java.time.Duration.ofSeconds(5))
                .retryMaxDuration(config.etcdTimeout());
        if (config.etcdCaFile() != null) {
            builder.sslContext(ssl -> {
                ssl.trustManager(config.etcdCaFile().toFile());
                if (config.etcdCertFile() != null && config.etcdKeyFile() != null) {
                    ssl.keyManager(config.etcdCertFile().toFile(), config.etcdKeyFile().toFile());
                }
            });
        }
        return builder.build();
    }

    private io.kube4j.apiserver.auth.Authorizer authorizer(GenericStore store) throws IOException {
        return io.kube4j.apiserver.auth.Authorizers.build(config.security().authorizationModes(),
                new io.kube4j.apiserver.auth.Authorizers.Dependencies(types, store, caches, config.security()));
    }

    private io.kube4j.apiserver.admission.AdmissionChain admission() {
        return io.kube4j.apiserver.admission.AdmissionPlugins.build(config.security().admissionPlugins(),
                new io.kube4j.apiserver.admission.AdmissionPlugins.Dependencies(types, storeRef::get, caches, clock));
    }

    /** The store, for admission plugins that read or write other objects (quota usage); set once built. */
    private final java.util.concurrent.atomic.AtomicReference<GenericStore> storeRef = new java.util.concurrent.atomic.AtomicReference<>();

    private AuthenticationChain authentication() throws IOException {
        List<Authenticator> authenticators = new ArrayList<>();
        if (config.clientCaFile() != null) {
            authenticators.add(new ClientCertificateAuthenticator(clock));
        }
        if (config.tokenAuthFile() != null) {
            authenticators.add(TokenFileAuthenticator.load(config.tokenAuthFile()));
        }
        return new AuthenticationChain(authenticators, config.anonymousAuth());
    }

    private ServerConnector tlsConnector(Server server) throws IOException {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(KeyStores.keyStore(Pem.certificates(config.tlsCertFile()), Pem.privateKey(config.tlsPrivateKeyFile())));
        ssl.setKeyStorePassword(new String(KeyStores.PASSWORD));
        ssl.setKeyManagerPassword(new String(KeyStores.PASSWORD));
        if (config.clientCaFile() != null) {
            ssl.setTrustStore(KeyStores.trustStore(Pem.certificates(config.clientCaFile())));
            ssl.setTrustStorePassword(new String(KeyStores.PASSWORD));
            ssl.setWantClientAuth(true);
        }
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
        ssl.setSniRequired(false);
        ssl.setEndpointIdentificationAlgorithm(null);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(http);
        http2.setMaxConcurrentStreams(1000);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http1.getProtocol());
        SslConnectionFactory tls = new SslConnectionFactory(ssl, alpn.getProtocol());
        ServerConnector connector = new ServerConnector(server, tls, alpn, http2, http1);
        connector.setHost(config.bindAddress());
        connector.setPort(config.securePort());
        connector.setIdleTimeout(60_000);
        return connector;
    }

    private void bootstrapNamespaces(GenericStore store) {
        ResourceType namespaces = types.find("", "v1", "namespaces").orElseThrow();
        for (String name : SYSTEM_NAMESPACES) {
            try {
                com.fasterxml.jackson.databind.node.ObjectNode namespace = Json.object();
                namespace.putObject("metadata").put("name", name);
                store.create(namespaces, "", namespace, io.kube4j.apiserver.registry.WriteContext.SYSTEM);
                LOG.info("created namespace {}", name);
            } catch (StatusException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
    }

    private void scheduleCompaction() {
        long seconds = config.compactionInterval().toSeconds();
        if (seconds <= 0) {
            return;
        }
        AtomicLong previous = new AtomicLong();
        timers.scheduleWithFixedDelay(() -> {
            try {
                long before = previous.getAndSet(storage.currentRevision());
                if (before > 0) {
                    storage.compact(before);
                    LOG.info("compacted etcd to revision {}", before);
                }
            } catch (StorageException e) {
                LOG.warn("etcd compaction failed: {}", e.getMessage());
            }
        }, seconds, seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (watchHandler != null) {
            watchHandler.closeAll();
        }
        caches.values().forEach(WatchCache::close);
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("stopping the HTTPS server: {}", e.getMessage());
            }
        }
        timers.shutdownNow();
        writers.shutdownNow();
        if (storage != null) {
            storage.close();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
