package io.kube4j.certs.pki;

import io.kube4j.certs.kubeconfig.Credentials;
import io.kube4j.certs.kubeconfig.Kubeconfig;
import java.net.InetAddress;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

/**
 * Issues every leaf of a cluster from one CA and writes each with its kubeconfig. Init and renew
 * differ only in where leaf keys come from, so both run this one list.
 */
final class ClusterIssuer {

    static final String CLUSTER_NAME = "kube4j";

    /** In-cluster clients reach the apiserver through the {@code kubernetes} service under these names. */
    private static final String[] KUBERNETES_SERVICE_NAMES = {
        "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local",
    };

    /** Where the key pair named {@code name} comes from: new for init, the existing one for renew. */
    interface KeySource {
        LeafKey keyFor(String name);
    }

    /** A leaf key pair; {@code fresh} keys must be written, reused ones are already on disk. */
    record LeafKey(KeyPair pair, boolean fresh) {
    }

    /**
     * The names that go into the certificates.
     *
     * @param hosts extra apiserver and etcd names besides localhost
     * @param serviceIps ClusterIPs of the {@code kubernetes} service
     */
    record Plan(SubjectNames hosts, List<InetAddress> serviceIps, List<String> nodes, URI server, Duration validity) {
    }

    private final CertificateAuthority ca;
    private final PkiWriter writer;
    private final PkiLayout layout;
    private final KeySource keys;

    ClusterIssuer(CertificateAuthority ca, PkiWriter writer, PkiLayout layout, KeySource keys) {
        this.ca = ca;
        this.writer = writer;
        this.layout = layout;
        this.keys = keys;
    }

    void issueAll(Plan plan) {
        SubjectNames local = SubjectNames.LOCALHOST.plus(plan.hosts());
        SubjectNames apiserverNames = local
                .plus(new SubjectNames(List.of(), plan.serviceIps()))
                .plusDns(KUBERNETES_SERVICE_NAMES);
        Duration validity = plan.validity();

        issue(PkiLayout.APISERVER, CertificateRequest.of("kube-apiserver", validity, KeyPurpose.SERVER_AUTH)
                .withSubjectNames(apiserverNames));
        // Kubelets authorize the apiserver's log and exec calls by this identity, so it is an admin.
        issue(PkiLayout.APISERVER_KUBELET_CLIENT,
                CertificateRequest.of("kube-apiserver-kubelet-client", validity, KeyPurpose.CLIENT_AUTH)
                        .withOrganizations(List.of("system:masters")));
        issue(PkiLayout.APISERVER_ETCD_CLIENT,
                CertificateRequest.of("kube-apiserver-etcd-client", validity, KeyPurpose.CLIENT_AUTH));
        // Members of an etcd cluster dial each other with the same pair, so it is also a client.
        issue(PkiLayout.ETCD_SERVER,
                CertificateRequest.of("kube4j-etcd", validity, KeyPurpose.SERVER_AUTH, KeyPurpose.CLIENT_AUTH)
                        .withSubjectNames(local));

        for (ClientIdentity identity : ClientIdentity.all(plan.nodes())) {
            CertifiedKey pair = issue(identity.name(),
                    CertificateRequest.of(identity.user(), validity, KeyPurpose.CLIENT_AUTH)
                            .withOrganizations(identity.groups()));
            Credentials credentials = new Credentials.ClientCertificate(
                    Pem.encode(pair.certificate()), Pem.encode(pair.privateKey()));
            writer.writeKubeconfig(layout.kubeconfig(identity.name()),
                    kubeconfig(plan.server(), identity, credentials));
        }

        for (String node : plan.nodes()) {
            ClientIdentity kubelet = ClientIdentity.kubelet(node);
            issue(PkiLayout.kubeletServing(node),
                    CertificateRequest.of(kubelet.user(), validity, KeyPurpose.SERVER_AUTH)
                            .withOrganizations(kubelet.groups())
                            .withSubjectNames(SubjectNames.parse(List.of(node, "localhost", "127.0.0.1"))));
        }
    }

    /** A kubeconfig for {@code identity} that trusts this CA. */
    Kubeconfig kubeconfig(URI server, ClientIdentity identity, Credentials credentials) {
        return new Kubeconfig(CLUSTER_NAME, server, Pem.encode(ca.credentials().certificate()),
                identity.user(), credentials);
    }

    private CertifiedKey issue(String name, CertificateRequest request) {
        LeafKey key = keys.keyFor(name);
        CertifiedKey pair = ca.issue(request, key.pair());
        writer.writePair(name, pair, key.fresh());
        return pair;
    }
}
