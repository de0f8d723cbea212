package io.kube4j.proxy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Blocking test clients of the proxy. */
public final class Clients {

    private Clients() {
    }

    /** Connects (from {@code from}, or any address when null), reads the backend's greeting and closes. */
    public static String hello(InetSocketAddress target, InetAddress from) throws IOException {
        try (Socket s = new Socket()) {
            if (from != null) {
                s.bind(new InetSocketAddress(from, 0));
            }
            s.connect(target, 2_000);
            s.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new IOException("closed by the proxy without a greeting");
            }
            return line;
        }
    }

    /** Whether something accepts connections at {@code target}. */
    public static boolean accepts(InetSocketAddress target) {
        try (Socket s = new Socket()) {
            s.connect(target, 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
