package io.kube4j.deploy.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code footprint}: each daemon stopped and started again from its own command line, timed from
 * the process start to its health endpoint answering 200 (a bare {@code java -version} with the same
 * JVM flags is the baseline); then resident memory of every process, idle and later loaded.
 */
final class FootprintScenario {

    /** The control plane of the target: apiserver, scheduler, controller-manager, one kubelet, one kube-proxy. */
    static final List<String> CONTROL_PLANE = List.of("kube-apiserver", "kube-scheduler", "kube-controller-manager",
            "kubelet-n1", "kube-proxy-n1");
    private static final Duration READY_DEADLINE = Duration.ofSeconds(60);

    private final BenchCluster cluster;

    FootprintScenario(BenchCluster cluster) {
        this.cluster = cluster;
    }

    /** Restarts each daemon in turn and times it to ready. */
    List<Figure> coldStarts() throws IOException, InterruptedException {
        List<Figure> figures = new ArrayList<>();
        double jvm = bareJvmMillis(cluster.commandLine("kube-scheduler"));
        for (String component : CONTROL_PLANE) {
            int port = BenchCluster.freePort();
            String health = switch (component) {
                case "kube-apiserver" -> "https://127.0.0.1:" + cluster.securePort + "/readyz";
                case "kube-scheduler" -> "https://127.0.0.1:" + port + "/healthz";
                case "kube-controller-manager" -> "http://127.0.0.1:" + port + "/healthz";
                case "kubelet-n1" -> "https://127.0.0.1:" + cluster.kubeletPort + "/healthz";
                default -> "http://127.0.0.1:" + cluster.proxyHealthzPort + "/healthz";
            };
            List<String> command = cluster.commandLine(component);
            if (component.equals("kube-scheduler") || component.equals("kube-controller-manager")) {
                command = BenchCluster.withFlag(command, "--secure-port", Integer.toString(port));
            }
            cluster.stop(component);
            long began = System.nanoTime();
            cluster.start(component, command);
            if (!Probes.until(READY_DEADLINE, () -> Probes.healthy(health))) {
                throw new BenchException(component + " was not ready at " + health + " within " + READY_DEADLINE
                        + cluster.logTails());
            }
            double millis = (System.nanoTime() - began) / 1e6;
            figures.add(Figure.target("footprint", component + " cold start to ready", millis, "ms",
                    "bare JVM start", jvm, "<= 2,000 ms", millis <= 2000));
        }
        return figures;
    }

    /** Resident memory of every process now; the control plane's sum against the target when {@code idle}. */
    List<Figure> rss(String when, boolean idle) {
        Map<String, Double> rss = new LinkedHashMap<>();
        for (String component : List.of("etcd", "kube-apiserver", "kube-scheduler", "kube-controller-manager",
                "kubelet-n1", "kube-proxy-n1", "kubelet-n2", "kube-proxy-n2")) {
            rss.put(component, Probes.rssMiB(cluster.pid(component)));
        }
        List<Figure> figures = new ArrayList<>();
        rss.forEach((component, mib) -> figures.add(Figure.info("footprint", component + " RSS " + when, mib, "MiB")));
        double sum = CONTROL_PLANE.stream().mapToDouble(rss::get).sum();
        if (idle) {
            figures.add(Figure.target("footprint", "control plane RSS " + when, sum, "MiB", "", Double.NaN,
                    "<= 768 MiB", sum <= 768));
        } else {
            figures.add(Figure.info("footprint", "control plane RSS " + when, sum, "MiB"));
        }
        return figures;
    }

    /** {@code java <same flags> -version}: what starting any JVM costs here. */
    private static double bareJvmMillis(List<String> daemonCommand) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        for (String arg : daemonCommand) {
            if (arg.equals("-jar")) {
                break;
            }
            command.add(arg);
        }
        command.add("-version");
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long began = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            best = Math.min(best, (System.nanoTime() - began) / 1e6);
        }
        return best;
    }
}
