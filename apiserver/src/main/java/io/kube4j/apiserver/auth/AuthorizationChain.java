package io.kube4j.apiserver.auth;

import java.util.List;

/** The authorizers of {@code --authorization-mode}, asked in order. */
public final class AuthorizationChain implements Authorizer {

    private final List<Authorizer> authorizers;

    public AuthorizationChain(List<Authorizer> authorizers) {
        this.authorizers = List.copyOf(authorizers);
    }

    @Override
    public Decision authorize(RequestAttributes attributes) {
        for (Authorizer authorizer : authorizers) {
            Decision decision = authorizer.authorize(attributes);
            if (decision.outcome() != Decision.Outcome.NO_OPINION) {
                return decision;
            }
        }
        return Decision.deny("");
    }
}
