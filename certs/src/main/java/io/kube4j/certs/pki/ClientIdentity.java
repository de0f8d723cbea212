package io.kube4j.certs.pki;

import java.util.ArrayList;
import java.util.List;

/**
 * A user of the apiserver that gets a client certificate, a kubeconfig and a static token.
 *
 * @param name base name of its files ({@code admin} → {@code admin.crt}, {@code admin.kubeconfig})
 * @param user the Kubernetes user name: certificate CN and token user
 * @param groups the Kubernetes groups: certificate O values and token groups
 */
public record ClientIdentity(String name, String user, List<String> groups) {

    public static final ClientIdentity ADMIN = new ClientIdentity("admin", "admin", List.of("system:masters"));
    public static final ClientIdentity KUBE_SCHEDULER =
            new ClientIdentity("kube-scheduler", "system:kube-scheduler", List.of());
    public static final ClientIdentity KUBE_CONTROLLER_MANAGER =
            new ClientIdentity("kube-controller-manager", "system:kube-controller-manager", List.of());
    public static final ClientIdentity KUBE_PROXY = new ClientIdentity("kube-proxy", "system:kube-proxy", List.of());

    private static final String KUBELET_PREFIX = "kubelet-";

    public ClientIdentity {
        groups = List.copyOf(groups);
    }

    /** The Node authorizer only lets {@code system:node:<name>} in group {@code system:nodes} act for that node. */
    public static ClientIdentity kubelet(String node) {
        return new ClientIdentity(KUBELET_PREFIX + node, "system:node:" + node, List.of("system:nodes"));
    }

    /** Every identity of a cluster with these nodes: admin, the three components, then one kubelet per node. */
    public static List<ClientIdentity> all(List<String> nodes) {
        List<ClientIdentity> identities =
                new ArrayList<>(List.of(ADMIN, KUBE_SCHEDULER, KUBE_CONTROLLER_MANAGER, KUBE_PROXY));
        nodes.forEach(node -> identities.add(kubelet(node)));
        return List.copyOf(identities);
    }
}
