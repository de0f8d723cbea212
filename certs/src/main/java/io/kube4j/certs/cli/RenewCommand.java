package io.kube4j.certs.cli;

import io.kube4j.certs.pki.Pki;
import io.kube4j.certs.pki.RenewOptions;
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

/** {@code kube4j-certs renew}: new leaf certificates from the CA already in the directory. */
@Command(
        name = "renew",
        sortOptions = false,
        description = "Reissues every leaf certificate and its kubeconfig from ca.crt/ca.key in <dir>. Keeps "
                + "the CA, each existing private key, sa.key/sa.pub, every token in tokens.csv and the "
                + "server URL of admin.kubeconfig; new nodes get new keys and tokens. Without --hosts the "
                + "hosts are those named by etcd-server.crt (the apiserver also keeps its service IP); "
                + "without --nodes the nodes are those with a kubelet-<node>.kubeconfig. Files of nodes "
                + "left out are neither renewed nor deleted.")
final class RenewCommand implements Callable<Integer> {

    private final Pki pki;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "<dir>", description = "Directory written by init.")
    private Path dir;

    @Option(names = "--hosts", split = ",", paramLabel = "<host>",
            description = "Replace the apiserver and etcd hosts (default: keep the existing ones).")
    private List<String> hosts = new ArrayList<>();

    @Option(names = "--nodes", split = ",", paramLabel = "<node>",
            description = "Nodes to renew (default: every node with a kubelet kubeconfig).")
    private List<String> nodes = new ArrayList<>();

    @Option(names = "--days", paramLabel = "<days>", defaultValue = "365",
            description = "Validity of every reissued certificate in days (default: ${DEFAULT-VALUE}).")
    private int days;

    RenewCommand(Pki pki) {
        this.pki = pki;
    }

    @Override
    public Integer call() {
        Written.print(spec, pki.renew(options()));
        return 0;
    }

    private RenewOptions options() {
        try {
            return RenewOptions.defaults(dir)
                    .withHosts(hosts)
                    .withNodes(nodes)
                    .withValidity(Duration.ofDays(days));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
