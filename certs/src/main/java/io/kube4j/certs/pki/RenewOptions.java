package io.kube4j.certs.pki;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@link Pki#renew} needs.
 *
 * @param dir a directory that {@link Pki#init} wrote
 * @param hosts the apiserver and etcd hosts; empty keeps those of the existing etcd-server certificate
 * @param nodes the nodes; empty keeps those that have a {@code kubelet-<node>.kubeconfig}
 * @param validity how long every reissued leaf is valid
 */
public record RenewOptions(Path dir, List<String> hosts, List<String> nodes, Duration validity) {

    public RenewOptions {
        if (dir == null) {
            throw new IllegalArgumentException("a PKI directory is required");
        }
        hosts = List.copyOf(hosts);
        SubjectNames.parse(hosts);
        nodes = Names.requireNodeNames(nodes);
        PkiOptions.requirePositive("certificate validity", validity);
    }

    public static RenewOptions defaults(Path dir) {
        return new RenewOptions(dir, List.of(), List.of(), PkiOptions.DEFAULT_VALIDITY);
    }

    public RenewOptions withHosts(List<String> value) {
        return new RenewOptions(dir, value, nodes, validity);
    }

    public RenewOptions withNodes(List<String> value) {
        return new RenewOptions(dir, hosts, value, validity);
    }

    public RenewOptions withValidity(Duration value) {
        return new RenewOptions(dir, hosts, nodes, value);
    }
}
