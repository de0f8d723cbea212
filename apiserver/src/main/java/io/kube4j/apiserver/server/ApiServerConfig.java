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
                              long maxRequestBodyBytes, Security security) {

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

        /** Defaults; authorization AlwaysAllow until RBAC is the default mode. */
        public static final Security DEFAULT = new Security(List.of("AlwaysAllow"), List.of(), List.of(), null, true,
                null, null, null, 400, 200, Duration.ofSeconds(60));

        public Security withAuthorizationModes(List<String> modes) {
            return new Security(modes, admissionPlugins, serviceAccountKeyFiles, serviceAccountSigningKeyFile,
                    serviceAccountLookup, authorizationPolicyFile, auditLogPath, encryptionProviderConfig,
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
                Security.DEFAULT);
    }

    public ApiServerConfig withCompactionInterval(Duration interval) {
        return new ApiServerConfig(bindAddress, securePort, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, interval, watchCacheSize,
                etcdTimeout, maxRequestBodyBytes, security);
    }

    public ApiServerConfig withSecurity(Security value) {
        return new ApiServerConfig(bindAddress, securePort, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, compactionInterval, watchCacheSize,
                etcdTimeout, maxRequestBodyBytes, value);
    }

    public ApiServerConfig withSecurePort(int port) {
        return new ApiServerConfig(bindAddress, port, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, compactionInterval, watchCacheSize,
                etcdTimeout, maxRequestBodyBytes, security);
    }

    public ApiServerConfig withWatchCacheSize(int size) {
        return new ApiServerConfig(bindAddress, securePort, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, compactionInterval, size,
                etcdTimeout, maxRequestBodyBytes, security);
    }
}
