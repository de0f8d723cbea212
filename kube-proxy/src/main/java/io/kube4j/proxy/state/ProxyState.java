package io.kube4j.proxy.state;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Every Service port the proxy serves with its ready endpoints, in name order. Immutable. */
public record ProxyState(SortedMap<ServicePortName, Entry> services) {

    /** One Service port and its endpoints. */
    public record Entry(ServicePort port, List<Endpoint> endpoints) {
        public Entry {
            endpoints = List.copyOf(endpoints);
        }
    }

    public static final ProxyState EMPTY = new ProxyState(new TreeMap<>());

    public ProxyState {
        services = Collections.unmodifiableSortedMap(new TreeMap<>(services));
    }
}
