package io.kube4j.proxy.config;

import java.util.Locale;

/** How Service traffic reaches endpoints. */
public enum ProxyMode {
    /** kube-proxy relays every connection itself (no root needed). */
    USERSPACE,
    /** iptables NAT rules (root and iptables-restore). */
    IPTABLES,
    /** IPVS virtual servers (root and ipvsadm). */
    IPVS;

    public static ProxyMode parse(String text) {
        if (text == null || text.isBlank()) {
            return USERSPACE;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("mode: expected userspace, iptables or ipvs, got \"" + text + "\"");
        }
    }

    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
