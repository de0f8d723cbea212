package io.kube4j.kubelet;

import io.kube4j.common.client.ClientConfig;
import io.kube4j.common.client.Kubeconfig;
import io.kube4j.common.client.KubeconfigException;
import io.kube4j.common.daemon.Daemons;
import io.kube4j.common.daemon.LogFlags;
import io.kube4j.kubelet.node.NodeAgent;
import io.kube4j.kubelet.runtime.ContainerRuntimes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kubelet}: runs the pods bound to this node. Exits 2 with a one-line reason on bad flags,
 * 1 when the apiserver cannot be used, 0 after SIGTERM. On SIGTERM the kubelet stops but its
 * containers keep running: the next kubelet over the same {@code --root-dir} adopts them.
 */
@Command(name = "kubelet", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the pods bound to this node. Every flag may also be set as KUBE4J_<FLAG>, e.g. KUBE4J_PORT.")
public final class KubeletCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(KubeletCommand.class);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Option(names = "--kubeconfig", required = true, paramLabel = "FILE", description = "kubeconfig with the apiserver and this node's credentials")
    Path kubeconfig;

    @Option(names = "--hostname-override", paramLabel = "NAME", description = "the node name (default: the host name)")
    String hostnameOverride;

    @Option(names = "--container-runtime", defaultValue = "process",
            description = "process, docker or fake (default ${DEFAULT-VALUE})")
    ContainerRuntimes.Type containerRuntime;

    @Option(names = "--pod-infra-container-image", defaultValue = "busybox:latest", paramLabel = "IMAGE",
            description = "with --container-runtime=docker: the image of pod sandboxes, which must have sleep; never pulled when present (default ${DEFAULT-VALUE})")
    String podInfraImage;

    @Option(names = "--pod-manifest-path", paramLabel = "DIR",
            description = "a directory of static pod manifests (YAML or JSON) to run and mirror to the apiserver")
    Path podManifestPath;

    @Option(names = "--root-dir", defaultValue = "/var/lib/kubelet", paramLabel = "DIR",
            description = "pod directories, container logs and state (default ${DEFAULT-VALUE})")
    Path rootDir;

    @Option(names = "--port", defaultValue = "10250", description = "HTTPS port of the kubelet API; 0 disables (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--tls-cert-file", paramLabel = "FILE", description = "serving certificate (PEM); self-signed when absent")
    Path tlsCertFile;

    @Option(names = "--tls-private-key-file", paramLabel = "FILE", description = "the key of --tls-cert-file (PEM)")
    Path tlsKeyFile;

    @Option(names = "--client-ca-file", paramLabel = "FILE", description = "CA of the client certificates the API accepts")
    Path clientCaFile;

    @Option(names = "--node-labels", paramLabel = "K=V,...", description = "labels to register the node with")
    String nodeLabels;

    @Option(names = "--register-with-taints", paramLabel = "K=V:EFFECT,...", description = "taints to register the node with")
    String taints;

    @Option(names = "--max-pods", defaultValue = "110", description = "pod capacity (default ${DEFAULT-VALUE})")
    int maxPods;

    @Option(names = "--cpu", description = "CPU capacity, e.g. 4 or 3500m (default: detected)")
    String cpu;

    @Option(names = "--memory", description = "memory capacity, e.g. 8Gi (default: detected)")
    String memory;

    @Option(names = "--pod-cidr", defaultValue = "127.1.0.0/16",
            description = "IPv4 range of pod IPs; give each kubelet on a host its own (default ${DEFAULT-VALUE})")
    String podCidr;

    @Option(names = "--node-ip", defaultValue = "127.0.0.1", description = "the node's InternalIP (default ${DEFAULT-VALUE})")
    String nodeIp;

    @Option(names = "--fake-nodes", defaultValue = "0", description = "with --container-runtime=fake: register N nodes <name>-0…")
    int fakeNodes;

    @Option(names = "--node-status-update-frequency", defaultValue = "10s", description = "how often the node status is posted (default ${DEFAULT-VALUE})")
    String statusFrequency;

    @CommandLine.Mixin
    LogFlags logging;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Daemons.main(new KubeletCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        KubeletOptions options = options();
        logging.apply();
        Kubelet kubelet = new Kubelet(options, Clock.systemUTC());
        try {
            kubelet.start();
        } catch (RuntimeException e) {
            kubelet.close();
            throw new IllegalStateException("cannot start node " + options.nodeName() + ": " + Daemons.oneLine(e), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("kubelet is stopping (signal); containers keep running");
            kubelet.close();
            stopped.countDown();
        }, "kubelet-shutdown"));
        LOG.info("kubelet {} running (runtime {}, port {})", kubelet.nodeNames(), containerRuntime, kubelet.port());
        stopped.await();
        return 0;
    }

    private KubeletOptions options() {
        if (port < 0 || port > 65535) {
            throw bad("--port must be 0 to 65535, got " + port);
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw bad("--tls-cert-file and --tls-private-key-file go together");
        }
        if (maxPods < 1) {
            throw bad("--max-pods must be at least 1, got " + maxPods);
        }
        if (fakeNodes < 0 || fakeNodes > 0 && containerRuntime != ContainerRuntimes.Type.FAKE) {
            throw bad("--fake-nodes needs --container-runtime=fake and a count of 0 or more");
        }
        String name = hostnameOverride == null || hostnameOverride.isBlank() ? hostName() : hostnameOverride.toLowerCase(Locale.ROOT);
        List<String> taintList = taints == null || taints.isBlank() ? List.of() : List.of(taints.split(","));
        for (String t : taintList) {
            if (!t.matches("[^=:]+(=[^:]*)?:(NoSchedule|PreferNoSchedule|NoExecute)")) {
                throw bad("--register-with-taints: \"" + t + "\" is not key[=value]:NoSchedule|PreferNoSchedule|NoExecute");
            }
        }
        if (!podCidr.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
            throw bad("--pod-cidr: \"" + podCidr + "\" is not a.b.c.d/n");
        }
        Duration status = duration("--node-status-update-frequency", statusFrequency);
        Map<String, String> labelMap = labels(nodeLabels);
        ClientConfig client;
        try {
            client = Kubeconfig.load(kubeconfig, null);
        } catch (KubeconfigException e) {
            throw bad("--kubeconfig: " + e.getMessage());
        }
        KubeletOptions defaults = KubeletOptions.defaults(client, name, rootDir.toAbsolutePath());
        if (podManifestPath != null && !java.nio.file.Files.isDirectory(podManifestPath)) {
            throw bad("--pod-manifest-path: " + podManifestPath + " is not a directory");
        }
        return defaults.withRuntime(containerRuntime, fakeNodes)
                .withPodInfraImage(podInfraImage)
                .withPodManifestPath(podManifestPath == null ? null : podManifestPath.toAbsolutePath())
                .withServing(port, tlsCertFile, tlsKeyFile, clientCaFile)
                .withNode(labelMap, taintList, maxPods, cpu == null ? defaults.cpu() : cpu,
                        memory == null ? defaults.memory() : memory, podCidr, nodeIp)
                .withTiming(new NodeAgent.Periods(NodeAgent.Periods.DEFAULT.leaseRenew(), status), defaults.backoff());
    }

    private Map<String, String> labels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw bad("--node-labels: \"" + pair + "\" is not key=value");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }

    private Duration duration(String flag, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw bad(flag + ": \"" + text + "\" is not a duration such as 10s, 500ms or 1m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
