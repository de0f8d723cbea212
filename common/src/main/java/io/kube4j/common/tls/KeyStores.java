package io.kube4j.common.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** In-memory key and trust stores built from PEM material, for SSL contexts on both sides. */
public final class KeyStores {

    /** The password of the in-memory stores; they never touch disk. */
    public static final char[] PASSWORD = "kube4j".toCharArray();

    private KeyStores() {
    }

    public static KeyStore keyStore(List<X509Certificate> chain, PrivateKey key) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", key, PASSWORD, chain.toArray(new X509Certificate[0]));
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a key store: " + e.getMessage(), e);
        }
    }

    public static KeyStore trustStore(List<X509Certificate> authorities) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : authorities) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a trust store: " + e.getMessage(), e);
        }
    }
}
