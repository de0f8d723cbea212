package io.kube4j.proxy.rules;

import io.kube4j.proxy.state.Endpoint;
import io.kube4j.proxy.state.ProxyState;
import io.kube4j.proxy.state.ServicePort;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code iptables} mode's rules, as {@code iptables-restore} input in Kubernetes' layout:
 * KUBE-SERVICES matches each cluster IP:port and jumps to the port's KUBE-SVC-* chain, which picks an
 * endpoint chain (KUBE-SEP-*) with {@code statistic --mode random} probabilities 1/n, 1/(n-1), … 1 so
 * each endpoint gets an equal share; KUBE-SEP-* DNATs to the endpoint. KUBE-NODEPORTS sends node
 * ports through KUBE-EXT-* (masquerade, then the service chain). Ports without endpoints are
 * REJECTed in the filter table. {@code ClientIP} affinity uses the {@code recent} match.
 * Only KUBE-* chains are written, so the text is applied with {@code --noflush}.
 */
public final class IptablesRenderer {

    /** The built-in chains that must jump into ours, as {@code iptables} rule specs (table, chain, rule). */
    public static final List<String[]> JUMPS = List.of(
            new String[] {"nat", "PREROUTING", "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"},
            new String[] {"nat", "OUTPUT", "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"},
            new String[] {"nat", "POSTROUTING", "-m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING"},
            new String[] {"filter", "INPUT", "-m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service portals\" -j KUBE-EXTERNAL-SERVICES"},
            new String[] {"filter", "FORWARD", "-m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"},
            new String[] {"filter", "OUTPUT", "-m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"});

    private static final String MASQ_MARK = "0x4000";

    private IptablesRenderer() {
    }

