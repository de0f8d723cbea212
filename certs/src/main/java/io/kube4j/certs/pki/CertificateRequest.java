package io.kube4j.certs.pki;

import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a leaf certificate says: subject, alternative names, purposes and lifetime. Kubernetes
 * reads the user name from the CN and the groups from the O values of a client certificate.
 *
 * <p>Build with {@link #of} and the {@code with...} copy methods.
 */
public record CertificateRequest(
        String commonName,
        List<String> organizations,
        List<String> dnsNames,
        List<InetAddress> ipAddresses,
        Set<KeyPurpose> purposes,
        Duration validity) {

    public CertificateRequest {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("a certificate needs a common name");
        }
        if (purposes == null || purposes.isEmpty()) {
            throw new IllegalArgumentException("certificate " + commonName + " needs at least one key purpose");
        }
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("certificate " + commonName + " needs a positive validity");
        }
        organizations = List.copyOf(organizations);
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        purposes = Set.copyOf(EnumSet.copyOf(purposes));
    }

    public static CertificateRequest of(String commonName, Duration validity, KeyPurpose... purposes) {
        return new CertificateRequest(commonName, List.of(), List.of(), List.of(), Set.of(purposes), validity);
    }

    public CertificateRequest withOrganizations(List<String> values) {
        return new CertificateRequest(commonName, values, dnsNames, ipAddresses, purposes, validity);
    }

    public CertificateRequest withSubjectNames(SubjectNames names) {
        return new CertificateRequest(
                commonName, organizations, names.dnsNames(), names.ipAddresses(), purposes, validity);
    }

    public SubjectNames subjectNames() {
        return new SubjectNames(dnsNames, ipAddresses);
    }
}
