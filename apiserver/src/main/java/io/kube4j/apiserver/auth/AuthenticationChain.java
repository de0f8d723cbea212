package io.kube4j.apiserver.auth;

import java.util.List;

/**
 * Tries each authenticator in order; the first that recognises the credentials decides.
 * Without any recognised credentials the request is anonymous when allowed, else refused.
 */
public final class AuthenticationChain {

    private final List<Authenticator> authenticators;
    private final boolean anonymousAllowed;

    public AuthenticationChain(List<Authenticator> authenticators, boolean anonymousAllowed) {
        this.authenticators = List.copyOf(authenticators);
        this.anonymousAllowed = anonymousAllowed;
    }

    /** The user, or throws {@link Authenticator.AuthenticationException} (answered with 401). */
    public UserInfo authenticate(Credentials credentials) {
        for (Authenticator authenticator : authenticators) {
            var user = authenticator.authenticate(credentials);
            if (user.isPresent()) {
                return user.get();
            }
        }
        if (!credentials.bearerToken().isEmpty()) {
            throw new Authenticator.AuthenticationException("invalid bearer token");
        }
        if (anonymousAllowed) {
            return UserInfo.ANONYMOUS;
        }
        throw new Authenticator.AuthenticationException("Unauthorized");
    }
}
