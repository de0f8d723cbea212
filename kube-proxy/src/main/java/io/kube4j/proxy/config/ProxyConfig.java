package io.kube4j.proxy.config;

import io.kube4j.proxy.lb.Schedulers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * kube-proxy's settings, the KubeProxyConfiguration fields it understands; flags override the file.
 *
 * @param scheduler           {@code ipvs.scheduler}: the IPVS scheduler (userspace mode uses it too)
 * @param bindAddress         where node ports listen when {@code nodePortAddresses} is empty
 * @param healthzBindAddress  {@code host:port} of /healthz; port 0 disables it
 * @param metricsBindAddress  {@code host:port} of /metrics; port 0 disables it
 * @param clusterCidr         pod CIDR ("" = unknown: masquerade all service traffic in iptables mode)
 * @param nodePortAddresses   CIDRs whose local addresses serve node ports ([] = bindAddress)
 * @param hostnameOverride    this node's name ("" = the host name)
 * @param kubeconfig          {@code clientConnection.kubeconfig}, or null
 * @param syncPeriod          full resync period; /healthz is stale when a change waited more than twice this
 */
public record ProxyConfig(ProxyMode mode, String scheduler, String bindAddress, String healthzBindAddress,
                          String metricsBindAddress, String clusterCidr, List<String> nodePortAddresses,
                          String hostnameOverride, Path kubeconfig, Duration syncPeriod) {

    public static final ProxyConfig DEFAULT = new ProxyConfig(ProxyMode.USERSPACE, Schedulers.DEFAULT, "0.0.0.0",
            "0.0.0.0:10256", "127.0.0.1:10249", "", List.of(), "", null, Duration.ofSeconds(30));

    public ProxyConfig {
        nodePortAddresses = List.copyOf(nodePortAddresses);
        if (!Schedulers.NAMES.contains(scheduler)) {
            throw new ConfigException("ipvs.scheduler: unknown scheduler \"" + scheduler + "\" (known: "
                    + String.join(", ", Schedulers.NAMES) + ")");
        }
        HostPort.parse(healthzBindAddress, "healthzBindAddress");
        HostPort.parse(metricsBindAddress, "metricsBindAddress");
        if (syncPeriod.isNegative() || syncPeriod.isZero()) {
            throw new ConfigException("syncPeriod: must be above 0");
        }
        for (String cidr : nodePortAddresses) {
            Cidr.parse(cidr, "nodePortAddresses");
        }
        if (!clusterCidr.isEmpty()) {
            Cidr.parse(clusterCidr, "clusterCIDR");
        }
    }

    public ProxyConfig withMode(ProxyMode value) {
        return new ProxyConfig(value, scheduler, bindAddress, healthzBindAddress, metricsBindAddress, clusterCidr,
                nodePortAddresses, hostnameOverride, kubeconfig, syncPeriod);
    }

    public ProxyConfig withScheduler(String value) {
        return new ProxyConfig(mode, value, bindAddress, healthzBindAddress, metricsBindAddress, clusterCidr,
                nodePortAddresses, hostnameOverride, kubeconfig, syncPeriod);
    }

    public ProxyConfig withBindAddress(String value) {
        return new ProxyConfig(mode, scheduler, value, healthzBindAddress, metricsBindAddress, clusterCidr,
                nodePortAddresses, hostnameOverride, kubeconfig, syncPeriod);
    }

    public ProxyConfig withHealthzBindAddress(String value) {
        return new ProxyConfig(mode, scheduler, bindAddress, value, metricsBindAddress, clusterCidr,
                nodePortAddresses, hostnameOverride, kubeconfig, syncPeriod);
    }

    public ProxyConfig withMetricsBindAddress(String value) {
        return new ProxyConfig(mode, scheduler, bindAddress, healthzBindAddress, value, clusterCidr,
                nodePortAddresses, hostnameOverride, kubeconfig, syncPeriod);
    }

    public ProxyConfig withClusterCidr(String value) {
        return new ProxyConfig(mode, scheduler, bindAddress, healthzBindAddress, metricsBindAddress, value,
                nodePortAddresses, hostnameOverride, kubeconfig, syncPeriod);
    }

    public ProxyConfig withNodePortAddresses(List<String> value) {
        return new ProxyConfig(mode, scheduler, bindAddress, healthzBindAddress, metricsBindAddress, clusterCidr,
                value, hostnameOverride, kubeconfig, syncPeriod);
    }

    public ProxyConfig withHostnameOverride(String value) {
        return new ProxyConfig(mode, scheduler, bindAddress, healthzBindAddress, metricsBindAddress, clusterCidr,
                nodePortAddresses, value, kubeconfig, syncPeriod);
    }

    public ProxyConfig withKubeconfig(Path value) {
        return new ProxyConfig(mode, scheduler, bindAddress, healthzBindAddress, metricsBindAddress, clusterCidr,
                nodePortAddresses, hostnameOverride, value, syncPeriod);
    }

    public ProxyConfig withSyncPeriod(Duration value) {
        return new ProxyConfig(mode, scheduler, bindAddress, healthzBindAddress, metricsBindAddress, clusterCidr,
                nodePortAddresses, hostnameOverride, kubeconfig, value);
    }
}
