package io.kube4j.controllermanager;

import io.kube4j.common.client.ClientConfig;
import io.kube4j.common.client.Kubeconfig;
import io.kube4j.common.client.KubeconfigException;
import io.kube4j.common.daemon.Daemons;
import io.kube4j.common.daemon.GracefulStop;
import io.kube4j.common.daemon.LogFlags;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kube-controller-manager}: runs the control loops. Exits 2 with a one-line reason on bad
 * flags, 1 when the apiserver cannot be reached or the lease is lost, 0 after SIGTERM.
 */
@Command(name = "kube-controller-manager", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the controllers. Every flag may also be set as KUBE4J_<FLAG>, e.g. KUBE4J_SECURE_PORT.")
public final class ControllerManagerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerManagerCommand.class);

    @Option(names = "--kubeconfig", required = true, paramLabel = "FILE",
            description = "kubeconfig with the apiserver's address and this component's credentials")
    Path kubeconfig;

    @Option(names = "--controllers", split = ",", defaultValue = "*", paramLabel = "NAMES",
            description = "controllers to run: * for all, -name to disable one (default ${DEFAULT-VALUE})")
    List<String> controllers;

    @Option(names = "--leader-elect", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "elect a leader over the Lease kube-system/kube-controller-manager (default ${DEFAULT-VALUE})")
    boolean leaderElect;

    @Option(names = "--leader-elect-lease-duration", defaultValue = "15s", converter = DurationFlag.class,
            description = "how long standbys wait after the last renewal before taking the lease (default ${DEFAULT-VALUE})")
    Duration leaseDuration;

    @Option(names = "--leader-elect-renew-deadline", defaultValue = "10s", converter = DurationFlag.class,
            description = "how long the leader keeps trying to renew before it stops (default ${DEFAULT-VALUE})")
    Duration renewDeadline;

    @Option(names = "--leader-elect-retry-period", defaultValue = "2s", converter = DurationFlag.class,
            description = "how often the lease is renewed or tried (default ${DEFAULT-VALUE})")
    Duration retryPeriod;

    @Option(names = "--secure-port", defaultValue = "10257",
            description = "port of /healthz and /metrics (plain HTTP on --bind-address); 0 disables (default ${DEFAULT-VALUE})")
    int securePort;

    @Option(names = "--bind-address", defaultValue = "127.0.0.1",
            description = "address of --secure-port (default ${DEFAULT-VALUE})")
    String bindAddress;

    @Option(names = "--node-monitor-period", defaultValue = "5s", converter = DurationFlag.class,
            description = "how often node health is checked (default ${DEFAULT-VALUE})")
    Duration nodeMonitorPeriod;

    @Option(names = "--node-monitor-grace-period", defaultValue = "40s", converter = DurationFlag.class,
            description = "silence after which a node is Unknown (default ${DEFAULT-VALUE})")
    Duration nodeMonitorGracePeriod;

    @Option(names = "--pod-eviction-timeout", defaultValue = "5m", converter = DurationFlag.class,
            description = "how long pods stay on an unreachable node without tolerationSeconds (default ${DEFAULT-VALUE})")
    Duration podEvictionTimeout;

    @Option(names = "--node-eviction-rate", defaultValue = "0.1",
            description = "nodes per second whose pods may be evicted (default ${DEFAULT-VALUE})")
    double nodeEvictionRate;

    @Option(names = "--delete-unreachable-nodes-after", defaultValue = "0", converter = DurationFlag.class,
            description = "delete Node objects unreachable this long; 0 never (default ${DEFAULT-VALUE})")
    Duration deleteUnreachableNodesAfter;

    @Option(names = "--resource-quota-sync-period", defaultValue = "5m", converter = DurationFlag.class,
            description = "how often quota usage is recomputed in full (default ${DEFAULT-VALUE})")
    Duration resourceQuotaSyncPeriod;

    @CommandLine.Mixin
    LogFlags logging;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Daemons.main(new ControllerManagerCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        ControllerManagerOptions options = options();
        logging.apply();
        ControllerManager manager = new ControllerManager(options, Clock.systemUTC());
        return GracefulStop.run("kube-controller-manager", manager::close, Duration.ofSeconds(15), () -> {
            manager.start();
            LOG.info("kube-controller-manager started: controllers {}, leader election {}", options.controllers(),
                    options.leaderElect());
            if (manager.awaitStop() == ControllerManager.Stop.LOST_LEADERSHIP) {
                spec.commandLine().getErr().println("kube-controller-manager: lost the lease "
                        + ControllerManager.LEASE_NAMESPACE + "/" + ControllerManager.LEASE_NAME);
                return 1;
            }
            LOG.info("kube-controller-manager stopped");
            return 0;
        });
    }

    private ControllerManagerOptions options() {
        if (securePort < 0 || securePort > 65535) {
            throw bad("--secure-port must be 0 to 65535, got " + securePort);
        }
        positive("--node-monitor-period", nodeMonitorPeriod);
        positive("--node-monitor-grace-period", nodeMonitorGracePeriod);
        positive("--resource-quota-sync-period", resourceQuotaSyncPeriod);
        if (podEvictionTimeout.isNegative() || deleteUnreachableNodesAfter.isNegative()) {
            throw bad("--pod-eviction-timeout and --delete-unreachable-nodes-after must not be negative");
        }
        if (!(nodeEvictionRate > 0)) {
            throw bad("--node-eviction-rate must be positive, got " + nodeEvictionRate);
        }
        List<String> enabled;
        try {
            enabled = Registry.enabled(controllers);
        } catch (IllegalArgumentException e) {
            throw bad("--controllers: " + e.getMessage());
        }
        ClientConfig client;
        try {
            client = Kubeconfig.load(kubeconfig, null);
        } catch (KubeconfigException e) {
            throw bad("--kubeconfig: " + e.getMessage());
        }
        ControllerOptions tuning = ControllerOptions.DEFAULT
                .withNodeTiming(nodeMonitorPeriod, nodeMonitorGracePeriod, podEvictionTimeout, nodeEvictionRate)
                .withDeleteUnreachableNodesAfter(deleteUnreachableNodesAfter)
                .withResourceQuotaSyncPeriod(resourceQuotaSyncPeriod);
        positive("--leader-elect-retry-period", retryPeriod);
        ControllerManagerOptions.ElectionTiming election =
                new ControllerManagerOptions.ElectionTiming(leaseDuration, renewDeadline, retryPeriod);
        try {
            return new ControllerManagerOptions(client, identity(), enabled, leaderElect, bindAddress, securePort, tuning,
                    election);
        } catch (IllegalArgumentException e) {
            throw bad("--leader-elect-*: " + e.getMessage());
        }
    }

    private void positive(String flag, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw bad(flag + " must be positive, got " + value);
        }
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static String identity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "_" + UUID.randomUUID();
    }
}
