package io.kube4j.proxy.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An IPv4 CIDR block, and the local addresses inside a set of them (where node ports listen). */
public record Cidr(int base, int prefix) {

    public static Cidr parse(String text, String field) {
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                throw new IllegalArgumentException();
            }
            InetAddress address = InetAddress.getByName(text.substring(0, slash));
            int prefix = Integer.parseInt(text.substring(slash + 1));
            if (!(address instanceof Inet4Address) || prefix < 0 || prefix > 32
                    || !Character.isDigit(text.charAt(0))) {
                throw new IllegalArgumentException();
            }
            return new Cidr(toInt(address) & mask(prefix), prefix);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new ConfigException(field + ": expected an IPv4 CIDR such as 127.0.0.0/8, got \"" + text + "\"");
        }
    }

    public boolean contains(InetAddress address) {
        return address instanceof Inet4Address && (toInt(address) & mask(prefix)) == base;
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static int toInt(InetAddress address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /**
     * The local IPv4 addresses inside {@code cidrs}; a /32 counts as local when it is a loopback
     * address (Linux answers on all of 127.0.0.0/8). Empty {@code cidrs}: just {@code fallback}.
     */
    public static List<InetAddress> localAddresses(List<String> cidrs, String fallback) {
        Set<InetAddress> out = new LinkedHashSet<>();
        try {
            if (cidrs.isEmpty()) {
                out.add(InetAddress.getByName(fallback));
                return new ArrayList<>(out);
            }
            List<InetAddress> local = new ArrayList<>();
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                local.addAll(Collections.list(nic.getInetAddresses()));
            }
            for (String text : cidrs) {
                Cidr cidr = parse(text, "nodePortAddresses");
                for (InetAddress a : local) {
                    if (cidr.contains(a)) {
                        out.add(a);
                    }
                }
                if (cidr.prefix() == 32) {
                    InetAddress single = InetAddress.getByName(text.substring(0, text.indexOf('/')));
                    if (single.isLoopbackAddress()) {
                        out.add(single);
                    }
                }
            }
        } catch (SocketException | UnknownHostException e) {
            throw new ConfigException("cannot list this host's addresses: " + e.getMessage());
        }
        return new ArrayList<>(out);
    }
}
