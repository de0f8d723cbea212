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
import io.kube4j.apiserver.rest.ResourceHandler;
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
    /** What the authorizers, the RBAC escalation check and the reviews share; set once the caches exist. */
    private io.kube4j.apiserver.auth.Authorizers.Dependencies authorization;
    private io.kube4j.apiserver.audit.AuditLog audit;
    private ReadHeaderTimeout readHeaderTimeout;

    public ApiServer(ApiServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Connects to etcd (failing fast when it is unreachable), fills the caches and starts serving. */
    public ApiServer start() throws Exception {
        RequestMetrics[] metricsRef = new RequestMetrics[1];
        java.nio.file.Path encryptionFile = config.security().encryptionProviderConfig();
        io.kube4j.apiserver.storage.EncryptionConfig encryption = encryptionFile == null ? null
                : io.kube4j.apiserver.storage.EncryptionConfig.load(encryptionFile);
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
        if (encryption != null) {
            storage = encryption.wrap(storage, config.etcdPrefix());
        }
        RequestMetrics metrics = new RequestMetrics(this::watcherCounts);
        metricsRef[0] = metrics;
        String root = config.etcdPrefix();
        for (ResourceType type : types.all()) {
            if (type.verbs().contains("watch")) { // create-only reviews are never stored
                caches.put(type, new WatchCache(type, storage, root, config.watchCacheSize(), timers));
            }
        }
        // authorizers only keep references to the caches: a bad ABAC policy file fails here, before the caches start
        authorization = io.kube4j.apiserver.auth.Authorizers.Dependencies.of(types, caches, root, config.security());
        io.kube4j.apiserver.auth.Authorizer authorizer = authorizer();
        caches.values().forEach(WatchCache::start);
        GenericStore store = new GenericStore(storage, root, caches, types, clock, withAuthorizationPlugins(admission()),
                new io.kube4j.apiserver.registry.ServiceAllocator(storage, root, config.serviceRanges(), clock));
        storeRef.set(store);
        bootstrapNamespaces(store);
        if (io.kube4j.apiserver.auth.Authorizers.rbacEnabled(config.security().authorizationModes())) {
            io.kube4j.apiserver.auth.BootstrapPolicy.ensure(store, types);
        }

        server = new Server(new QueuedThreadPool(200, 8, 60_000));
        server.setErrorHandler(new JsonErrorHandler());
        ServerConnector connector = tlsConnector(server);
        server.addConnector(connector);
        if (config.serving().maxConnections() > 0) {
            // at the limit Jetty stops accepting and gives open connections a shorter idle timeout, shedding idle
            // floods; 15 s is still longer than a watch's 10 s heartbeat, so quiet watches survive it
            org.eclipse.jetty.server.NetworkConnectionLimit limit =
                    new org.eclipse.jetty.server.NetworkConnectionLimit(config.serving().maxConnections(), connector);
            limit.setEndPointIdleTimeout(15_000);
            server.addBean(limit);
        }

        TableRenderers tables = new TableRenderers(clock);
        String address = (config.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.bindAddress()) + ":" + config.securePort();
        ApiResource api = new ApiResource(new Discovery(types, address), new OpenApi(types), metrics, () -> etcdHealthy);
        ResourceEndpoint endpoint = new ResourceEndpoint(types, store, tables, clock, tokenIssuer(),
                io.kube4j.apiserver.reviews.Reviews.resources(authorizer, authorization.rbac(),
                        config.security().authorizationModes()));
        ResourceConfig jersey = new ResourceConfig()
                .register(api)
                .register(StatusExceptionMapper.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        JettyHttpContainer container = ContainerFactory.createContainer(JettyHttpContainer.class, jersey);
        ResourceHandler resources = new ResourceHandler(endpoint, types, store, config.kubelet(), config.maxRequestBodyBytes(),
                config.security().requestTimeout(), container);
        watchHandler = new WatchHandler(types, store, timers, writers, tables, config.serving().watchQueueLength(), resources);
        watchHandler.enableWebSockets(org.eclipse.jetty.websocket.server.ServerWebSocketContainer.ensure(server));
        ApiServerConfig.Security security = config.security();
        if (security.auditLogPath() != null) {
            audit = new io.kube4j.apiserver.audit.AuditLog(security.auditLogPath(), config.audit().maxSizeMb(),
                    config.audit().maxBackups(), config.audit().maxAgeDays(), clock);
        }
        server.setHandler(new io.kube4j.apiserver.dashboard.DashboardHandler(new FrontHandler(authentication(), authorizer,
                new FrontHandler.Limits(config.maxRequestBodyBytes(), security.maxRequestsInflight(),
                        security.maxMutatingRequestsInflight()), metrics, audit, clock, watchHandler)));
        server.setStopTimeout(5_000);
        server.start();
        if (!config.serving().readHeaderTimeout().isZero()) {
            readHeaderTimeout = new ReadHeaderTimeout(connector, config.serving().readHeaderTimeout(), timers);
        }

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
                // lists of many objects exceed gRPC's 4 MiB default; Kubernetes allows up to 2 GiB
                .maxInboundMessageSize(Integer.MAX_VALUE)
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

    private io.kube4j.apiserver.auth.Authorizer authorizer() throws IOException {
        return io.kube4j.apiserver.auth.Authorizers.build(config.security().authorizationModes(), authorization);
    }

    /** {@code chain} plus the admission checks that come with the authorization modes (RBAC escalation). */
    private io.kube4j.apiserver.admission.AdmissionChain withAuthorizationPlugins(io.kube4j.apiserver.admission.AdmissionChain chain) {
        List<io.kube4j.apiserver.admission.AdmissionPlugin> plugins = new ArrayList<>(chain.plugins());
        plugins.addAll(io.kube4j.apiserver.auth.Authorizers.admissionPlugins(config.security().authorizationModes(), authorization));
        return new io.kube4j.apiserver.admission.AdmissionChain(plugins);
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
            authenticators.add(new ClientCertificateAuthenticator(Pem.certificates(config.clientCaFile()), clock));
        }
        if (config.tokenAuthFile() != null) {
            authenticators.add(TokenFileAuthenticator.load(config.tokenAuthFile()));
        }
        if (!config.security().serviceAccountKeyFiles().isEmpty()) {
            java.util.List<java.security.PublicKey> keys = new java.util.ArrayList<>();
            for (java.nio.file.Path file : config.security().serviceAccountKeyFiles()) {
                keys.add(Pem.publicKey(file));
            }
            String issuer = io.kube4j.apiserver.auth.ServiceAccountTokens.DEFAULT_ISSUER;
            authenticators.add(new io.kube4j.apiserver.auth.ServiceAccountTokenAuthenticator(keys,
                    java.util.List.of(issuer, "kubernetes/serviceaccount"), java.util.List.of(issuer),
                    config.security().serviceAccountLookup() ? this::serviceAccountUid : null, clock));
        }
        return new AuthenticationChain(authenticators, config.anonymousAuth());
    }

    private io.kube4j.apiserver.auth.ServiceAccountTokens tokenIssuer() throws IOException {
        java.nio.file.Path key = config.security().serviceAccountSigningKeyFile();
        if (key == null) {
            return null;
        }
        return new io.kube4j.apiserver.auth.ServiceAccountTokens(Pem.privateKey(key), Pem.publicKey(key),
                io.kube4j.apiserver.auth.ServiceAccountTokens.DEFAULT_ISSUER, clock);
    }

    /** The uid of a ServiceAccount, Pod or Secret from its watch cache (the token check runs on every request). */
    private java.util.Optional<String> serviceAccountUid(String kind, String namespace, String name) {
        String plural = switch (kind) {
            case "Pod" -> "pods";
            case "Secret" -> "secrets";
            default -> "serviceaccounts";
        };
        ResourceType accounts = types.find("", "v1", plural).orElseThrow();
        WatchCache cache = caches.get(accounts);
        String key = accounts.key(config.etcdPrefix(), namespace, name);
        for (io.kube4j.apiserver.cache.CachedObject o : cache.list(key, o -> o.key().equals(key)).items()) {
            return java.util.Optional.of(io.kube4j.apiserver.cache.ObjectCodec.decode(o.json(), o.revision())
                    .path("metadata").path("uid").asText(""));
        }
        return java.util.Optional.empty();
    }

    private ServerConnector tlsConnector(Server server) throws IOException {
        java.util.List<java.security.cert.X509Certificate> clientAuthorities = config.clientCaFile() == null
                ? java.util.List.of() : Pem.certificates(config.clientCaFile());
        SslContextFactory.Server ssl = new SslContextFactory.Server() {
            @Override
            protected javax.net.ssl.TrustManager[] getTrustManagers(java.security.KeyStore trustStore,
                                                                   java.util.Collection<? extends java.security.cert.CRL> crls) {
                return new javax.net.ssl.TrustManager[] {new ClientCertificateTrust(clientAuthorities)};
            }
        };
        ssl.setKeyStore(KeyStores.keyStore(Pem.certificates(config.tlsCertFile()), Pem.privateKey(config.tlsPrivateKeyFile())));
        ssl.setKeyStorePassword(new String(KeyStores.PASSWORD));
        ssl.setKeyManagerPassword(new String(KeyStores.PASSWORD));
        if (config.clientCaFile() != null) {
            ssl.setTrustStore(KeyStores.trustStore(Pem.certificates(config.clientCaFile())));
            ssl.setTrustStorePassword(new String(KeyStores.PASSWORD));
            ssl.setWantClientAuth(true);
        }
        ssl.setIncludeProtocols(config.tls().minVersion().equals("VersionTLS13")
                ? new String[] {"TLSv1.3"} : new String[] {"TLSv1.3", "TLSv1.2"});
        java.util.List<String> suites = new java.util.ArrayList<>(config.tls().cipherSuites());
        // TLS 1.3 suites are all AEAD with ephemeral keys; they are always allowed
        suites.addAll(java.util.List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"));
        ssl.setIncludeCipherSuites(suites.toArray(String[]::new));
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
        connector.setIdleTimeout(config.serving().idleTimeout().toMillis());
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
        if (readHeaderTimeout != null) {
            readHeaderTimeout.close();
        }
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
        if (audit != null) {
            audit.close();
        }
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
