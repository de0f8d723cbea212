package io.kube4j.apiserver.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the apiserver is started with; built from flags by the command, or directly by tests.
 *
 * @param securePort        0 picks a free port (tests)
 * @param etcdCaFile        null for plain-text etcd
 * @param clientCaFile      null to accept no client certificates
 * @param tokenAuthFile     null for no static tokens
 * @param compactionInterval zero disables compaction
 */
public record ApiServerConfig(String bindAddress, int securePort, List<String> etcdServers, Path etcdCaFile,
                              Path etcdCertFile, Path etcdKeyFile, String etcdPrefix, Path tlsCertFile,
                              Path tlsPrivateKeyFile, Path clientCaFile, Path tokenAuthFile, boolean anonymousAuth,
                              Duration compactionInterval, int watchCacheSize, Duration etcdTimeout,
                              long maxRequestBodyBytes, Security security, TlsOptions tls, AuditOptions audit,
                              KubeletClient kubelet, io.kube4j.apiserver.registry.ServiceRanges serviceRanges,
                              Serving serving) {

    /**
     * How much the HTTPS front door holds open for clients ({@code --max-connections},
     * {@code --connection-idle-timeout}, {@code --read-header-timeout}, {@code --watch-queue-length}).
     *
     * @param maxConnections      open connections before Jetty stops accepting (and sheds idle ones); 0 = no limit
     * @param idleTimeout         a connection with nothing to read or write for this long is closed
     * @param readHeaderTimeout   a connection whose TLS handshake or request head is still incomplete after this
     *                            long is closed (slowloris); zero disables
     * @param watchQueueLength    events a watcher may leave unread before its connection is closed
     */
    public record Serving(int maxConnections, Duration idleTimeout, Duration readHeaderTimeout, int watchQueueLength) {
        public static final Serving DEFAULT = new Serving(10_000, Duration.ofSeconds(60), Duration.ofSeconds(30), 10_000);
    }

    /**
     * How the apiserver reaches kubelets (pod logs): its client pair and the CA of the kubelets'
     * serving certificates; all null = logs unavailable.
     */
    /**
     * How the apiserver reaches kubelets (logs): client pair, CA of their serving certificates, and the
     * order in which a node's address types are tried ({@code --kubelet-preferred-address-types}).
     */
    public record KubeletClient(Path certificate, Path key, Path certificateAuthority, List<String> preferredAddressTypes) {
        public static final List<String> DEFAULT_ADDRESS_TYPES = List.of("InternalIP", "Hostname", "ExternalIP");
        public static final KubeletClient NONE = new KubeletClient(null, null, null);

        public KubeletClient {
            preferredAddressTypes = List.copyOf(preferredAddressTypes);
        }

        public KubeletClient(Path certificate, Path key, Path certificateAuthority) {
            this(certificate, key, certificateAuthority, DEFAULT_ADDRESS_TYPES);
        }

        public boolean configured() {
            return certificate != null && key != null;
        }
    }

    /** Rotation of the audit log ({@code --audit-log-maxsize} MB, {@code -maxbackup} files, {@code -maxage} days; 0 = unlimited). */
    public record AuditOptions(int maxSizeMb, int maxBackups, int maxAgeDays) {
        public static final AuditOptions DEFAULT = new AuditOptions(100, 10, 0);
    }

    /**
     * @param minVersion   {@code VersionTLS12} or {@code VersionTLS13}
     * @param cipherSuites IANA names of the TLS 1.2 suites to allow (TLS 1.3 suites are all AEAD)
     */
    public record TlsOptions(String minVersion, List<String> cipherSuites) {

        public TlsOptions {
            cipherSuites = List.copyOf(cipherSuites);
        }

        /** ECDHE with AEAD ciphers only, as Kubernetes recommends. */
        public static final TlsOptions DEFAULT = new TlsOptions("VersionTLS12", List.of(
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));
    }

    /**
     * Authentication, authorization and admission settings (DESIGN.md §4).
     *
     * @param authorizationModes    e.g. Node, RBAC; AlwaysAllow for tests
     * @param admissionPlugins      enabled admission plugins, in order
     * @param serviceAccountKeyFiles public keys (or key pairs) that verify service-account tokens
     * @param serviceAccountSigningKeyFile private key that signs service-account tokens, or null
     * @param authorizationPolicyFile ABAC policy (one JSON object per line), or null
     * @param auditLogPath           JSON-lines audit log, or null
     * @param encryptionProviderConfig encryption-at-rest configuration, or null
     */
    public record Security(List<String> authorizationModes, List<String> admissionPlugins,
                           List<Path> serviceAccountKeyFiles, Path serviceAccountSigningKeyFile,
                           boolean serviceAccountLookup, Path authorizationPolicyFile, Path auditLogPath,
                           Path encryptionProviderConfig, int maxRequestsInflight, int maxMutatingRequestsInflight,
                           Duration requestTimeout) {

        public Security {
            authorizationModes = List.copyOf(authorizationModes);
            admissionPlugins = List.copyOf(admissionPlugins);
            serviceAccountKeyFiles = List.copyOf(serviceAccountKeyFiles);
        }

        /** Defaults: authorization by the Node authorizer, then RBAC. */
        public static final Security DEFAULT = new Security(List.of("Node", "RBAC"),
                io.kube4j.apiserver.admission.AdmissionPlugins.DEFAULT, List.of(), null, true,
                null, null, null, 400, 200, Duration.ofSeconds(60));

        public Security withAuthorizationModes(List<String> modes) {
            return new Security(modes, admissionPlugins, serviceAccountKeyFiles, serviceAccountSigningKeyFile,
                    serviceAccountLookup, authorizationPolicyFile, auditLogPath, encryptionProviderConfig,
                    maxRequestsInflight, maxMutatingRequestsInflight, requestTimeout);
        }

        public Security withAuthorizationPolicyFile(Path file) {
            return new Security(authorizationModes, admissionPlugins, serviceAccountKeyFiles, serviceAccountSigningKeyFile,
                    serviceAccountLookup, file, auditLogPath, encryptionProviderConfig,
                    maxRequestsInflight, maxMutatingRequestsInflight, requestTimeout);
        }

        public Security withServiceAccountKeys(List<Path> verifyKeys, Path signingKey) {
            return new Security(authorizationModes, admissionPlugins, verifyKeys, signingKey,
                    serviceAccountLookup, authorizationPolicyFile, auditLogPath, encryptionProviderConfig,
                    maxRequestsInflight, maxMutatingRequestsInflight, requestTimeout);
        }

        public Security withAuditLogPath(Path path) {
            return new Security(authorizationModes, admissionPlugins, serviceAccountKeyFiles, serviceAccountSigningKeyFile,
                    serviceAccountLookup, authorizationPolicyFile, path, encryptionProviderConfig,
                    maxRequestsInflight, maxMutatingRequestsInflight, requestTimeout);
        }

        public Security withInflightLimits(int readOnly, int mutating) {
            return new Security(authorizationModes, admissionPlugins, serviceAccountKeyFiles, serviceAccountSigningKeyFile,
                    serviceAccountLookup, authorizationPolicyFile, auditLogPath, encryptionProviderConfig,
                    readOnly, mutating, requestTimeout);
        }

        public Security withEncryptionProviderConfig(Path file) {
            return new Security(authorizationModes, admissionPlugins, serviceAccountKeyFiles, serviceAccountSigningKeyFile,
                    serviceAccountLookup, authorizationPolicyFile, auditLogPath, file,
                    maxRequestsInflight, maxMutatingRequestsInflight, requestTimeout);
        }

        public Security withAdmissionPlugins(List<String> plugins) {
            return new Security(authorizationModes, plugins, serviceAccountKeyFiles, serviceAccountSigningKeyFile,
                    serviceAccountLookup, authorizationPolicyFile, auditLogPath, encryptionProviderConfig,
                    maxRequestsInflight, maxMutatingRequestsInflight, requestTimeout);
        }
    }

    public static final long DEFAULT_MAX_BODY = 3L * 1024 * 1024;

    public ApiServerConfig {
        etcdServers = List.copyOf(etcdServers);
    }

    /** A config with the defaults for everything optional. */
    public static ApiServerConfig of(String bindAddress, int port, List<String> etcdServers, String etcdPrefix,
                                     Path tlsCert, Path tlsKey, Path clientCa, Path tokenFile) {
        return new ApiServerConfig(bindAddress, port, etcdServers, null, null, null, etcdPrefix, tlsCert, tlsKey,
                clientCa, tokenFile, false, Duration.ofMinutes(5), 10_000, Duration.ofSeconds(10), DEFAULT_MAX_BODY,
                Security.DEFAULT, TlsOptions.DEFAULT, AuditOptions.DEFAULT, KubeletClient.NONE,
                io.kube4j.apiserver.registry.ServiceRanges.DEFAULT, Serving.DEFAULT);
    }

    public ApiServerConfig withCompactionInterval(Duration interval) {
        return new ApiServerConfig(bindAddress, securePort, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, interval, watchCacheSize,
                etcdTimeout, maxRequestBodyBytes, security, tls, audit, kubelet, serviceRanges, serving);
    }

    public ApiServerConfig withSecurity(Security value) {
        return new ApiServerConfig(bindAddress, securePort, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, compactionInterval, watchCacheSize,
                etcdTimeout, maxRequestBodyBytes, value, tls, audit, kubelet, serviceRanges, serving);
    }

    public ApiServerConfig withTls(TlsOptions value) {
        return new ApiServerConfig(bindAddress, securePort, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, compactionInterval, watchCacheSize,
                etcdTimeout, maxRequestBodyBytes, security, value, audit, kubelet, serviceRanges, serving);
    }

    public ApiServerConfig withKubeletClient(KubeletClient value) {
        return new ApiServerConfig(bindAddress, securePort, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, compactionInterval, watchCacheSize,
                etcdTimeout, maxRequestBodyBytes, security, tls, audit, value, serviceRanges, serving);
    }

    public ApiServerConfig withSecurePort(int port) {
        return new ApiServerConfig(bindAddress, port, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, compactionInterval, watchCacheSize,
                etcdTimeout, maxRequestBodyBytes, security, tls, audit, kubelet, serviceRanges, serving);
    }

    public ApiServerConfig withWatchCacheSize(int size) {
        return new ApiServerConfig(bindAddress, securePort, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, compactionInterval, size,
                etcdTimeout, maxRequestBodyBytes, security, tls, audit, kubelet, serviceRanges, serving);
    }

    public ApiServerConfig withServing(Serving value) {
        return new ApiServerConfig(bindAddress, securePort, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, compactionInterval, watchCacheSize,
                etcdTimeout, maxRequestBodyBytes, security, tls, audit, kubelet, serviceRanges, value);
    }

    /** Where cluster IPs and node ports come from ({@code 127.96.0.0/16} lets kube-proxy bind them without root). */
    public ApiServerConfig withServiceRanges(io.kube4j.apiserver.registry.ServiceRanges value) {
        return new ApiServerConfig(bindAddress, securePort, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, compactionInterval, watchCacheSize,
                etcdTimeout, maxRequestBodyBytes, security, tls, audit, kubelet, value, serving);
    }
}
