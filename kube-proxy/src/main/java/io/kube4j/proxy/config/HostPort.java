package io.kube4j.proxy.config;

import java.net.InetSocketAddress;

/** A {@code host:port} bind address; port 0 means "disabled". */
public record HostPort(String host, int port) {

    public static HostPort parse(String text, String field) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0) {
            throw new ConfigException(field + ": expected host:port, got \"" + text + "\"");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new HostPort(host, port);
        } catch (NumberFormatException e) {
            throw new ConfigException(field + ": port must be 0 to 65535 in \"" + text + "\"");
        }
    }

    public boolean enabled() {
        return port != 0;
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }
}
