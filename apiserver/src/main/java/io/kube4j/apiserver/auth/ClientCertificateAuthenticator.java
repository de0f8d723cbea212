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
 * Users from client certificates: CN is the user name, each O a group. The TLS handshake has
 * already verified the chain against the client CA; validity is checked again here so that an
 * expired certificate gets a 401 Status rather than a handshake failure.
 */
public final class ClientCertificateAuthenticator implements Authenticator {

    private final Clock clock;

    public ClientCertificateAuthenticator(Clock clock) {
        this.clock = clock;
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
