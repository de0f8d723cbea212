package io.kube4j.scheduler;

import io.kube4j.common.client.ClientConfig;
import io.kube4j.common.client.Kubeconfig;
import io.kube4j.common.client.KubeconfigException;
import io.kube4j.common.daemon.Daemons;
import io.kube4j.common.daemon.GracefulStop;
import io.kube4j.common.daemon.LogFlags;
import io.kube4j.scheduler.config.ConfigException;
import io.kube4j.scheduler.config.ConfigLoader;
import io.kube4j.scheduler.config.SchedulerConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kube-scheduler}: assigns pods to nodes. Exits 2 with a one-line reason on bad flags or a
 * bad config file, 1 when the apiserver cannot be used or the lease is lost, 0 after SIGTERM
 * (once in-flight bindings have finished and the lease is released).
 */
@Command(name = "kube-scheduler", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Assigns pods to nodes. Every flag may also be set as KUBE4J_<FLAG>, e.g. KUBE4J_SECURE_PORT.")
public final class SchedulerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerCommand.class);

    @Option(names = "--kubeconfig", required = true, paramLabel = "FILE",
            description = "kubeconfig with the apiserver's address and this scheduler's credentials")
    Path kubeconfig;

    @Option(names = "--config", paramLabel = "FILE",
            description = "KubeSchedulerConfiguration YAML: profiles, plugins, weights, percentageOfNodesToScore")
    Path config;

    @Option(names = "--leader-elect", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "elect a leader over the Lease kube-system/kube-scheduler before scheduling (default ${DEFAULT-VALUE})")
    boolean leaderElect;

    @Option(names = "--secure-port", defaultValue = "10259",
            description = "HTTPS port of /healthz and /metrics; 0 disables (default ${DEFAULT-VALUE})")
    int securePort;

    @Option(names = "--bind-address", defaultValue = "0.0.0.0",
            description = "address the secure port listens on (default ${DEFAULT-VALUE})")
    String bindAddress;

    @Option(names = "--tls-cert-file", paramLabel = "FILE",
            description = "serving certificate (PEM); without it a self-signed one is made at start")
    Path tlsCertFile;

    @Option(names = "--tls-private-key-file", paramLabel = "FILE", description = "the key of --tls-cert-file (PEM)")
    Path tlsKeyFile;

    @Option(names = "--scheduler-name", paramLabel = "NAME",
            description = "the schedulerName of the first profile (default default-scheduler)")
    String schedulerName;

    @CommandLine.Mixin
    LogFlags logging;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Daemons.main(new SchedulerCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        SchedulerOptions options = options();
        logging.apply();
        KubeScheduler scheduler;
        try {
            scheduler = KubeScheduler.create(options);
        } catch (ConfigException e) {
            throw bad("--config: " + e.getMessage());
        }
        return GracefulStop.run("kube-scheduler", scheduler::close, Duration.ofSeconds(15), () -> {
            scheduler.start();
            if (scheduler.awaitStop() == KubeScheduler.Stop.LOST_LEADERSHIP) {
                spec.commandLine().getErr().println("kube-scheduler: lost the lease " + KubeScheduler.LEASE_NAMESPACE
                        + "/" + KubeScheduler.LEASE_NAME);
                return 1;
            }
            LOG.info("kube-scheduler stopped");
            return 0;
        });
    }

    private SchedulerOptions options() {
        if (securePort < 0 || securePort > 65535) {
            throw bad("--secure-port must be 0 to 65535, got " + securePort);
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw bad("--tls-cert-file and --tls-private-key-file go together");
        }
        SchedulerConfig schedulerConfig;
        try {
            schedulerConfig = config == null ? SchedulerConfig.DEFAULT : ConfigLoader.load(config);
        } catch (ConfigException e) {
            throw bad("--config: " + e.getMessage());
        }
        if (schedulerName != null) {
            if (schedulerName.isBlank()) {
                throw bad("--scheduler-name must not be empty");
            }
            schedulerConfig = schedulerConfig.withFirstSchedulerName(schedulerName);
        }
        ClientConfig client;
        try {
            client = Kubeconfig.load(kubeconfig, null);
        } catch (KubeconfigException e) {
            throw bad("--kubeconfig: " + e.getMessage());
        }
        return SchedulerOptions.defaults(client, identity())
                .withConfig(schedulerConfig)
                .withLeaderElect(leaderElect)
                .withServing(bindAddress, securePort, tlsCertFile, tlsKeyFile);
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Kubernetes' form: the host name and a random suffix, unique per process. */
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
