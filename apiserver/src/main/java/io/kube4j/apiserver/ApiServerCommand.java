package io.kube4j.apiserver;

import io.kube4j.apiserver.server.ApiServer;
import io.kube4j.apiserver.server.ApiServerConfig;
import io.kube4j.common.daemon.Daemons;
import io.kube4j.common.daemon.Logging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kube-apiserver}: flags as Kubernetes names them, each also {@code KUBE4J_<FLAG>} in the environment. */
@Command(name = "kube-apiserver", mixinStandardHelpOptions = true, version = "kube4j v1.32.0",
        description = "Serves the Kubernetes API over HTTPS, persisting to etcd.")
public final class ApiServerCommand implements Callable<Integer> {

    @Option(names = "--secure-port", defaultValue = "6443", description = "HTTPS port (0 = pick a free one).")
    int securePort;

    @Option(names = "--bind-address", defaultValue = "0.0.0.0", description = "Address to listen on.")
    String bindAddress;

    @Option(names = "--etcd-servers", required = true, split = ",", description = "etcd client URLs, comma separated.")
    List<String> etcdServers;

    @Option(names = "--etcd-cafile", description = "CA bundle to verify etcd's certificate.")
    Path etcdCaFile;

    @Option(names = "--etcd-certfile", description = "Client certificate for etcd.")
    Path etcdCertFile;

    @Option(names = "--etcd-keyfile", description = "Client key for etcd.")
    Path etcdKeyFile;

    @Option(names = "--etcd-prefix", defaultValue = "/registry", description = "Key prefix of every object in etcd.")
    String etcdPrefix;

    @Option(names = "--etcd-compaction-interval", defaultValue = "5m", description = "How often to compact etcd (0 = never).")
    String compactionInterval;

    @Option(names = "--watch-cache-size", defaultValue = "10000", description = "Events kept per resource type for watch resumption.")
    int watchCacheSize;

    @Option(names = "--tls-cert-file", required = true, description = "Serving certificate (PEM).")
    Path tlsCertFile;

    @Option(names = "--tls-private-key-file", required = true, description = "Serving private key (PEM).")
    Path tlsPrivateKeyFile;

    @Option(names = "--client-ca-file", description = "CA that signs client certificates.")
    Path clientCaFile;

    @Option(names = "--token-auth-file", description = "Static bearer tokens: token,user,uid,\"group1,group2\".")
    Path tokenAuthFile;

    @Option(names = "--anonymous-auth", defaultValue = "false", arity = "0..1", description = "Serve requests without credentials as system:anonymous.")
    boolean anonymousAuth;

    @Option(names = "--authorization-mode", defaultValue = "Node,RBAC", split = ",",
            description = "Ordered authorizers: Node, RBAC, ABAC, AlwaysAllow (tests only), AlwaysDeny.")
    List<String> authorizationModes;

    @Option(names = "--authorization-policy-file", description = "ABAC policy: one JSON policy object per line.")
    Path authorizationPolicyFile;

    @Option(names = "--enable-admission-plugins", defaultValue = io.kube4j.apiserver.admission.AdmissionPlugins.DEFAULT_FLAG,
            split = ",", description = "Admission plugins, in the order they run.")
    List<String> admissionPlugins;

    @Option(names = "--service-account-key-file", split = ",", description = "Keys that verify service-account tokens (PEM).")
    List<Path> serviceAccountKeyFiles;

    @Option(names = "--service-account-signing-key-file", description = "Private key that signs service-account tokens (PEM).")
    Path serviceAccountSigningKeyFile;

    @Option(names = "--service-account-lookup", defaultValue = "true", arity = "0..1",
            description = "Reject tokens whose ServiceAccount no longer exists.")
    boolean serviceAccountLookup;

    @Option(names = "--audit-log-path", description = "Write one JSON line per request to this file.")
    Path auditLogPath;

    @Option(names = "--audit-log-maxsize", defaultValue = "100", description = "Rotate the audit log at this many MB (0 = never).")
    int auditLogMaxSize;

    @Option(names = "--audit-log-maxbackup", defaultValue = "10", description = "Rotated audit logs to keep (0 = all).")
    int auditLogMaxBackup;

    @Option(names = "--audit-log-maxage", defaultValue = "0", description = "Days to keep rotated audit logs (0 = forever).")
    int auditLogMaxAge;

    @Option(names = "--encryption-provider-config", description = "Encrypt secrets at rest as this file configures.")
    Path encryptionProviderConfig;

    @Option(names = "--max-requests-inflight", defaultValue = "400", description = "Concurrent non-mutating requests before 429.")
    int maxRequestsInflight;

    @Option(names = "--max-mutating-requests-inflight", defaultValue = "200", description = "Concurrent mutating requests before 429.")
    int maxMutatingRequestsInflight;

    @Option(names = "--request-timeout", defaultValue = "60s", description = "Timeout of non-watch requests.")
    String requestTimeout;

    @Option(names = "--max-connections", defaultValue = "10000",
            description = "Open client connections before new ones wait and idle ones are shed (0 = no limit).")
    int maxConnections;

    @Option(names = "--connection-idle-timeout", defaultValue = "60s",
            description = "Close a client connection with nothing to read or write for this long.")
    String connectionIdleTimeout;

    @Option(names = "--read-header-timeout", defaultValue = "30s",
            description = "Close a connection whose TLS handshake or request head is not complete within this (0 = never).")
    String readHeaderTimeout;

    @Option(names = "--watch-queue-length", defaultValue = "10000",
            description = "Events a watcher may leave unread before its connection is closed as too slow.")
    int watchQueueLength;

    @Option(names = "--tls-min-version", defaultValue = "VersionTLS12", description = "VersionTLS12 or VersionTLS13.")
    String tlsMinVersion;

