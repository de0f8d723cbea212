package io.kube4j.proxy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.proxy.state.Endpoint;
import io.kube4j.proxy.state.ProxyState;
import io.kube4j.proxy.state.ServicePort;
import io.kube4j.proxy.state.ServicePortName;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IptablesRendererTest {

    static ProxyState state(int endpoints, int nodePort, Duration affinity) {
        ServicePortName name = new ServicePortName("default", "web", "http");
        ServicePort port = new ServicePort(name, "10.96.0.10", 80, "TCP", nodePort, affinity);
        List<Endpoint> eps = new java.util.ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            eps.add(new Endpoint("10.244.0." + (i + 2), 8080, 1));
        }
        TreeMap<ServicePortName, ProxyState.Entry> map = new TreeMap<>();
        map.put(name, new ProxyState.Entry(port, eps));
        return new ProxyState(map);
    }

    @Test
    void threeEndpointsGetOneThirdThenOneHalfThenTheRest() {
        String rules = IptablesRenderer.render(state(3, 30080, Duration.ZERO), "10.244.0.0/16", List.of());
        String svc = IptablesRenderer.chain("KUBE-SVC-", "default/web:httpTCP");
        assertThat(svc).matches("KUBE-SVC-[A-Z2-7]{16}");
        assertThat(rules).contains("-A KUBE-SERVICES -m comment --comment \"default/web:http cluster IP\" -m tcp -p tcp -d 10.96.0.10/32 --dport 80 -j " + svc);
        assertThat(rules).contains("! -s 10.244.0.0/16 -j KUBE-MARK-MASQ");
        // 1/3 of all, then 1/2 of the remaining two thirds, then the last third: each endpoint 1/3
        assertThat(rules).contains("-m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-");
        assertThat(rules).contains("-m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-");
        assertThat(rules.lines().filter(l -> l.startsWith("-A " + svc) && l.contains("-> 10.244.0.4:8080")).findFirst().orElseThrow())
                .doesNotContain("statistic");
        assertThat(rules).contains("-j DNAT --to-destination 10.244.0.2:8080");
        assertThat(rules).contains("-A KUBE-NODEPORTS -m comment --comment default/web:http -m tcp -p tcp --dport 30080 -j KUBE-EXT-");
        assertThat(rules).contains("-m addrtype --dst-type LOCAL -j KUBE-NODEPORTS");
        assertThat(rules).startsWith("*filter\n").contains("COMMIT\n*nat\n").endsWith("COMMIT\n");
        assertThat(IptablesRenderer.serviceChains(rules)).hasSize(5); // SVC, EXT, three SEPs
    }

    @Test
    void aPortWithoutEndpointsIsRejected() {
        String rules = IptablesRenderer.render(state(0, 30080, Duration.ZERO), "", List.of("127.0.0.0/8"));
        assertThat(rules).contains("-A KUBE-SERVICES -m comment --comment \"default/web:http has no endpoints\" -m tcp -p tcp -d 10.96.0.10/32 --dport 80 -j REJECT");
        assertThat(rules).contains("-A KUBE-EXTERNAL-SERVICES");
        assertThat(rules).contains("-d 127.0.0.0/8 -j KUBE-NODEPORTS");
        assertThat(rules).doesNotContain("KUBE-SVC-");
    }

    @Test
    void clientIpAffinityUsesTheRecentMatch() {
        String rules = IptablesRenderer.render(state(2, 0, Duration.ofSeconds(600)), "", List.of());
        assertThat(rules).contains("--rcheck --seconds 600 --reap");
        assertThat(rules).contains("--set -j DNAT");
    }

    @Test
    void chainsNoLongerWrittenAreDeleted() {
        String before = IptablesRenderer.render(state(3, 0, Duration.ZERO), "", List.of());
        String after = IptablesRenderer.render(state(1, 0, Duration.ZERO), "", List.of());
        Set<String> old = IptablesRenderer.serviceChains(before);
        String applied = IptablesRenderer.deletingStale(after, old);
        assertThat(applied.lines().filter(l -> l.startsWith("-X KUBE-SEP-"))).hasSize(2);
        assertThat(applied).endsWith("COMMIT\n");
    }

    @Test
    void ipvsTablesLookLikeIpvsadm() {
        List<VirtualServer> servers = IpvsRenderer.virtualServers(state(2, 30080, Duration.ofSeconds(10800)), "sh", List.of("192.168.1.5"));
        String table = IpvsTable.format(servers);
        assertThat(table).contains("Prot LocalAddress:Port Scheduler Flags");
        assertThat(table).contains("TCP  10.96.0.10:80 sh persistent 10800");
        assertThat(table).contains("TCP  192.168.1.5:30080 sh persistent 10800");
        assertThat(table).containsPattern("  -> 10\\.244\\.0\\.2:8080 +Masq    1 +0 +0");
        assertThat(IpvsRenderer.restoreText(servers)).contains("-A -t 10.96.0.10:80 -s sh -p 10800\n")
                .contains("-a -t 10.96.0.10:80 -r 10.244.0.3:8080 -m -w 1\n");
        assertThat(IpvsRenderer.dryRun(state(1, 0, Duration.ZERO), "rr", List.of())).contains("ip addr replace 10.96.0.10/32 dev kube-ipvs0");
    }
}
