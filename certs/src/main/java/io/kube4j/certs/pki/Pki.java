package io.kube4j.certs.pki;

import io.kube4j.certs.kubeconfig.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Creates and renews the PKI directory of a kube4j cluster: the CA, every server and client
 * pair, a kubeconfig per client identity, the service-account key pair and the static token
 * file. See {@link PkiLayout} for the file names.
 *
 * <p>Both operations are synchronous and write each file atomically; the instance is
 * thread-safe, but two operations on the same directory must not overlap.
 */
public final class Pki {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** @param clock the time certificates are issued at */
    public Pki(Clock clock) {
        this.clock = clock;
    }

    /**
     * Makes a new CA and everything issued from it.
     *
     * @throws PkiException if the directory is not empty and {@code force} is off, or a file cannot be written
     */
    public PkiResult init(PkiOptions options) {
        PkiLayout layout = new PkiLayout(options.dir());
        prepareDirectory(options.dir(), options.force());
        PkiWriter writer = new PkiWriter(layout);

        CertificateAuthority ca = CertificateAuthority.create(
                CertificateAuthority.DEFAULT_COMMON_NAME, options.keySpec(), options.caValidity(), clock);
        writer.writePair(PkiLayout.CA, ca.credentials(), true);

        ClusterIssuer issuer = new ClusterIssuer(ca, writer, layout,
                name -> new ClusterIssuer.LeafKey(options.keySpec().generate(random), true));
        ClusterIssuer.Plan plan = new ClusterIssuer.Plan(options.hostNames(), List.of(options.serviceIp()),
                options.nodes(), options.server(), options.validity());
        issuer.issueAll(plan);

        writeServiceAccountKeys(writer, layout);
        writeTokens(writer, layout, issuer, plan, List.of());
        return new PkiResult(layout, writer.written());
    }

    /**
     * Reissues every leaf certificate and kubeconfig from the existing CA. Like
     * {@code kubeadm certs renew}, it keeps the CA, each existing leaf key, the service-account
     * keys and every token; nodes new to the directory get new keys and tokens. Files of nodes
     * left out are neither renewed nor deleted.
     *
     * @throws PkiException if the directory holds no CA or its files cannot be read or written
     */
    public PkiResult renew(RenewOptions options) {
        PkiLayout layout = new PkiLayout(options.dir());
        ExistingPki existing = new ExistingPki(layout);
        CertificateAuthority ca = CertificateAuthority.of(existing.ca(), clock);
        PkiWriter writer = new PkiWriter(layout);

        // New leaves get the CA's kind of key, so a renewed RSA cluster stays RSA.
        KeySpec newKeys = KeySpec.of(ca.credentials().certificate().getPublicKey());
        ClusterIssuer issuer = new ClusterIssuer(ca, writer, layout, name -> existing.keyPair(name)
                .map(pair -> new ClusterIssuer.LeafKey(pair, false))
                .orElseGet(() -> new ClusterIssuer.LeafKey(newKeys.generate(random), true)));
        ClusterIssuer.Plan plan = new ClusterIssuer.Plan(
                options.hosts().isEmpty() ? existing.hosts() : SubjectNames.parse(options.hosts()),
                existing.serviceIps(),
                options.nodes().isEmpty() ? existing.nodes() : options.nodes(),
                existing.server(),
                options.validity());
        issuer.issueAll(plan);

        if (!existing.hasServiceAccountKeys()) {
            writeServiceAccountKeys(writer, layout);
        }
        writeTokens(writer, layout, issuer, plan, existing.tokens());
        return new PkiResult(layout, writer.written());
    }

    private static void prepareDirectory(Path dir, boolean force) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new PkiException(dir + " exists and is not a directory");
            }
            if (Files.isDirectory(dir) && !force) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new PkiException("refusing to write into " + dir
                                + ": it is not empty (use --force to overwrite)");
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PkiException("cannot prepare directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Always RSA 2048 whatever the certificate keys are: RS256 is what Kubernetes clients expect. */
    private void writeServiceAccountKeys(PkiWriter writer, PkiLayout layout) {
        KeyPair keys = KeySpec.RSA_2048.generate(random);
        writer.writePrivate(layout.serviceAccountPrivateKey(), Pem.encode(keys.getPrivate()));
        writer.writePublic(layout.serviceAccountPublicKey(), Pem.encode(keys.getPublic()));
    }

    /** Keeps every existing token, adds one per identity that has none, and rewrites admin's token kubeconfig. */
    private void writeTokens(PkiWriter writer, PkiLayout layout, ClusterIssuer issuer,
            ClusterIssuer.Plan plan, List<TokenFile.Entry> existing) {
        List<TokenFile.Entry> entries = new ArrayList<>(existing);
        Set<String> users = existing.stream().map(TokenFile.Entry::user).collect(Collectors.toSet());
        for (ClientIdentity identity : ClientIdentity.all(plan.nodes())) {
            if (!users.contains(identity.user())) {
                entries.add(TokenFile.newEntry(identity, random));
            }
        }
        writer.writePrivate(layout.tokenFile(), TokenFile.render(entries));

        String adminToken = entries.stream()
                .filter(entry -> entry.user().equals(ClientIdentity.ADMIN.user()))
                .findFirst()
                .orElseThrow()
                .token();
        writer.writeKubeconfig(layout.adminTokenKubeconfig(),
                issuer.kubeconfig(plan.server(), ClientIdentity.ADMIN, new Credentials.BearerToken(adminToken)));
    }
}
