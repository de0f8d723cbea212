package io.kube4j.common.testing.etcd;

import java.util.List;

/**
 * A real etcd for one test class.
 *
 * @param endpoints client URLs such as {@code http://127.0.0.1:2379}
 * @param prefix    a key prefix no other test class uses (for example {@code /kube4j-test-3f2a}),
 *                  so classes sharing one etcd never see each other's keys
 * @param source    where this etcd came from, for messages
 */
public record Etcd(List<String> endpoints, String prefix, String source) {

    public Etcd {
        endpoints = List.copyOf(endpoints);
    }

    /** The endpoints joined with commas, as {@code --etcd-servers} takes them. */
    public String endpointsFlag() {
        return String.join(",", endpoints);
    }
}
