package io.kube4j.certs.pki;

import io.kube4j.certs.kubeconfig.KubeconfigYaml;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads back what an earlier init wrote, so that renew keeps the CA, keys, names and tokens. */
final class ExistingPki {

    private static final Pattern KUBELET_KUBECONFIG = Pattern.compile("kubelet-(.+)\\.kubeconfig");

    private final PkiLayout layout;

    ExistingPki(PkiLayout layout) {
        this.layout = layout;
    }

    CertifiedKey ca() {
        Path certificate = require(layout.caCertificate());
        Path key = require(layout.caKey());
        return new CertifiedKey(Pem.readCertificate(certificate), Pem.readPrivateKey(key));
    }

    /** The etcd-server certificate names localhost plus exactly the hosts, nothing else. */
    SubjectNames hosts() {
        return etcdServerNames().minus(SubjectNames.LOCALHOST);
    }

    /** The apiserver names the hosts plus the service IPs; the etcd server only the hosts. */
    List<InetAddress> serviceIps() {
        X509Certificate apiserver = Pem.readCertificate(require(layout.certificate(PkiLayout.APISERVER)));
        return SubjectNames.of(apiserver).minus(etcdServerNames()).ipAddresses();
    }

    /** Nodes are named by their kubelet kubeconfigs; serving pairs have none, so they do not count. */
    List<String> nodes() {
        try (Stream<Path> files = Files.list(layout.dir())) {
            List<String> nodes = files.map(file -> KUBELET_KUBECONFIG.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(match -> match.group(1))
                    .sorted()
                    .toList();
            return Names.requireNodeNames(nodes);
        } catch (IOException e) {
            throw new PkiException("cannot list " + layout.dir() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new PkiException(
                    "cannot tell the nodes from the files in " + layout.dir() + ": " + e.getMessage(), e);
        }
    }

    /** The server of admin.kubeconfig, so a renewal keeps pointing clients at the same apiserver. */
    URI server() {
        Path admin = layout.kubeconfig(ClientIdentity.ADMIN.name());
        if (!Files.isRegularFile(admin)) {
            return PkiOptions.DEFAULT_SERVER;
        }
        try {
            return KubeconfigYaml.readServer(Files.readString(admin)).orElse(PkiOptions.DEFAULT_SERVER);
        } catch (IOException | IllegalArgumentException e) {
            throw new PkiException("cannot read the server URL from " + admin + ": " + e.getMessage(), e);
        }
    }

    /** The key pair of an existing pair, its public half taken from the certificate. */
    Optional<KeyPair> keyPair(String name) {
        Path certificate = layout.certificate(name);
        Path key = layout.privateKey(name);
        if (!Files.isRegularFile(certificate) || !Files.isRegularFile(key)) {
            return Optional.empty();
        }
        KeyPair pair = new KeyPair(Pem.readCertificate(certificate).getPublicKey(), Pem.readPrivateKey(key));
        KeyMatch.require(pair.getPublic(), pair.getPrivate(), certificate + " and " + key);
        return Optional.of(pair);
    }

    List<TokenFile.Entry> tokens() {
        return Files.isRegularFile(layout.tokenFile()) ? TokenFile.read(layout.tokenFile()) : List.of();
    }

    boolean hasServiceAccountKeys() {
        return Files.isRegularFile(layout.serviceAccountPrivateKey())
                && Files.isRegularFile(layout.serviceAccountPublicKey());
    }

    private SubjectNames etcdServerNames() {
        return SubjectNames.of(Pem.readCertificate(require(layout.certificate(PkiLayout.ETCD_SERVER))));
    }

    private static Path require(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PkiException(file + " is missing; run init first");
        }
        return file;
    }
}
