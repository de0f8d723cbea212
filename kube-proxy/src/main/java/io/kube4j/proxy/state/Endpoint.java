package io.kube4j.proxy.state;

/** One ready address of a Service port, with its wrr weight (1 unless annotated). */
public record Endpoint(String ip, int port, int weight) {

    @Override
    public String toString() {
        return ip + ":" + port;
    }
}
