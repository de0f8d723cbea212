package io.kube4j.certs.cli;

import io.kube4j.certs.pki.KeySpec;
import io.kube4j.certs.pki.KeyType;
import io.kube4j.certs.pki.Pki;
import io.kube4j.certs.pki.PkiOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kube4j-certs init}: a new CA and everything issued from it. */
@Command(
        name = "init",
        sortOptions = false,
        description = "Creates a new CA in <dir> and issues from it the apiserver, etcd and kubelet serving "
                + "pairs, client pairs and kubeconfigs for admin, kube-scheduler, kube-controller-manager, "
                + "kube-proxy and each node's kubelet, the service-account key pair (sa.key, sa.pub), "
                + "tokens.csv and admin-token.kubeconfig. Refuses a directory that is not empty unless "
                + "--force is given.")
final class InitCommand implements Callable<Integer> {

    private final Pki pki;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "<dir>", description = "Directory to write.")
    private Path dir;

    @Option(names = "--hosts", split = ",", paramLabel = "<host>",
            description = "Names and IPs the apiserver and etcd are reached under, besides localhost.")
    private List<String> hosts = new ArrayList<>();

    @Option(names = "--nodes", split = ",", paramLabel = "<node>",
            description = "Node names; each gets kubelet client and serving pairs.")
    private List<String> nodes = new ArrayList<>();

    @Option(names = "--service-cluster-ip-range", paramLabel = "<cidr>",
            defaultValue = PkiOptions.DEFAULT_SERVICE_CLUSTER_IP_RANGE,
            description = "Service CIDR; its first IP is an apiserver SAN (default: ${DEFAULT-VALUE}).")
    private String serviceClusterIpRange;

    @Option(names = "--server", paramLabel = "<url>", defaultValue = "https://127.0.0.1:6443",
            description = "Apiserver URL written into the kubeconfigs (default: ${DEFAULT-VALUE}).")
    private URI server;

    @Option(names = "--key-type", paramLabel = "ec|rsa", defaultValue = "ec",
            description = "Key type of the CA and every certificate (default: ${DEFAULT-VALUE}).")
    private KeyType keyType;

    @Option(names = "--rsa-bits", paramLabel = "<bits>", defaultValue = "2048",
            description = "RSA key size, at least 2048 (default: ${DEFAULT-VALUE}).")
    private int rsaBits;

    @Option(names = "--ca-days", paramLabel = "<days>", defaultValue = "3650",
            description = "CA validity in days (default: ${DEFAULT-VALUE}).")
    private int caDays;

    @Option(names = "--days", paramLabel = "<days>", defaultValue = "365",
            description = "Validity of every other certificate in days (default: ${DEFAULT-VALUE}).")
    private int days;

    @Option(names = "--force", description = "Write into a directory that is not empty, overwriting files.")
    private boolean force;

    InitCommand(Pki pki) {
        this.pki = pki;
    }

    @Override
    public Integer call() {
        Written.print(spec, pki.init(options()));
        return 0;
    }

    private PkiOptions options() {
        try {
            // Built even for EC so that a too-small --rsa-bits is rejected whatever the key type.
            KeySpec rsa = KeySpec.rsa(rsaBits);
            return PkiOptions.defaults(dir)
                    .withHosts(hosts)
                    .withNodes(nodes)
                    .withServiceClusterIpRange(serviceClusterIpRange)
                    .withServer(server)
                    .withKeySpec(keyType == KeyType.RSA ? rsa : KeySpec.EC_P256)
                    .withCaValidity(Duration.ofDays(caDays))
                    .withValidity(Duration.ofDays(days))
                    .withForce(force);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
