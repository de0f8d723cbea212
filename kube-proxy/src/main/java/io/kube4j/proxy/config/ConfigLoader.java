package io.kube4j.proxy.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

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

    private ConfigLoader() {
    }

    public static ProxyConfig load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    public static ProxyConfig parse(String yaml) {
        JsonNode root;
        try {
            root = Json.YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException("the config is not valid YAML: " + e.getOriginalMessage());
        }
        ProxyConfig config = ProxyConfig.DEFAULT;
        if (root == null || root.isMissingNode() || root.isNull()) {
            return config;
        }
        object(root, "the config");
        allow(root, "", "apiVersion", "kind", "mode", "bindAddress", "healthzBindAddress", "metricsBindAddress",
                "clusterCIDR", "nodePortAddresses", "hostnameOverride", "clientConnection", "ipvs", "iptables");
        String apiVersion = text(root, "apiVersion", "apiVersion", "");
        if (!apiVersion.isEmpty() && !apiVersion.startsWith(API_GROUP)) {
            throw new ConfigException("apiVersion: expected " + API_GROUP + "<version>, got \"" + apiVersion + "\"");
        }
        String kind = text(root, "kind", "kind", KIND);
        if (!kind.equals(KIND)) {
            throw new ConfigException("kind: expected " + KIND + ", got \"" + kind + "\"");
        }
        config = config.withMode(ProxyMode.parse(text(root, "mode", "mode", "")))
                .withBindAddress(text(root, "bindAddress", "bindAddress", config.bindAddress()))
                .withHealthzBindAddress(text(root, "healthzBindAddress", "healthzBindAddress", config.healthzBindAddress()))
                .withMetricsBindAddress(text(root, "metricsBindAddress", "metricsBindAddress", config.metricsBindAddress()))
                .withClusterCidr(text(root, "clusterCIDR", "clusterCIDR", ""))
                .withHostnameOverride(text(root, "hostnameOverride", "hostnameOverride", ""));
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
            object(client, "clientConnection");
            allow(client, "clientConnection.", "kubeconfig", "qps", "burst", "contentType", "acceptContentTypes");
            String kubeconfig = text(client, "kubeconfig", "clientConnection.kubeconfig", "");
            if (!kubeconfig.isEmpty()) {
                config = config.withKubeconfig(Path.of(kubeconfig));
            }
        }
        JsonNode ipvs = root.path("ipvs");
        if (!ipvs.isMissingNode() && !ipvs.isNull()) {
            object(ipvs, "ipvs");
            allow(ipvs, "ipvs.", "scheduler", "syncPeriod", "minSyncPeriod", "excludeCIDRs", "strictARP");
            String scheduler = text(ipvs, "scheduler", "ipvs.scheduler", "");
            if (!scheduler.isEmpty()) {
                config = config.withScheduler(scheduler);
            }
            config = syncPeriod(ipvs, "ipvs", config);
        }
        JsonNode iptables = root.path("iptables");
        if (!iptables.isMissingNode() && !iptables.isNull()) {
            object(iptables, "iptables");
            allow(iptables, "iptables.", "syncPeriod", "minSyncPeriod", "masqueradeAll", "masqueradeBit");
            config = syncPeriod(iptables, "iptables", config);
        }
        return config;
    }

    private static ProxyConfig syncPeriod(JsonNode node, String at, ProxyConfig config) {
        String period = text(node, "syncPeriod", at + ".syncPeriod", "");
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

    private static void allow(JsonNode node, String prefix, String... fields) {
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ConfigException(prefix + name + ": unknown field (known: " + String.join(", ", fields) + ")");
            }
        }
    }

    private static void object(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new ConfigException(at + ": expected a mapping");
        }
    }

    private static String text(JsonNode node, String field, String at, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new ConfigException(at + ": expected a string, got " + value);
        }
        return value.asText();
    }
}
