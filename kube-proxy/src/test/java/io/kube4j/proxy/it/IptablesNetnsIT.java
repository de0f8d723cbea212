package io.kube4j.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.proxy.rules.IptablesRenderer;
import io.kube4j.proxy.rules.RuleApplier;
import io.kube4j.proxy.state.Endpoint;
import io.kube4j.proxy.state.ProxyState;
import io.kube4j.proxy.state.ServicePort;
import io.kube4j.proxy.state.ServicePortName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The iptables mode's rules applied for real with iptables-restore, inside a network namespace this
 * test creates (and deletes): root, {@code ip} and {@code iptables-restore} are required, else skipped.
 */
class IptablesNetnsIT {

    String netns;
    RuleApplier host = new RuleApplier(List.of());
    RuleApplier inside;

    @BeforeEach
    void createNamespace() throws Exception {
        boolean usable = RuleApplier.available("ip", "iptables-restore", "iptables-save", "iptables");
        if (!usable) {
            System.err.println("*** SKIPPED IptablesNetnsIT: needs root and ip, iptables, iptables-restore, iptables-save"
                    + " (apt-get install -y iptables iproute2) ***");
        }
        Assumptions.assumeTrue(usable, "needs root and ip/iptables-restore");
        netns = "kube4j-test-" + UUID.randomUUID().toString().substring(0, 8);
        host.output("ip", "netns", "add", netns);
        inside = new RuleApplier(List.of("ip", "netns", "exec", netns));
    }

    @AfterEach
    void deleteNamespace() throws Exception {
        if (netns != null) {
            host.output("ip", "netns", "delete", netns);
        }
    }

    static ProxyState state(int endpoints) {
        ServicePortName name = new ServicePortName("default", "web", "http");
        List<Endpoint> eps = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            eps.add(new Endpoint("10.244.0." + (i + 2), 8080, 1));
        }
        TreeMap<ServicePortName, ProxyState.Entry> map = new TreeMap<>();
        map.put(name, new ProxyState.Entry(new ServicePort(name, "10.96.0.10", 80, "TCP", 30080, Duration.ZERO), eps));
        ServicePortName empty = new ServicePortName("default", "idle", "");
        map.put(empty, new ProxyState.Entry(new ServicePort(empty, "10.96.0.11", 443, "TCP", 0, Duration.ZERO), List.of()));
        return new ProxyState(map);
    }

    @Test
    void appliesTheRenderedRulesAndReplacesThemOnTheNextSync() throws Exception {
        String first = IptablesRenderer.render(state(3), "10.244.0.0/16", List.of());
        inside.applyIptables(first);
        String nat = inside.output("iptables-save", "-t", "nat");
        assertThat(nat).contains(":KUBE-SERVICES - [0:0]").contains(":KUBE-NODEPORTS - [0:0]");
        assertThat(nat).contains("-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
        assertThat(nat).contains("-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
        assertThat(nat).contains("-A POSTROUTING -m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING");
        assertThat(nat).containsPattern("-A KUBE-SERVICES -d 10\\.96\\.0\\.10/32 -p tcp -m comment --comment \"default/web:http cluster IP\" -m tcp --dport 80 -j KUBE-SVC-[A-Z2-7]{16}");
        // the kernel keeps probabilities as 32-bit fractions: 1/3 and 1/2 come back nearly exact
        assertThat(nat).containsPattern("--probability 0\\.3333333\\d+ -j KUBE-SEP-");
        assertThat(nat).containsPattern("--probability 0\\.5000000\\d+ -j KUBE-SEP-");
        assertThat(nat).contains("-j DNAT --to-destination 10.244.0.2:8080")
                .contains("-j DNAT --to-destination 10.244.0.4:8080");
        assertThat(nat).containsPattern("-A KUBE-NODEPORTS -p tcp -m comment --comment \"default/web:http\" -m tcp --dport 30080 -j KUBE-EXT-");
        String filter = inside.output("iptables-save", "-t", "filter");
        assertThat(filter).contains("\"default/idle has no endpoints\"").contains("-j REJECT");
        assertThat(filter).contains("-A INPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service portals\" -j KUBE-EXTERNAL-SERVICES");

        // one endpoint left: two endpoint chains are deleted, the jumps are not duplicated
        String second = IptablesRenderer.render(state(1), "10.244.0.0/16", List.of());
        inside.applyIptables(IptablesRenderer.deletingStale(second, IptablesRenderer.serviceChains(first)));
        String after = inside.output("iptables-save", "-t", "nat");
        assertThat(after.lines().filter(l -> l.startsWith(":KUBE-SEP-"))).hasSize(1);
        assertThat(after).doesNotContain("10.244.0.3:8080").doesNotContain("statistic");
        assertThat(after.lines().filter(l -> l.startsWith("-A PREROUTING") && l.contains("KUBE-SERVICES"))).hasSize(1);
    }
}
