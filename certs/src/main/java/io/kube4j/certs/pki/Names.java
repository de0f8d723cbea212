package io.kube4j.certs.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/** Validation of the names that end up in certificates; every failure is a one-line message. */
final class Names {

    /** RFC 1123 subdomain, as Kubernetes validates node names. */
    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int MAX_SUBDOMAIN_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private Names() {
    }

    /** Digits and dots, or any colon: the user meant an address, so it must parse as one. */
    static boolean looksLikeIp(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** Parses an IPv4 or IPv6 literal without ever asking DNS. */
    static InetAddress parseIp(String literal) {
        if (!IPAddress.isValidIPv4(literal) && !IPAddress.isValidIPv6(literal)) {
            throw new IllegalArgumentException("'" + literal + "' is not a valid IP address");
        }
        try {
            // Safe: a validated literal is converted without a lookup.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + literal + "' is not a valid IP address", e);
        }
    }

    /** Host names go into DNS SANs; DNS is case-insensitive, so they are kept in lower case. */
    static String requireDnsName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (!isDns1123Subdomain(name)) {
            throw new IllegalArgumentException("'" + host + "' is neither an IP address nor a valid DNS name");
        }
        return name;
    }

    /** Node names are Kubernetes object names: lower-case RFC 1123 subdomains. */
    static String requireNodeName(String node) {
        if (!isDns1123Subdomain(node)) {
            throw new IllegalArgumentException("node name '" + node
                    + "' is not a lower-case RFC 1123 subdomain (a-z, 0-9, '-' and '.')");
        }
        if (looksLikeIp(node)) {
            // A node may be named by its address, but then it must be one: it goes into an IP SAN.
            parseIp(node);
        }
        return node;
    }

    /** Validates every node name and rejects duplicates, which would write the same files twice. */
    static List<String> requireNodeNames(List<String> nodes) {
        Set<String> unique = new LinkedHashSet<>();
        for (String node : nodes) {
            if (!unique.add(requireNodeName(node))) {
                throw new IllegalArgumentException("node '" + node + "' is listed twice");
            }
        }
        return List.copyOf(unique);
    }

    private static boolean isDns1123Subdomain(String name) {
        return name.length() <= MAX_SUBDOMAIN_LENGTH
                && DNS_1123_SUBDOMAIN.matcher(name).matches()
                && Arrays.stream(name.split("\\.")).allMatch(label -> label.length() <= MAX_LABEL_LENGTH);
    }

    /**
     * The first usable address of a service CIDR, which Kubernetes gives to the {@code kubernetes}
     * service, so in-cluster clients dial it and the apiserver certificate must name it.
     */
    static InetAddress firstServiceIp(String cidr) {
        String[] parts = cidr == null ? new String[0] : cidr.split("/", -1);
        if (parts.length != 2 || !parts[1].matches("\\d{1,3}")) {
            throw new IllegalArgumentException(
                    "service cluster IP range '" + cidr + "' is not a CIDR like 10.96.0.0/12");
        }
        if (!IPAddress.isValidIPv4(parts[0]) && !IPAddress.isValidIPv6(parts[0])) {
            throw new IllegalArgumentException(
                    "service cluster IP range '" + cidr + "' does not start with an IP address");
        }
        byte[] network = parseIp(parts[0]).getAddress();
        int bits = network.length * 8;
        int prefix = Integer.parseInt(parts[1]);
        if (prefix > bits) {
            throw new IllegalArgumentException(
                    "service cluster IP range '" + cidr + "' has a prefix longer than " + bits + " bits");
        }
        // A /31 or /32 (/127, /128) has no room for a service IP after the network address.
        if (prefix > bits - 2) {
            throw new IllegalArgumentException("service cluster IP range '" + cidr + "' is too small");
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(prefix).not();
        BigInteger first = new BigInteger(1, network).and(mask).add(BigInteger.ONE);
        return toAddress(first, network.length);
    }

    private static InetAddress toAddress(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] address = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, address, length - copy, copy);
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + length + " bytes is always valid", e);
        }
    }
}
