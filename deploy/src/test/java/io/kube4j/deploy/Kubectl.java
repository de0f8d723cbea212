package io.kube4j.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real kubectl against a {@link LocalCluster}, with a fresh discovery cache per run. */
final class Kubectl {

    private final Path kubeconfig;
    private final Path cacheDir;

    Kubectl(Path kubeconfig) throws IOException {
        this.kubeconfig = kubeconfig;
        this.cacheDir = Files.createTempDirectory("kube4j-kubectl-cache-");
    }

    static String binary() {
        String env = System.getenv("KUBECTL");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return env;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl").toString();
            }
        }
        return null;
    }

    LocalCluster.Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", cacheDir.toString()));
        command.addAll(List.of(args));
        return Processes.run(command, Map.of(), timeout);
    }

    /** Runs and demands exit code 0; returns stdout. */
    String ok(String... args) throws IOException, InterruptedException {
        LocalCluster.Result result = run(Duration.ofSeconds(90), args);
        if (result.exit() != 0) {
            throw new AssertionError("kubectl " + String.join(" ", args) + " exited " + result.exit() + ": "
                    + result.err() + result.out());
        }
        return result.out();
    }
}
