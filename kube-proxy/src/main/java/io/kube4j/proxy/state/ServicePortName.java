package io.kube4j.proxy.state;

/** One port of one Service: {@code namespace/name:port} as kube-proxy names it (":port" only when named). */
public record ServicePortName(String namespace, String name, String port) implements Comparable<ServicePortName> {

    @Override
    public String toString() {
        return namespace + "/" + name + (port.isEmpty() ? "" : ":" + port);
    }

    @Override
    public int compareTo(ServicePortName other) {
        return toString().compareTo(other.toString());
    }
}
