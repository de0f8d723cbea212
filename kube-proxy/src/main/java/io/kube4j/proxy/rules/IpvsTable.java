package io.kube4j.proxy.rules;

import java.util.List;

/** Formats virtual servers the way {@code ipvsadm -ln} prints them. */
public final class IpvsTable {

    private IpvsTable() {
    }

    public static String format(List<VirtualServer> servers) {
        StringBuilder out = new StringBuilder();
        out.append("IP Virtual Server version 1.2.1 (size=4096)\n");
        out.append("Prot LocalAddress:Port Scheduler Flags\n");
        out.append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        for (VirtualServer v : servers) {
            out.append(String.format("%-4s %s %s%s%n", v.protocol(), v.address(), v.scheduler(),
                    v.persistent() > 0 ? " persistent " + v.persistent() : ""));
            for (VirtualServer.RealServer r : v.reals()) {
                out.append(String.format("  -> %-28s Masq    %-6d %-10d %d%n", r.address(), r.weight(), r.active(), r.inactive()));
            }
        }
        return out.toString();
    }
}
