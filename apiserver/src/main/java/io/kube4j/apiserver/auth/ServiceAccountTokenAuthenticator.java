package io.kube4j.apiserver.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users from service-account JWTs: {@code system:serviceaccount:<ns>:<name>} in groups
 * {@code system:serviceaccounts} and {@code system:serviceaccounts:<ns>}. The signature must verify
 * with one of the configured keys, the issuer and an audience must match, the token must be
 * within its validity, and — with lookup on — the ServiceAccount must still exist with the same uid.
 */
public final class ServiceAccountTokenAuthenticator implements Authenticator {

    /**
     * Tells the uid of an object in a namespace, or empty when it does not exist: the ServiceAccount
     * ({@code kind} "ServiceAccount"), and the pod or secret a bound token names.
     */
    @FunctionalInterface
    public interface AccountLookup {
        Optional<String> uid(String kind, String namespace, String name);
    }

    private final List<JWSVerifier> verifiers;
    private final List<String> issuers;
    private final List<String> audiences;
    private final AccountLookup lookup;
    private final Clock clock;

    /** @param lookup null to skip the existence check ({@code --service-account-lookup=false}) */
    public ServiceAccountTokenAuthenticator(List<PublicKey> keys, List<String> issuers, List<String> audiences,
                                            AccountLookup lookup, Clock clock) {
        List<JWSVerifier> list = new ArrayList<>();
        for (PublicKey key : keys) {
            try {
                if (key instanceof RSAPublicKey rsa) {
                    list.add(new RSASSAVerifier(rsa));
                } else if (key instanceof ECPublicKey ec) {
                    list.add(new ECDSAVerifier(ec));
                }
            } catch (JOSEException e) {
                throw new IllegalArgumentException("unusable service-account key: " + e.getMessage(), e);
            }
        }
        this.verifiers = List.copyOf(list);
        this.issuers = List.copyOf(issuers);
        this.audiences = List.copyOf(audiences);
        this.lookup = lookup;
        this.clock = clock;
    }

    public static String userName(String namespace, String name) {
        return "system:serviceaccount:" + namespace + ":" + name;
    }

    @Override
    public Optional<UserInfo> authenticate(Credentials credentials) {
        String token = credentials.bearerToken();
        if (token.isEmpty() || token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (claims.getIssuer() == null || !issuers.contains(claims.getIssuer())) {
            return Optional.empty();
        }
        if (!verified(jwt)) {
            throw new AuthenticationException("invalid bearer token: signature");
        }
        Date now = Date.from(clock.instant());
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().after(now)) {
            throw new AuthenticationException("invalid bearer token: token has expired");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().after(new Date(now.getTime() + 60_000))) {
            throw new AuthenticationException("invalid bearer token: token is not valid yet");
        }
        if (claims.getAudience().stream().noneMatch(audiences::contains)) {
            throw new AuthenticationException("invalid bearer token: token audiences do not match");
        }
        Object kubernetes = claims.getClaim("kubernetes.io");
        if (!(kubernetes instanceof Map<?, ?> k) || !(k.get("serviceaccount") instanceof Map<?, ?> account)) {
            throw new AuthenticationException("invalid bearer token: not a service-account token");
        }
        String namespace = String.valueOf(k.get("namespace"));
        String name = String.valueOf(account.get("name"));
        String uid = String.valueOf(account.get("uid"));
        if (lookup != null) {
            Optional<String> current = lookup.uid("ServiceAccount", namespace, name);
            if (current.isEmpty() || !current.get().equals(uid)) {
                throw new AuthenticationException("invalid bearer token: service account " + namespace + "/" + name
                        + " has been deleted");
            }
        }
        // a bound token dies with the object it is bound to (its uid must still match)
        for (String kind : List.of("Pod", "Secret")) {
            if (lookup != null && k.get(kind.toLowerCase()) instanceof Map<?, ?> bound) {
                Optional<String> current = lookup.uid(kind, namespace, String.valueOf(bound.get("name")));
                String boundUid = String.valueOf(bound.get("uid"));
                if (current.isEmpty() || (!boundUid.isEmpty() && !boundUid.equals("null") && !current.get().equals(boundUid))) {
                    throw new AuthenticationException("invalid bearer token: the " + kind.toLowerCase() + " "
                            + namespace + "/" + bound.get("name") + " it is bound to no longer exists");
                }
            }
        }
        return Optional.of(new UserInfo(userName(namespace, name), uid,
                List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace)).authenticated());
    }

    private boolean verified(SignedJWT jwt) {
        for (JWSVerifier verifier : verifiers) {
            try {
                if (verifier.supportedJWSAlgorithms().contains(jwt.getHeader().getAlgorithm()) && jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // try the next key
            }
        }
        return false;
    }
}
