package io.kube4j.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.daemon.StrictYaml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a KubeProxyConfiguration file strictly (an unknown field or a wrong type is an error
 * naming the field). The fields kube4j understands:
 * <pre>
 * apiVersion: kubeproxy.config.k8s.io/v1alpha1   # optional
 * kind: KubeProxyConfiguration                    # optional
 * mode: userspace | iptables | ipvs
 * bindAddress: 0.0.0.0
 * healthzBindAddress: 0.0.0.0:10256
 * metricsBindAddress: 127.0.0.1:10249
 * clusterCIDR: 10.244.0.0/16
 * nodePortAddresses: [127.0.0.0/8]
 * hostnameOverride: n1
 * clientConnection: {kubeconfig: /path}
 * ipvs: {scheduler: rr, syncPeriod: 30s}
 * iptables: {syncPeriod: 30s}
 * </pre>
 */
public final class ConfigLoader {

    private static final String API_GROUP = "kubeproxy.config.k8s.io/";
    private static final String KIND = "KubeProxyConfiguration";
    private static final StrictYaml YAML = new StrictYaml(API_GROUP, KIND, ConfigException::new);

    private ConfigLoader() {
    }

    public static ProxyConfig load(Path file) {
        return parse(YAML.read(file));
    }

    public static ProxyConfig parse(String yaml) {
        ProxyConfig config = ProxyConfig.DEFAULT;
        JsonNode root = YAML.document(yaml, "mode", "bindAddress", "healthzBindAddress", "metricsBindAddress",
                "clusterCIDR", "nodePortAddresses", "hostnameOverride", "clientConnection", "ipvs", "iptables");
        if (root == null) {
            return config;
        }
        config = config.withMode(ProxyMode.parse(YAML.text(root, "mode", "")))
                .withBindAddress(YAML.text(root, "bindAddress", config.bindAddress()))
                .withHealthzBindAddress(YAML.text(root, "healthzBindAddress", config.healthzBindAddress()))
                .withMetricsBindAddress(YAML.text(root, "metricsBindAddress", config.metricsBindAddress()))
                .withClusterCidr(YAML.text(root, "clusterCIDR", ""))
                .withHostnameOverride(YAML.text(root, "hostnameOverride", ""));
        JsonNode addresses = root.path("nodePortAddresses");
        if (!addresses.isMissingNode() && !addresses.isNull()) {
            if (!addresses.isArray()) {
                throw new ConfigException("nodePortAddresses: expected a list of CIDRs");
            }
            List<String> cidrs = new ArrayList<>();
            for (int i = 0; i < addresses.size(); i++) {
                if (!addresses.get(i).isTextual()) {
                    throw new ConfigException("nodePortAddresses[" + i + "]: expected a CIDR string");
                }
                cidrs.add(addresses.get(i).asText());
            }
            config = config.withNodePortAddresses(cidrs);
        }
        JsonNode client = root.path("clientConnection");
        if (!client.isMissingNode() && !client.isNull()) {
            YAML.object(client, "clientConnection");
            YAML.allow(client, "clientConnection.", "kubeconfig", "qps", "burst", "contentType", "acceptContentTypes");
            String kubeconfig = YAML.text(client, "kubeconfig", "clientConnection.kubeconfig", "");
            if (!kubeconfig.isEmpty()) {
                config = config.withKubeconfig(Path.of(kubeconfig));
            }
        }
        JsonNode ipvs = root.path("ipvs");
        if (!ipvs.isMissingNode() && !ipvs.isNull()) {
            YAML.object(ipvs, "ipvs");
            YAML.allow(ipvs, "ipvs.", "scheduler", "syncPeriod", "minSyncPeriod", "excludeCIDRs", "strictARP");
            String scheduler = YAML.text(ipvs, "scheduler", "ipvs.scheduler", "");
            if (!scheduler.isEmpty()) {
                config = config.withScheduler(scheduler);
            }
            config = syncPeriod(ipvs, "ipvs", config);
        }
        JsonNode iptables = root.path("iptables");
        if (!iptables.isMissingNode() && !iptables.isNull()) {
            YAML.object(iptables, "iptables");
            YAML.allow(iptables, "iptables.", "syncPeriod", "minSyncPeriod", "masqueradeAll", "masqueradeBit");
            config = syncPeriod(iptables, "iptables", config);
        }
        return config;
    }

    private static ProxyConfig syncPeriod(JsonNode node, String at, ProxyConfig config) {
        String period = YAML.text(node, "syncPeriod", at + ".syncPeriod", "");
        return period.isEmpty() ? config : config.withSyncPeriod(duration(period, at + ".syncPeriod"));
    }

    /** Kubernetes durations: {@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms}. */
    public static Duration duration(String text, String field) {
        String t = text.trim();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            return Duration.parse("PT" + t.toUpperCase());
        } catch (RuntimeException e) {
            throw new ConfigException(field + ": invalid duration \"" + text + "\" (use e.g. 30s, 5m, 1h)");
        }
    }
}
