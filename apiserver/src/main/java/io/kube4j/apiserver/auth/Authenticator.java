package io.kube4j.apiserver.auth;

import java.util.Optional;

/**
 * One way of telling who sent a request. Returns empty when these credentials are not of this
 * authenticator's kind; throws {@link AuthenticationException} when they are but are invalid, so
 * a bad token is never silently treated as anonymous.
 */
public interface Authenticator {

    Optional<UserInfo> authenticate(Credentials credentials);

    /** Credentials of the right kind that do not hold: 401. */
    final class AuthenticationException extends RuntimeException {
        public AuthenticationException(String message) {
            super(message);
        }
    }
}
