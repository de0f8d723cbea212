package io.kube4j.apiserver.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issues service-account tokens as Kubernetes' TokenRequest does: signed JWTs naming the
 * account (and optionally the pod they are bound to), with audiences and an expiry.
 */
public final class ServiceAccountTokens {

    public static final String DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";

    private final PrivateKey signingKey;
    private final String keyId;
    private final String issuer;
    private final Clock clock;

    public ServiceAccountTokens(PrivateKey signingKey, PublicKey publicKey, String issuer, Clock clock) {
        this.signingKey = signingKey;
        this.keyId = keyId(publicKey);
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The object a token is bound to (a pod or secret); the token dies with it. */
    public record BoundObject(String kind, String name, String uid) {
    }

    /** A token and when it expires. */
    public record Issued(String token, Instant expires) {
    }

    public String issuer() {
        return issuer;
    }

    public Issued issue(String namespace, String name, String uid, List<String> audiences, Duration lifetime,
                        BoundObject bound) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("name", name);
        account.put("uid", uid);
        Map<String, Object> kubernetes = new LinkedHashMap<>();
        kubernetes.put("namespace", namespace);
        kubernetes.put("serviceaccount", account);
        if (bound != null) {
            kubernetes.put(bound.kind().toLowerCase(), Map.of("name", bound.name(), "uid", bound.uid()));
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(ServiceAccountTokenAuthenticator.userName(namespace, name))
                .audience(audiences.isEmpty() ? List.of(issuer) : audiences)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .claim("kubernetes.io", kubernetes)
                .build();
        try {
            JWSSigner signer;
            JWSAlgorithm algorithm;
            if (signingKey instanceof RSAPrivateKey rsa) {
                signer = new RSASSASigner(rsa);
                algorithm = JWSAlgorithm.RS256;
            } else if (signingKey instanceof ECPrivateKey ec) {
                signer = new ECDSASigner(ec);
                algorithm = JWSAlgorithm.ES256;
            } else {
                throw new IllegalStateException("unsupported service-account signing key " + signingKey.getAlgorithm());
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
            jwt.sign(signer);
            return new Issued(jwt.serialize(), expires);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a service-account token failed: " + e.getMessage(), e);
        }
    }

    /** Like Kubernetes: the key id is a hash of the public key, so verifiers can pick the key. */
    static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
