package io.kube4j.proxy;

import io.kube4j.common.api.core.Endpoints;
import io.kube4j.common.api.core.Service;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ListRequest;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.proxy.config.Cidr;
import io.kube4j.proxy.config.ConfigException;
import io.kube4j.proxy.config.HostPort;
import io.kube4j.proxy.config.ProxyConfig;
import io.kube4j.proxy.rules.IpvsRenderer;
import io.kube4j.proxy.rules.IpvsTable;
import io.kube4j.proxy.state.ProxyState;
import io.kube4j.proxy.state.StateBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kube-proxy rules}: the table like {@code ipvsadm -ln}. Asks the kube-proxy running on this
 * host (its /rules on the metrics address: live connection counts); when none answers and a
 * kubeconfig is given, computes the table from the apiserver's Services and Endpoints (counts 0).
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Prints the virtual servers and their real servers like ipvsadm -ln.")
final class RulesCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ProxyCommand.ConfigFlags flags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ProxyConfig config;
        try {
            config = flags.resolve();
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        HostPort metrics = HostPort.parse(config.metricsBindAddress(), "--metrics-bind-address");
        String fromProxy = metrics.enabled() ? fetch(metrics) : null;
        if (fromProxy != null) {
            spec.commandLine().getOut().print(fromProxy);
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (config.kubeconfig() == null) {
            throw new IOException("no kube-proxy answers on " + config.metricsBindAddress()
                    + " and no --kubeconfig was given to compute the table from the apiserver");
        }
        try (ApiClient api = ApiClient.create(ProxyCommand.client(config))) {
            List<Service> services = new ResourceClient<>(api, Service.KIND).listAll("", ListRequest.ALL).items();
            Map<String, Endpoints> endpoints = new HashMap<>();
            for (Endpoints e : new ResourceClient<>(api, Endpoints.KIND).listAll("", ListRequest.ALL).items()) {
                endpoints.put(e.metadata().namespace() + "/" + e.metadata().name(), e);
            }
            ProxyState state = StateBuilder.build(services, (ns, name) -> endpoints.get(ns + "/" + name));
            List<String> nodes = Cidr.localAddresses(config.nodePortAddresses(), config.bindAddress()).stream()
                    .map(InetAddress::getHostAddress).toList();
            spec.commandLine().getOut().print(IpvsTable.format(IpvsRenderer.virtualServers(state, config.scheduler(), nodes)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    private static String fetch(HostPort at) {
        String host = at.host().equals("0.0.0.0") || at.host().isEmpty() ? "127.0.0.1" : at.host();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + at.port() + "/rules"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return reply.statusCode() == 200 ? reply.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
