package io.kube4j.apiserver.auth;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Users from client certificates: CN is the user name, each O a group. The TLS layer accepts any
 * certificate whose key the client proves it holds; the chain, the validity dates and the client
 * auth usage are checked here against the client CA, so a bad certificate gets a 401 Status
 * rather than a handshake failure the client cannot explain.
 *
 * <p>A chain that verified is remembered (by its certificates' encoded bytes, at most
 * {@value #MAX_CACHED} chains) with the user it names and the window in which every certificate of
 * it is valid, so the requests of one client cost one PKIX validation rather than one each; outside
 * that window the chain is verified again, which fails with the same message as before.
 */
public final class ClientCertificateAuthenticator implements Authenticator {

    static final int MAX_CACHED = 4_096;

    private final Clock clock;
    private final int maxCached;
    private final java.util.Set<java.security.cert.TrustAnchor> anchors;
    private final Map<List<X509Certificate>, Verified> verified = new ConcurrentHashMap<>();

    /** A chain that verified: its user, valid while the clock is within [notBefore, notAfter] of every certificate. */
    private record Verified(UserInfo user, long notBefore, long notAfter) {
        boolean validAt(long now) {
            return now >= notBefore && now <= notAfter;
        }
    }

    public ClientCertificateAuthenticator(List<X509Certificate> authorities, Clock clock) {
        this(authorities, clock, MAX_CACHED);
    }

    ClientCertificateAuthenticator(List<X509Certificate> authorities, Clock clock, int maxCached) {
        this.clock = clock;
        this.maxCached = maxCached;
        this.anchors = new java.util.HashSet<>();
        for (X509Certificate ca : authorities) {
            anchors.add(new java.security.cert.TrustAnchor(ca, null));
        }
    }

    /** How many verified chains are remembered (for tests). */
    int cachedChains() {
        return verified.size();
    }

    private void verifyChain(List<X509Certificate> chain) {
        try {
            java.security.cert.CertificateFactory factory = java.security.cert.CertificateFactory.getInstance("X.509");
            java.security.cert.PKIXParameters parameters = new java.security.cert.PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            java.security.cert.CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(chain), parameters);
            List<String> usages = chain.get(0).getExtendedKeyUsage();
            if (usages != null && !usages.contains("1.3.6.1.5.5.7.3.2")) {
                throw new AuthenticationException("client certificate is not valid for client authentication");
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new AuthenticationException("client certificate is not valid: " + e.getMessage());
        }
    }

    @Override
    public Optional<UserInfo> authenticate(Credentials credentials) {
        if (credentials.certificates().isEmpty()) {
            return Optional.empty();
        }
        X509Certificate leaf = credentials.certificates().get(0);
        try {
            leaf.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new AuthenticationException("client certificate is not valid now: " + e.getMessage());
        }
        List<X509Certificate> chain = credentials.certificates();
        long now = clock.millis();
        Verified known = verified.get(chain);
        if (known != null && known.validAt(now)) {
            return Optional.of(known.user());
        }
        verifyChain(chain);
        UserInfo user = user(leaf);
        long notBefore = Long.MIN_VALUE;
        long notAfter = Long.MAX_VALUE;
        for (X509Certificate c : chain) {
            notBefore = Math.max(notBefore, c.getNotBefore().getTime());
            notAfter = Math.min(notAfter, c.getNotAfter().getTime());
        }
        // full: make room by dropping one chain (any), not the whole cache — a cluster with more
        // clients than this would otherwise re-verify every client at once, again and again
        var eldest = verified.keySet().iterator();
        while (verified.size() >= maxCached && eldest.hasNext()) {
            verified.remove(eldest.next());
        }
        verified.put(List.copyOf(chain), new Verified(user, notBefore, notAfter));
        return Optional.of(user);
    }

    private static UserInfo user(X509Certificate leaf) {
        String user = null;
        List<String> groups = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    user = rdn.getValue().toString();
                } else if (rdn.getType().equalsIgnoreCase("O")) {
                    groups.add(0, rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            throw new AuthenticationException("client certificate subject is unreadable");
        }
        if (user == null || user.isEmpty()) {
            throw new AuthenticationException("client certificate has no common name");
        }
        return new UserInfo(user, "", groups).authenticated();
    }
}
