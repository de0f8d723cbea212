package io.kube4j.certs.pki;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@link Pki#init} needs. Start from {@link #defaults(Path)} and change fields with the
 * {@code with...} methods; the constructor rejects any bad value with a one-line message.
 *
 * @param dir the directory to write; created when missing
 * @param hosts names and IPs the apiserver and etcd are reached under, besides localhost
 * @param nodes node names: each gets a kubelet client identity and a kubelet serving pair
 * @param serviceClusterIpRange the service CIDR; its first address is an apiserver SAN
 * @param server the apiserver URL written into every kubeconfig
 * @param keySpec the key kind of the CA and every leaf (the service-account key is always RSA 2048)
 * @param caValidity how long the CA is valid
 * @param validity how long every leaf is valid
 * @param force overwrite files in a directory that is not empty
 */
public record PkiOptions(
        Path dir,
        List<String> hosts,
        List<String> nodes,
        String serviceClusterIpRange,
        URI server,
        KeySpec keySpec,
        Duration caValidity,
        Duration validity,
        boolean force) {

    public static final String DEFAULT_SERVICE_CLUSTER_IP_RANGE = "10.96.0.0/12";
    public static final URI DEFAULT_SERVER = URI.create("https://127.0.0.1:6443");
    public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

    public PkiOptions {
        if (dir == null) {
            throw new IllegalArgumentException("a PKI directory is required");
        }
        hosts = List.copyOf(hosts);
        SubjectNames.parse(hosts);
        nodes = Names.requireNodeNames(nodes);
        Names.firstServiceIp(serviceClusterIpRange);
        requireHttpsUrl(server);
        if (keySpec == null) {
            throw new IllegalArgumentException("a key spec is required");
        }
        requirePositive("CA validity", caValidity);
        requirePositive("certificate validity", validity);
    }

    public static PkiOptions defaults(Path dir) {
        return new PkiOptions(dir, List.of(), List.of(), DEFAULT_SERVICE_CLUSTER_IP_RANGE, DEFAULT_SERVER,
                KeySpec.EC_P256, DEFAULT_CA_VALIDITY, DEFAULT_VALIDITY, false);
    }

    public PkiOptions withHosts(List<String> value) {
        return new PkiOptions(dir, value, nodes, serviceClusterIpRange, server, keySpec, caValidity, validity, force);
    }

    public PkiOptions withNodes(List<String> value) {
        return new PkiOptions(dir, hosts, value, serviceClusterIpRange, server, keySpec, caValidity, validity, force);
    }

    public PkiOptions withServiceClusterIpRange(String value) {
        return new PkiOptions(dir, hosts, nodes, value, server, keySpec, caValidity, validity, force);
    }

    public PkiOptions withServer(URI value) {
        return new PkiOptions(dir, hosts, nodes, serviceClusterIpRange, value, keySpec, caValidity, validity, force);
    }

    public PkiOptions withKeySpec(KeySpec value) {
        return new PkiOptions(dir, hosts, nodes, serviceClusterIpRange, server, value, caValidity, validity, force);
    }

    public PkiOptions withCaValidity(Duration value) {
        return new PkiOptions(dir, hosts, nodes, serviceClusterIpRange, server, keySpec, value, validity, force);
    }

    public PkiOptions withValidity(Duration value) {
        return new PkiOptions(dir, hosts, nodes, serviceClusterIpRange, server, keySpec, caValidity, value, force);
    }

    public PkiOptions withForce(boolean value) {
        return new PkiOptions(dir, hosts, nodes, serviceClusterIpRange, server, keySpec, caValidity, validity, value);
    }

    /** The hosts as SANs: IP literals as IP addresses, the rest as DNS names. */
    public SubjectNames hostNames() {
        return SubjectNames.parse(hosts);
    }

    /** The ClusterIP of the {@code kubernetes} service. */
    public InetAddress serviceIp() {
        return Names.firstServiceIp(serviceClusterIpRange);
    }

    static void requirePositive(String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + describe(value));
        }
    }

    /** Users give validity in days, so errors speak in days when they can. */
    private static String describe(Duration value) {
        if (value == null) {
            return "missing";
        }
        return value.toSeconds() % Duration.ofDays(1).toSeconds() == 0 ? value.toDays() + " days" : value.toString();
    }

    private static void requireHttpsUrl(URI server) {
        if (server == null || !"https".equals(server.getScheme()) || server.getHost() == null) {
            throw new IllegalArgumentException("server '" + server + "' is not an https:// URL with a host");
        }
    }
}