    @Option(names = "--tls-cipher-suites", split = ",", description = "Allowed TLS 1.2 cipher suites (IANA names); default ECDHE AEAD suites.")
    List<String> tlsCipherSuites;

    @Option(names = "--kubelet-client-certificate", description = "Client certificate for talking to kubelets (logs).")
    Path kubeletClientCertificate;

    @Option(names = "--kubelet-client-key", description = "Client key for talking to kubelets.")
    Path kubeletClientKey;

    @Option(names = "--kubelet-preferred-address-types", split = ",", paramLabel = "TYPES",
            defaultValue = "InternalIP,Hostname,ExternalIP",
            description = "Node address types tried, in order, to reach a kubelet (default ${DEFAULT-VALUE}).")
    List<String> kubeletPreferredAddressTypes;

    @Option(names = "--kubelet-certificate-authority", description = "CA of the kubelets' serving certificates (default: --client-ca-file).")
    Path kubeletCertificateAuthority;

    @Option(names = "--service-cluster-ip-range", defaultValue = "10.96.0.0/12",
            description = "IPv4 CIDR that Services' cluster IPs are allocated from (default ${DEFAULT-VALUE}).")
    String serviceClusterIpRange;

    @Option(names = "--service-node-port-range", defaultValue = "30000-32767",
            description = "Port range NodePort Services' node ports are allocated from (default ${DEFAULT-VALUE}).")
    String serviceNodePortRange;

    @Option(names = "--log-format", defaultValue = "text", description = "text or json.")
    Logging.Format logFormat;

    @Option(names = {"-v", "--v"}, defaultValue = "0", description = "Log verbosity.")
    int verbosity;

    @Override
    public Integer call() throws Exception {
        Logging.configure(logFormat, verbosity);
        for (Path file : Arrays.asList(tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, etcdCaFile, etcdCertFile,
                etcdKeyFile, serviceAccountSigningKeyFile, authorizationPolicyFile, encryptionProviderConfig,
                kubeletClientCertificate, kubeletClientKey, kubeletCertificateAuthority)) {
            if (file != null && !Files.isReadable(file)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "file " + file + " does not exist or is not readable");
            }
        }
        if (securePort < 0 || securePort > 65535) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--secure-port must be between 0 and 65535");
        }
        ApiServerConfig config = new ApiServerConfig(bindAddress, securePort, etcdServers, etcdCaFile, etcdCertFile,
                etcdKeyFile, etcdPrefix, tlsCertFile, tlsPrivateKeyFile, clientCaFile, tokenAuthFile, anonymousAuth,
                duration(compactionInterval), watchCacheSize, Duration.ofSeconds(10), ApiServerConfig.DEFAULT_MAX_BODY,
                new ApiServerConfig.Security(authorizationModes,
                        admissionPlugins.stream().map(String::trim).filter(p -> !p.isEmpty()).toList(),
                        serviceAccountKeyFiles == null ? List.of() : serviceAccountKeyFiles, serviceAccountSigningKeyFile,
                        serviceAccountLookup, authorizationPolicyFile, auditLogPath, encryptionProviderConfig,
                        maxRequestsInflight, maxMutatingRequestsInflight, duration(requestTimeout)),
                tlsOptions(), new ApiServerConfig.AuditOptions(auditLogMaxSize, auditLogMaxBackup, auditLogMaxAge),
                new ApiServerConfig.KubeletClient(kubeletClientCertificate, kubeletClientKey,
                        kubeletCertificateAuthority != null ? kubeletCertificateAuthority : clientCaFile,
                        kubeletPreferredAddressTypes),
                serviceRanges(), serving());
        ApiServer server = new ApiServer(config, Clock.systemUTC()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private ApiServerConfig.Serving serving() {
        if (maxConnections < 0 || watchQueueLength < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--max-connections must be 0 or more and --watch-queue-length at least 1");
        }
        Duration idle = duration(connectionIdleTimeout);
        if (idle.compareTo(Duration.ofSeconds(15)) < 0) {
            // watches send a heartbeat every 10 s: a shorter idle timeout would cut every quiet watch
            throw new CommandLine.ParameterException(new CommandLine(this), "--connection-idle-timeout must be at least 15s "
                    + "(watch heartbeats come every 10s), got " + connectionIdleTimeout);
        }
        return new ApiServerConfig.Serving(maxConnections, idle, duration(readHeaderTimeout), watchQueueLength);
    }

    private io.kube4j.apiserver.registry.ServiceRanges serviceRanges() {
        try {
            return io.kube4j.apiserver.registry.ServiceRanges.of(serviceClusterIpRange, serviceNodePortRange);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--service-cluster-ip-range/--service-node-port-range: " + e.getMessage());
        }
    }

    private ApiServerConfig.TlsOptions tlsOptions() {
        if (!tlsMinVersion.equals("VersionTLS12") && !tlsMinVersion.equals("VersionTLS13")) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--tls-min-version must be VersionTLS12 or VersionTLS13, not " + tlsMinVersion);
        }
        List<String> suites = tlsCipherSuites == null || tlsCipherSuites.isEmpty()
                ? ApiServerConfig.TlsOptions.DEFAULT.cipherSuites() : tlsCipherSuites;
        return new ApiServerConfig.TlsOptions(tlsMinVersion, suites);
    }

    /** Kubernetes-style durations: {@code 90s}, {@code 5m}, {@code 1h}, {@code 0}. */
    static Duration duration(String text) {
        String t = text.trim();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse("PT" + t.toUpperCase());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\" (use e.g. 90s, 5m, 1h)");
        }
    }

    public static void main(String[] args) {
        int code = Daemons.commandLine(new ApiServerCommand(), System.getenv()).execute(args);
        System.exit(code);
    }
}
