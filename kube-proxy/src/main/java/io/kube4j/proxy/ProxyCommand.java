package io.kube4j.proxy;

import io.kube4j.common.client.ClientConfig;
import io.kube4j.common.client.Kubeconfig;
import io.kube4j.common.client.KubeconfigException;
import io.kube4j.common.daemon.Daemons;
import io.kube4j.common.daemon.GracefulStop;
import io.kube4j.common.daemon.LogFlags;
import io.kube4j.proxy.config.Cidr;
import io.kube4j.proxy.config.ConfigException;
import io.kube4j.proxy.config.ConfigLoader;
import io.kube4j.proxy.config.ProxyConfig;
import io.kube4j.proxy.config.ProxyMode;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kube-proxy}: makes Services reachable on this node. Exits 2 with a one-line reason on bad
 * flags or a bad config file, 1 when the apiserver cannot be used, 0 after SIGTERM (listeners and
 * connections closed). {@code kube-proxy rules} prints the table like {@code ipvsadm -ln}.
 */
@Command(name = "kube-proxy", mixinStandardHelpOptions = true, sortOptions = false, subcommands = RulesCommand.class,
        description = "Forwards Service traffic to endpoints. Every flag may also be set as KUBE4J_<FLAG>, e.g. KUBE4J_PROXY_MODE.")
public final class ProxyCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyCommand.class);

    /** The flags shared with {@code kube-proxy rules}. */
    static final class ConfigFlags {
        @Option(names = "--kubeconfig", paramLabel = "FILE",
                description = "kubeconfig with the apiserver's address and kube-proxy's credentials (or clientConnection.kubeconfig)")
        Path kubeconfig;

        @Option(names = "--config", paramLabel = "FILE",
                description = "KubeProxyConfiguration YAML: mode, ipvs.scheduler, bindAddress, healthzBindAddress, metricsBindAddress, clusterCIDR, nodePortAddresses; flags override it")
        Path config;

        @Option(names = "--proxy-mode", paramLabel = "MODE", description = "userspace (default), iptables or ipvs")
        String proxyMode;

        @Option(names = "--ipvs-scheduler", paramLabel = "NAME", description = "rr (default), wrr, lc, sh, dh, sed or nq")
        String scheduler;

        @Option(names = "--hostname-override", paramLabel = "NAME", description = "this node's name (default: the host name)")
        String hostnameOverride;

        @Option(names = "--bind-address", paramLabel = "IP", description = "where node ports listen without nodePortAddresses (default 0.0.0.0)")
        String bindAddress;

        @Option(names = "--healthz-bind-address", paramLabel = "HOST:PORT", description = "/healthz (default 0.0.0.0:10256; port 0 disables)")
        String healthzBindAddress;

        @Option(names = "--metrics-bind-address", paramLabel = "HOST:PORT", description = "/metrics and /rules (default 127.0.0.1:10249; port 0 disables)")
        String metricsBindAddress;

        @Option(names = "--cluster-cidr", paramLabel = "CIDR", description = "the pods' CIDR (iptables: masquerade traffic from outside it)")
        String clusterCidr;

        @Option(names = "--nodeport-addresses", split = ",", paramLabel = "CIDR", description = "CIDRs whose local addresses serve node ports")
        List<String> nodePortAddresses;

        /** The file (if any) with these flags on top. */
        ProxyConfig resolve() {
            ProxyConfig c = config == null ? ProxyConfig.DEFAULT : ConfigLoader.load(config);
            if (proxyMode != null) {
                c = c.withMode(ProxyMode.parse(proxyMode));
            }
            if (scheduler != null) {
                c = c.withScheduler(scheduler);
            }
            if (hostnameOverride != null) {
                c = c.withHostnameOverride(hostnameOverride);
            }
            if (bindAddress != null) {
                c = c.withBindAddress(bindAddress);
            }
            if (healthzBindAddress != null) {
                c = c.withHealthzBindAddress(healthzBindAddress);
            }
            if (metricsBindAddress != null) {
                c = c.withMetricsBindAddress(metricsBindAddress);
            }
            if (clusterCidr != null) {
                c = c.withClusterCidr(clusterCidr);
            }
            if (nodePortAddresses != null) {
                c = c.withNodePortAddresses(nodePortAddresses);
            }
            if (kubeconfig != null) {
                c = c.withKubeconfig(kubeconfig);
            }
            Cidr.localAddresses(c.nodePortAddresses(), c.bindAddress()); // a bad address fails now
            return c;
        }
    }

    @CommandLine.Mixin
    ConfigFlags flags;

    @Option(names = "--dry-run", description = "iptables/ipvs modes: print the rules on every change instead of applying them")
    boolean dryRun;

    @CommandLine.Mixin
    LogFlags logging;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Daemons.main(new ProxyCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        ProxyConfig config;
        ClientConfig client;
        try {
            config = flags.resolve();
            client = client(config);
        } catch (ConfigException e) {
            throw bad(e.getMessage());
        }
        logging.apply();
        PrintWriter out = spec.commandLine().getOut();
        Consumer<String> printer = dryRun ? rules -> {
            out.print(rules);
            out.flush();
        } : null;
        KubeProxy proxy = new KubeProxy(config, client, nodeName(config), printer, Clock.systemUTC());
        return GracefulStop.run("kube-proxy", proxy::close, Duration.ofSeconds(10), () -> {
            proxy.start();
            proxy.awaitStop();
            LOG.info("kube-proxy stopped");
            return 0;
        });
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static ClientConfig client(ProxyConfig config) {
        if (config.kubeconfig() == null) {
            throw new ConfigException("--kubeconfig (or clientConnection.kubeconfig in --config) is required");
        }
        try {
            return Kubeconfig.load(config.kubeconfig(), null);
        } catch (KubeconfigException e) {
            throw new ConfigException("--kubeconfig: " + e.getMessage());
        }
    }

    static String nodeName(ProxyConfig config) {
        if (!config.hostnameOverride().isBlank()) {
            return config.hostnameOverride().trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
