package io.kube4j.certs.pki;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;

/**
 * A certificate authority that signs the leaf certificates of one cluster.
 *
 * <p>Every certificate it issues is valid from five minutes before the clock's now (so that a
 * peer whose clock runs a little behind accepts it) until {@code now + validity}, but never past
 * the CA's own expiry, has a random positive 128-bit serial, subject and authority key
 * identifiers, and is signed SHA256withECDSA or SHA256withRSA depending on the CA key.
 * Implementations are thread-safe.
 */
public interface CertificateAuthority {

    /** Common name of the CAs that {@link #create} makes. */
    String DEFAULT_COMMON_NAME = "kube4j-ca";

    /** The CA's self-signed certificate and its private key. */
    CertifiedKey credentials();

    /**
     * Signs a leaf certificate for {@code subjectKey}: key usage digitalSignature (plus
     * keyEncipherment for RSA keys), the request's extended key usages, subject and SANs.
     */
    CertifiedKey issue(CertificateRequest request, KeyPair subjectKey);

    /**
     * Creates a new self-signed CA: basicConstraints CA, key usage keyCertSign and cRLSign.
     */
    static CertificateAuthority create(String commonName, KeySpec keySpec, Duration validity, Clock clock) {
        return BcCertificateAuthority.selfSigned(commonName, keySpec, validity, clock);
    }

    /** Uses an existing CA certificate and key, e.g. read back from {@code ca.crt}/{@code ca.key}. */
    static CertificateAuthority of(CertifiedKey credentials, Clock clock) {
        return BcCertificateAuthority.of(credentials, clock);
    }
}
