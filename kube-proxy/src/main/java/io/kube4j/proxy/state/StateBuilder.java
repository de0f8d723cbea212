package io.kube4j.proxy.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.Endpoints;
import io.kube4j.common.api.core.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Turns Services and their Endpoints into a {@link ProxyState}. Services without a cluster IP
 * (headless, ExternalName) are skipped; endpoints are the ready addresses of the subset ports whose
 * name matches the Service port's. wrr weights come from the annotation {@value #WEIGHTS} on the
 * Endpoints (or else the Service): {@code "127.0.0.2=3,127.0.0.3:8080=1"}, by IP or IP:port.
 */
public final class StateBuilder {

    public static final String WEIGHTS = "proxy.kube4j.io/weights";
    private static final int DEFAULT_AFFINITY_SECONDS = 10_800;

    private StateBuilder() {
    }

    /** @param endpoints the Endpoints object of a Service (same namespace and name), or null */
    public static ProxyState build(Collection<Service> services, BiFunction<String, String, Endpoints> endpoints) {
        TreeMap<ServicePortName, ProxyState.Entry> out = new TreeMap<>();
        for (Service service : services) {
            JsonNode spec = service.spec();
            String type = spec.path("type").asText("ClusterIP");
            String clusterIp = spec.path("clusterIP").asText("");
            if (type.equals("ExternalName") || clusterIp.isEmpty() || clusterIp.equals("None")) {
                continue;
            }
            String ns = service.metadata().namespace();
            String name = service.metadata().name();
            Endpoints eps = endpoints.apply(ns, name);
            Map<String, Integer> weights = weights(service.metadata().annotations().get(WEIGHTS));
            if (eps != null) {
                weights.putAll(weights(eps.metadata().annotations().get(WEIGHTS)));
            }
            Duration affinity = Duration.ZERO;
            if (spec.path("sessionAffinity").asText("None").equals("ClientIP")) {
                affinity = Duration.ofSeconds(spec.path("sessionAffinityConfig").path("clientIP")
                        .path("timeoutSeconds").asInt(DEFAULT_AFFINITY_SECONDS));
            }
            for (JsonNode p : spec.path("ports")) {
                String portName = p.path("name").asText("");
                ServicePortName key = new ServicePortName(ns, name, portName);
                String protocol = p.path("protocol").asText("TCP");
                ServicePort port = new ServicePort(key, clusterIp, p.path("port").asInt(), protocol,
                        p.path("nodePort").asInt(0), affinity);
                out.put(key, new ProxyState.Entry(port, endpointsOf(eps, portName, protocol, weights)));
            }
        }
        return new ProxyState(out);
    }

    private static List<Endpoint> endpointsOf(Endpoints eps, String portName, String protocol, Map<String, Integer> weights) {
        List<Endpoint> out = new ArrayList<>();
        if (eps == null) {
            return out;
        }
        for (JsonNode subset : eps.json().path("subsets")) {
            for (JsonNode port : subset.path("ports")) {
                if (!port.path("name").asText("").equals(portName) || !port.path("protocol").asText("TCP").equals(protocol)) {
                    continue;
                }
                int number = port.path("port").asInt(0);
                for (JsonNode address : subset.path("addresses")) {
                    String ip = address.path("ip").asText("");
                    if (ip.isEmpty() || number <= 0) {
                        continue;
                    }
                    int weight = weights.getOrDefault(ip + ":" + number, weights.getOrDefault(ip, 1));
                    out.add(new Endpoint(ip, number, weight));
                }
            }
        }
        return out;
    }

    /** {@code "a=3,b=1"}; malformed entries are ignored (weight 1). */
    static Map<String, Integer> weights(String annotation) {
        Map<String, Integer> out = new HashMap<>();
        if (annotation == null) {
            return out;
        }
        for (String part : annotation.split(",")) {
            int eq = part.lastIndexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                int w = Integer.parseInt(part.substring(eq + 1).trim());
                if (w >= 0) {
                    out.put(part.substring(0, eq).trim(), w);
                }
            } catch (NumberFormatException e) {
                // ignored
            }
        }
        return out;
    }
}
