package io.kube4j.apiserver.auth;

/**
 * Decides whether a request may proceed. Authorizers are chained in the order of
 * {@code --authorization-mode}: the first ALLOW or DENY decides; if all have no opinion the
 * request is denied. Implementations are thread-safe and must not block on the network.
 */
public interface Authorizer {

    Decision authorize(RequestAttributes attributes);

    /** An authorizer's answer and, for people reading the 403, why. */
    record Decision(Outcome outcome, String reason) {

        public enum Outcome { ALLOW, DENY, NO_OPINION }

        public static final Decision NO_OPINION = new Decision(Outcome.NO_OPINION, "");

        public static Decision allow(String reason) {
            return new Decision(Outcome.ALLOW, reason);
        }

        public static Decision deny(String reason) {
            return new Decision(Outcome.DENY, reason);
        }

        public boolean allowed() {
            return outcome == Outcome.ALLOW;
        }
    }

    /** Allows everything; for tests only (the server logs a warning when it is configured). */
    Authorizer ALWAYS_ALLOW = attributes -> Decision.allow("AlwaysAllow");
}
