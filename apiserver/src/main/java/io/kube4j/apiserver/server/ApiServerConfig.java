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
                              long maxRequestBodyBytes) {

    public static final long DEFAULT_MAX_BODY = 3L * 1024 * 1024;

    public ApiServerConfig {
        etcdServers = List.copyOf(etcdServers);
    }

    /** A config with the defaults for everything optional. */
    public static ApiServerConfig of(String bindAddress, int port, List<String> etcdServers, String etcdPrefix,
                                     Path tlsCert, Path tlsKey, Path clientCa, Path tokenFile) {
        return new ApiServerConfig(bindAddress, port, etcdServers, null, null, null, etcdPrefix, tlsCert, tlsKey,
                clientCa, tokenFile, false, Duration.ofMinutes(5), 10_000, Duration.ofSeconds(10), DEFAULT_MAX_BODY);
    }

    public ApiServerConfig withCompactionInterval(Duration interval) {
        return new ApiServerConfig(bindAddress, securePort, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, interval, watchCacheSize,
                etcdTimeout, maxRequestBodyBytes);
    }

    public ApiServerConfig withSecurePort(int port) {
        return new ApiServerConfig(bindAddress, port, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, compactionInterval, watchCacheSize,
                etcdTimeout, maxRequestBodyBytes);
    }

    public ApiServerConfig withWatchCacheSize(int size) {
        return new ApiServerConfig(bindAddress, securePort, etcdServers, etcdCaFile, etcdCertFile, etcdKeyFile, etcdPrefix,
                tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth, compactionInterval, size,
                etcdTimeout, maxRequestBodyBytes);
    }
}
