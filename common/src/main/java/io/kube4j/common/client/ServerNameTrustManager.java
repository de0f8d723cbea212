package io.kube4j.common.client;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies the server chain with the standard trust manager but checks the certificate against
 * the kubeconfig's {@code tls-server-name} instead of the URL's host, for servers reached by an
 * address their certificate does not name. Being an {@link X509ExtendedTrustManager}, it replaces
 * the JDK's own host check rather than adding to it. Matching follows RFC 6125: subject
 * alternative names only (no common name), a wildcard only as the whole leftmost label.
 */
final class ServerNameTrustManager extends X509ExtendedTrustManager {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final X509ExtendedTrustManager standard;
    private final String serverName;

    ServerNameTrustManager(X509ExtendedTrustManager standard, String serverName) {
        this.standard = standard;
        this.serverName = serverName;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // the two-argument form validates the chain without any host check of its own
        standard.checkServerTrusted(chain, authType);
        if (!matches(serverName, chain[0])) {
            throw new CertificateException("the server certificate " + chain[0].getSubjectX500Principal().getName()
                    + " does not name tls-server-name " + serverName);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client never authenticates peers as a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return standard.getAcceptedIssuers();
    }

    /** Whether the certificate's subject alternative names cover {@code name} (a DNS name or an IP literal). */
    static boolean matches(String name, X509Certificate certificate) throws CertificateException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return false;
        }
        InetAddress address = ipLiteral(name);
        for (List<?> san : names) {
            int type = (Integer) san.get(0);
            String value = (String) san.get(1);
            if (address != null && type == SAN_IP && address.equals(ipLiteral(value))) {
                return true;
            }
            if (address == null && type == SAN_DNS && dnsMatches(name, value)) {
                return true;
            }
        }
        return false;
    }

    static boolean dnsMatches(String name, String pattern) {
        String host = normalize(name);
        String san = normalize(pattern);
        if (!san.startsWith("*.")) {
            return host.equals(san);
        }
        int dot = host.indexOf('.');
        // "*.example.com" covers exactly one label: a.example.com, not example.com nor a.b.example.com
        return dot > 0 && host.substring(dot).equals(san.substring(1));
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The address of an IP literal, null for a DNS name; never a DNS lookup. */
    private static InetAddress ipLiteral(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(bare).matches() && !bare.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