    /**
     * @param clusterCidr      pod CIDR; traffic to a cluster IP from outside it is masqueraded ("" = masquerade all)
     * @param nodePortCidrs    where node ports are served ("" list = every local address)
     */
    public static String render(ProxyState state, String clusterCidr, List<String> nodePortCidrs) {
        List<String> filterRules = new ArrayList<>();
        List<String> natChains = new ArrayList<>(List.of("KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ"));
        List<String> natRules = new ArrayList<>();
        natRules.add("-A KUBE-POSTROUTING -m mark ! --mark " + MASQ_MARK + "/" + MASQ_MARK + " -j RETURN");
        natRules.add("-A KUBE-POSTROUTING -j MARK --xor-mark " + MASQ_MARK);
        natRules.add("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully");
        natRules.add("-A KUBE-MARK-MASQ -j MARK --or-mark " + MASQ_MARK);

        for (ProxyState.Entry entry : state.services().values()) {
            ServicePort port = entry.port();
            String name = port.name().toString();
            String proto = port.protocol().toLowerCase(Locale.ROOT);
            String match = "-m " + proto + " -p " + proto;
            String dest = "-d " + port.clusterIp() + "/32 --dport " + port.port();
            List<Endpoint> endpoints = entry.endpoints();
            if (endpoints.isEmpty()) {
                filterRules.add("-A KUBE-SERVICES -m comment --comment \"" + name + " has no endpoints\" " + match + " "
                        + dest + " -j REJECT");
                if (port.nodePort() > 0) {
                    filterRules.add("-A KUBE-EXTERNAL-SERVICES -m comment --comment \"" + name + " has no endpoints\" "
                            + "-m addrtype --dst-type LOCAL " + match + " --dport " + port.nodePort() + " -j REJECT");
                }
                continue;
            }
            String svc = chain("KUBE-SVC-", name + port.protocol());
            natChains.add(svc);
            natRules.add("-A KUBE-SERVICES -m comment --comment \"" + name + " cluster IP\" " + match + " " + dest + " -j " + svc);
            natRules.add("-A " + svc + " -m comment --comment \"" + name + " cluster IP\" " + match + " " + dest
                    + (clusterCidr.isEmpty() ? "" : " ! -s " + clusterCidr) + " -j KUBE-MARK-MASQ");
            if (port.nodePort() > 0) {
                String ext = chain("KUBE-EXT-", name + port.protocol());
                natChains.add(ext);
                natRules.add("-A KUBE-NODEPORTS -m comment --comment " + name + " " + match + " --dport " + port.nodePort()
                        + " -j " + ext);
                natRules.add("-A " + ext + " -m comment --comment \"masquerade traffic for " + name
                        + " external destinations\" -j KUBE-MARK-MASQ");
                natRules.add("-A " + ext + " -j " + svc);
            }
            long affinity = port.affinityTimeout().toSeconds();
            List<String> seps = new ArrayList<>();
            for (Endpoint e : endpoints) {
                seps.add(chain("KUBE-SEP-", name + port.protocol() + e));
            }
            if (affinity > 0) {
                for (int i = 0; i < endpoints.size(); i++) {
                    natRules.add("-A " + svc + " -m comment --comment \"" + name + " -> " + endpoints.get(i) + "\" -m recent --name "
                            + seps.get(i) + " --rcheck --seconds " + affinity + " --reap -j " + seps.get(i));
                }
            }
            int n = endpoints.size();
            for (int i = 0; i < n; i++) {
                String comment = "-m comment --comment \"" + name + " -> " + endpoints.get(i) + "\"";
                String pick = i < n - 1
                        ? " -m statistic --mode random --probability " + String.format(Locale.ROOT, "%.10f", 1.0 / (n - i))
                        : "";
                natRules.add("-A " + svc + " " + comment + pick + " -j " + seps.get(i));
            }
            for (int i = 0; i < n; i++) {
                Endpoint e = endpoints.get(i);
                String sep = seps.get(i);
                natChains.add(sep);
                natRules.add("-A " + sep + " -m comment --comment " + name + " -s " + e.ip() + "/32 -j KUBE-MARK-MASQ");
                natRules.add("-A " + sep + " -m comment --comment " + name + " " + match
                        + (affinity > 0 ? " -m recent --name " + sep + " --set" : "")
                        + " -j DNAT --to-destination " + e);
            }
        }
        if (nodePortCidrs.isEmpty()) {
            natRules.add("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\""
                    + " -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS");
        } else {
            for (String cidr : nodePortCidrs) {
                natRules.add("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\""
                        + " -d " + cidr + " -j KUBE-NODEPORTS");
            }
        }

        StringBuilder out = new StringBuilder();
        out.append("*filter\n");
        for (String c : List.of("KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD", "KUBE-NODEPORTS")) {
            out.append(':').append(c).append(" - [0:0]\n");
        }
        out.append("-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP\n");
        out.append("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark ")
                .append(MASQ_MARK).append('/').append(MASQ_MARK).append(" -j ACCEPT\n");
        filterRules.forEach(r -> out.append(r).append('\n'));
        out.append("COMMIT\n*nat\n");
        natChains.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
        natRules.forEach(r -> out.append(r).append('\n'));
        out.append("COMMIT\n");
        return out.toString();
    }

    /** The per-service chains (KUBE-SVC-*, KUBE-SEP-*, KUBE-EXT-*) a rendered text declares. */
    public static java.util.Set<String> serviceChains(String rules) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String line : rules.split("\n")) {
            if (line.startsWith(":KUBE-SVC-") || line.startsWith(":KUBE-SEP-") || line.startsWith(":KUBE-EXT-")) {
                out.add(line.substring(1, line.indexOf(' ')));
            }
        }
        return out;
    }

    /**
     * {@code rules} plus the deletion of every chain of {@code previous} it no longer declares: with
     * {@code --noflush} a chain we stopped writing would otherwise stay behind.
     */
    public static String deletingStale(String rules, java.util.Set<String> previous) {
        java.util.Set<String> stale = new java.util.TreeSet<>(previous);
        stale.removeAll(serviceChains(rules));
        if (stale.isEmpty()) {
            return rules;
        }
        StringBuilder extra = new StringBuilder();
        stale.forEach(c -> extra.append(':').append(c).append(" - [0:0]\n"));
        stale.forEach(c -> extra.append("-X ").append(c).append('\n'));
        int end = rules.lastIndexOf("COMMIT\n");
        return rules.substring(0, end) + extra + rules.substring(end);
    }

    /** Kubernetes' chain naming: prefix + the first 16 base32 characters of the SHA-256 of the key. */
    static String chain(String prefix, String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return prefix + base32(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base32(byte[] bytes) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = buffer << 8 | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt(buffer >> (bits - 5) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt(buffer << (5 - bits) & 31));
        }
        return out.toString();
    }
}
