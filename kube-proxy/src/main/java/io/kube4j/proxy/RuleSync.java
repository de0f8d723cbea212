package io.kube4j.proxy;

import io.kube4j.proxy.config.ProxyConfig;
import io.kube4j.proxy.config.ProxyMode;
import io.kube4j.proxy.rules.IptablesRenderer;
import io.kube4j.proxy.rules.IpvsRenderer;
import io.kube4j.proxy.rules.RuleApplier;
import io.kube4j.proxy.state.ProxyState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code iptables} and {@code ipvs} modes: render the whole rule set for a state and, when it
 * changed, apply it (root with the tools present) or print it ({@code --dry-run}). Without root or
 * tools and without --dry-run the rules are only kept for /rules and logged once as not applied.
 * Called from the one sync thread.
 */
final class RuleSync {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSync.class);

    private final ProxyConfig config;
    private final List<String> nodeAddresses;
    private final Consumer<String> dryRun;
    private final RuleApplier applier = new RuleApplier(List.of());
    private final boolean canApply;
    private String last = "";
    private Set<String> lastChains = Set.of();

    RuleSync(ProxyConfig config, List<InetAddress> nodeAddresses, Consumer<String> dryRun) {
        this.config = config;
        this.nodeAddresses = nodeAddresses.stream().map(InetAddress::getHostAddress).toList();
        this.dryRun = dryRun;
        this.canApply = config.mode() == ProxyMode.IPTABLES
                ? RuleApplier.available("iptables-restore", "iptables")
                : RuleApplier.available("ipvsadm", "ipvsadm-restore", "ip");
        if (dryRun == null && !canApply) {
            LOG.warn("kube-proxy: {} mode needs root and {}; rules are computed (GET /rules) but not applied — use --dry-run to print them",
                    config.mode().flagValue(), config.mode() == ProxyMode.IPTABLES ? "iptables-restore" : "ipvsadm");
        }
    }

    List<String> nodeAddresses() {
        return nodeAddresses;
    }

    void apply(ProxyState state) {
        String text = config.mode() == ProxyMode.IPTABLES
                ? IptablesRenderer.render(state, config.clusterCidr(), config.nodePortAddresses())
                : IpvsRenderer.dryRun(state, config.scheduler(), nodeAddresses);
        if (text.equals(last)) {
            return;
        }
        if (dryRun != null) {
            dryRun.accept(text);
        } else if (canApply) {
            try {
                if (config.mode() == ProxyMode.IPTABLES) {
                    applier.applyIptables(IptablesRenderer.deletingStale(text, lastChains));
                    lastChains = IptablesRenderer.serviceChains(text);
                } else {
                    applier.applyIpvs(IpvsRenderer.dummyAddresses(state),
                            IpvsRenderer.restoreText(IpvsRenderer.virtualServers(state, config.scheduler(), nodeAddresses)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("applying the " + config.mode().flagValue() + " rules failed", e);
            }
        }
        last = text;
    }
}
