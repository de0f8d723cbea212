package io.kube4j.certs.pki;

import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The subject alternative names of a certificate: DNS names and IP addresses, in order, without
 * duplicates. TLS clients check these, never the CN.
 */
public record SubjectNames(List<String> dnsNames, List<InetAddress> ipAddresses) {

    /** GeneralName tags as numbered by RFC 5280 and returned by the JDK. */
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    public static final SubjectNames NONE = new SubjectNames(List.of(), List.of());

    /** Every local client can dial a server under these names. */
    public static final SubjectNames LOCALHOST =
            parse(List.of("localhost", "127.0.0.1", "::1"));

    public SubjectNames {
        dnsNames = List.copyOf(new LinkedHashSet<>(dnsNames));
        ipAddresses = List.copyOf(new LinkedHashSet<>(ipAddresses));
    }

    /**
     * Reads host arguments: IP literals become IP SANs, anything else must be a DNS name.
     *
     * @throws IllegalArgumentException naming the first host that is neither
     */
    public static SubjectNames parse(Collection<String> hosts) {
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        for (String raw : hosts) {
            String host = raw.strip();
            if (Names.looksLikeIp(host)) {
                ips.add(Names.parseIp(host));
            } else {
                dns.add(Names.requireDnsName(host));
            }
        }
        return new SubjectNames(dns, ips);
    }

    public static SubjectNames of(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return NONE;
            }
            List<String> dns = new ArrayList<>();
            List<InetAddress> ips = new ArrayList<>();
            for (List<?> name : names) {
                int tag = (Integer) name.get(0);
                if (tag == DNS_NAME) {
                    dns.add((String) name.get(1));
                } else if (tag == IP_ADDRESS) {
                    ips.add(Names.parseIp((String) name.get(1)));
                }
            }
            return new SubjectNames(dns, ips);
        } catch (CertificateParsingException e) {
            throw new PkiException("cannot read the subject alternative names of "
                    + certificate.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }

    public SubjectNames plus(SubjectNames other) {
        return new SubjectNames(concat(dnsNames, other.dnsNames), concat(ipAddresses, other.ipAddresses));
    }

    public SubjectNames minus(SubjectNames other) {
        Set<String> dns = new LinkedHashSet<>(dnsNames);
        dns.removeAll(other.dnsNames);
        Set<InetAddress> ips = new LinkedHashSet<>(ipAddresses);
        ips.removeAll(other.ipAddresses);
        return new SubjectNames(List.copyOf(dns), List.copyOf(ips));
    }

    public SubjectNames plusDns(String... names) {
        return plus(new SubjectNames(List.of(names), List.of()));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
