package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which labels a kubelet may set on its own Node: none under {@code node-restriction.kubernetes.io/},
 * and of the {@code kubernetes.io} and {@code k8s.io} namespaces only the well-known ones
 * kubelets report (hostname, os, arch, instance type, zone, region) and the
 * {@code kubelet.kubernetes.io/} and {@code node.kubernetes.io/} namespaces. So a kubelet cannot
 * give itself {@code node-role.kubernetes.io/control-plane} and attract privileged workloads.
 */
final class NodeLabels {

    private static final Set<String> KUBELET_LABELS = Set.of(
            "kubernetes.io/hostname", "kubernetes.io/os", "kubernetes.io/arch",
            "beta.kubernetes.io/os", "beta.kubernetes.io/arch", "beta.kubernetes.io/instance-type",
            "node.kubernetes.io/instance-type", "topology.kubernetes.io/zone", "topology.kubernetes.io/region",
            "failure-domain.beta.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/region");

    private NodeLabels() {
    }

    /** The label keys that differ between two label maps (added, removed or changed), sorted. */
    static Set<String> modified(JsonNode labels, JsonNode oldLabels) {
        Set<String> keys = new TreeSet<>();
        labels.fields().forEachRemaining(e -> {
            if (!e.getValue().equals(oldLabels.get(e.getKey()))) {
                keys.add(e.getKey());
            }
        });
        oldLabels.fields().forEachRemaining(e -> {
            if (!labels.has(e.getKey())) {
                keys.add(e.getKey());
            }
        });
        return keys;
    }

    /** Those of {@code keys} a kubelet may not set, sorted. */
    static Set<String> forbidden(Set<String> keys) {
        Set<String> out = new TreeSet<>();
        for (String key : keys) {
            String namespace = namespace(key);
            if (within(namespace, "node-restriction.kubernetes.io")
                    || (isKubernetes(namespace) && !isKubeletLabel(key, namespace))) {
                out.add(key);
            }
        }
        return out;
    }

    private static boolean isKubernetes(String namespace) {
        return within(namespace, "kubernetes.io") || within(namespace, "k8s.io");
    }

    private static boolean isKubeletLabel(String key, String namespace) {
        return KUBELET_LABELS.contains(key) || within(namespace, "kubelet.kubernetes.io")
                || within(namespace, "node.kubernetes.io");
    }

    private static boolean within(String namespace, String domain) {
        return namespace.equals(domain) || namespace.endsWith("." + domain);
    }

    private static String namespace(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }
}
