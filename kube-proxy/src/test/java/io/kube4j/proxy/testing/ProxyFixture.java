package io.kube4j.proxy.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ServiceRanges;
import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Endpoints;
import io.kube4j.common.api.core.Namespace;
import io.kube4j.common.api.core.Service;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.proxy.KubeProxy;
import io.kube4j.proxy.config.ProxyConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A real apiserver (cluster IPs from 127.96.0.0/16, so the proxy can listen on them without root),
 * an admin client, and in-process kube-proxies authenticated as system:kube-proxy, started on demand.
 * Close it to stop everything it started.
 */
public final class ProxyFixture implements AutoCloseable {

    public static final ServiceRanges RANGES = ServiceRanges.of("127.96.0.0/16", "30000-32767");

    private final TestCluster cluster;
    private final ApiClient admin;
    public final ResourceClient<Service> services;
    public final ResourceClient<Endpoints> endpoints;
    private final List<AutoCloseable> started = new ArrayList<>();

    private ProxyFixture(TestCluster cluster) throws Exception {
        this.cluster = cluster;
        this.admin = ApiClient.create(cluster.clientConfig("admin").withRateLimit(0, 1));
        this.services = new ResourceClient<>(admin, Service.KIND);
        this.endpoints = new ResourceClient<>(admin, Endpoints.KIND);
    }

    public static ProxyFixture start(Etcd etcd) throws Exception {
        return new ProxyFixture(TestCluster.start(etcd, c -> c.withServiceRanges(RANGES)));
    }

    public TestCluster cluster() {
        return cluster;
    }

    public String namespace(String name) {
        new ResourceClient<>(admin, Namespace.KIND).create(Namespace.named(name));
        return name;
    }

    /** A config for tests: node ports on 127.0.0.1, no health or metrics ports unless set. */
    public static ProxyConfig config() {
        return ProxyConfig.DEFAULT.withNodePortAddresses(List.of("127.0.0.1/32"))
                .withHealthzBindAddress("127.0.0.1:0").withMetricsBindAddress("127.0.0.1:0");
    }

    public KubeProxy startProxy(ProxyConfig config) throws Exception {
        KubeProxy proxy = new KubeProxy(config, cluster.clientConfig("kube-proxy"), "n1", null, Clock.systemUTC());
        started.add(proxy);
        return proxy.start();
    }

    /** A Service with one TCP port {@code port} (named "web") and the given type. */
    public Service service(String ns, String name, String type, int port) {
        Service s = Service.named(ns, name);
        ObjectNode spec = s.json().putObject("spec");
        spec.put("type", type);
        spec.putObject("selector").put("app", name);
        ObjectNode p = spec.putArray("ports").addObject();
        p.put("name", "web");
        p.put("port", port);
        p.put("protocol", "TCP");
        return services.create(s);
    }

    /** Creates or replaces the Endpoints of {@code ns/name}: port "web" on each of {@code ips}. */
    public void endpoints(String ns, String name, int port, List<String> ips) {
        Endpoints e = Endpoints.named(ns, name);
        ObjectNode subset = e.json().putArray("subsets").addObject();
        ArrayNode addresses = subset.putArray("addresses");
        ips.forEach(ip -> addresses.addObject().put("ip", ip));
        ObjectNode p = subset.putArray("ports").addObject();
        p.put("name", "web");
        p.put("port", port);
        p.put("protocol", "TCP");
        var existing = endpoints.find(ns, name);
        if (existing.isPresent()) {
            e.metadata().resourceVersion(existing.get().metadata().resourceVersion());
            endpoints.update(e);
        } else {
            endpoints.create(e);
        }
    }

    public static String clusterIp(Service s) {
        return s.spec().path("clusterIP").asText();
    }

    public static int nodePort(Service s) {
        return s.spec().path("ports").get(0).path("nodePort").asInt();
    }

    @Override
    public void close() {
        for (AutoCloseable c : started) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        admin.close();
        cluster.close();
    }

    static {
        Json.object(); // load the mapper before threads race for it
    }
}
