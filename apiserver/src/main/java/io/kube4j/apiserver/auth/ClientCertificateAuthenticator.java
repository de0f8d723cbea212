package io.kube4j.apiserver.auth;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Users from client certificates: CN is the user name, each O a group. The TLS layer accepts any
 * certificate whose key the client proves it holds; the chain, the validity dates and the client
 * auth usage are checked here against the client CA, so a bad certificate gets a 401 Status
 * rather than a handshake failure the client cannot explain.
 */
public final class ClientCertificateAuthenticator implements Authenticator {

    private final Clock clock;
    private final java.util.Set<java.security.cert.TrustAnchor> anchors;

    public ClientCertificateAuthenticator(List<X509Certificate> authorities, Clock clock) {
        this.clock = clock;
        this.anchors = new java.util.HashSet<>();
        for (X509Certificate ca : authorities) {
            anchors.add(new java.security.cert.TrustAnchor(ca, null));
        }
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
        verifyChain(credentials.certificates());
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
        return Optional.of(new UserInfo(user, "", groups).authenticated());
    }
}
