package io.kube4j.proxy.rules;

import io.kube4j.proxy.state.Endpoint;
import io.kube4j.proxy.state.ProxyState;
import io.kube4j.proxy.state.ServicePort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code ipvs} mode's rules: a virtual server per Service port on its cluster IP and on each node
 * address with its node port, the configured scheduler, a masqueraded real server per endpoint
 * (weights from the wrr annotation), and the cluster IPs bound to the dummy interface
 * {@value #DUMMY} so the kernel accepts traffic for them.
 */
public final class IpvsRenderer {

    public static final String DUMMY = "kube-ipvs0";

    private IpvsRenderer() {
    }

    public static List<VirtualServer> virtualServers(ProxyState state, String scheduler, List<String> nodeAddresses) {
        List<VirtualServer> out = new ArrayList<>();
        for (ProxyState.Entry entry : state.services().values()) {
            ServicePort port = entry.port();
            List<VirtualServer.RealServer> reals = new ArrayList<>();
            for (Endpoint e : entry.endpoints()) {
                reals.add(new VirtualServer.RealServer(e.toString(), e.weight(), 0, 0));
            }
            long persistent = port.affinityTimeout().toSeconds();
            out.add(new VirtualServer(port.protocol(), port.clusterIp() + ":" + port.port(), scheduler, persistent, reals));
            if (port.nodePort() > 0) {
                for (String node : nodeAddresses) {
                    out.add(new VirtualServer(port.protocol(), node + ":" + port.nodePort(), scheduler, persistent, reals));
                }
            }
        }
        return out;
    }

    /** The {@code ipvsadm-restore} input for {@code servers}. */
    public static String restoreText(List<VirtualServer> servers) {
        StringBuilder out = new StringBuilder();
        for (VirtualServer v : servers) {
            String flag = switch (v.protocol()) {
                case "UDP" -> "-u";
                case "SCTP" -> "--sctp-service";
                default -> "-t";
            };
            out.append("-A ").append(flag).append(' ').append(v.address()).append(" -s ").append(v.scheduler());
            if (v.persistent() > 0) {
                out.append(" -p ").append(v.persistent());
            }
            out.append('\n');
            for (VirtualServer.RealServer r : v.reals()) {
                out.append("-a ").append(flag).append(' ').append(v.address()).append(" -r ").append(r.address())
                        .append(" -m -w ").append(r.weight()).append('\n');
            }
        }
        return out.toString();
    }

    /** The addresses the dummy interface must carry: every cluster IP. */
    public static List<String> dummyAddresses(ProxyState state) {
        Set<String> ips = new LinkedHashSet<>();
        for (ProxyState.Entry entry : state.services().values()) {
            ips.add(entry.port().clusterIp());
        }
        return List.copyOf(ips);
    }

    /** Everything the mode would apply, as one printable text (the {@code --dry-run} output). */
    public static String dryRun(ProxyState state, String scheduler, List<String> nodeAddresses) {
        StringBuilder out = new StringBuilder();
        out.append("# ip link add ").append(DUMMY).append(" type dummy\n");
        for (String ip : dummyAddresses(state)) {
            out.append("# ip addr replace ").append(ip).append("/32 dev ").append(DUMMY).append('\n');
        }
        out.append("# ipvsadm-restore <<EOF\n");
        out.append(restoreText(virtualServers(state, scheduler, nodeAddresses)));
        out.append("# EOF\n");
        return out.toString();
    }
}
