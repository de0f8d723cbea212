package io.kube4j.proxy.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system tools that install rules: {@code iptables-restore}, {@code iptables},
 * {@code ipvsadm-restore}, {@code ip}. {@code prefix} is put before every command (for example
 * {@code ip netns exec NAME} in tests). Only usable as root with the tools on the PATH.
 */
public final class RuleApplier {

    private final List<String> prefix;

    public RuleApplier(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    /** Whether we run as root and every one of {@code tools} is on the PATH. */
    public static boolean available(String... tools) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        for (String tool : tools) {
            if (which(tool) == null) {
                return false;
            }
        }
        return true;
    }

    public static Path which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Installs {@link IptablesRenderer} output: our chains replaced, the jumps from the built-in chains ensured. */
    public void applyIptables(String rules) throws IOException {
        run(rules, "iptables-restore", "--noflush", "-w", "5");
        for (String[] jump : IptablesRenderer.JUMPS) {
            List<String> spec = split(jump[2]);
            List<String> check = new ArrayList<>(List.of("iptables", "-w", "5", "-t", jump[0], "-C", jump[1]));
            check.addAll(spec);
            if (runStatus(null, check) != 0) {
                List<String> insert = new ArrayList<>(List.of("iptables", "-w", "5", "-t", jump[0], "-I", jump[1]));
                insert.addAll(spec);
                run(null, insert.toArray(String[]::new));
            }
        }
    }

    /** Installs {@link IpvsRenderer} output: the dummy interface with every cluster IP, then the virtual servers. */
    public void applyIpvs(List<String> dummyAddresses, String restoreText) throws IOException {
        runStatus(null, List.of("ip", "link", "add", IpvsRenderer.DUMMY, "type", "dummy"));
        for (String ip : dummyAddresses) {
            run(null, "ip", "addr", "replace", ip + "/32", "dev", IpvsRenderer.DUMMY);
        }
        run(null, "ipvsadm", "-C");
        run(restoreText, "ipvsadm-restore");
    }

    /** The output of a command (e.g. {@code iptables-save -t nat}). */
    public String output(String... command) throws IOException {
        Result r = exec(null, List.of(command));
        if (r.status != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + r.status + "): " + r.output.trim());
        }
        return r.output;
    }

    private void run(String input, String... command) throws IOException {
        Result r = exec(input, List.of(command));
        if (r.status != 0) {
            throw new IOException(command[0] + " failed (exit " + r.status + "): " + r.output.trim());
        }
    }

    private int runStatus(String input, List<String> command) throws IOException {
        return exec(input, command).status;
    }

    private record Result(int status, String output) {
    }

    private Result exec(String input, List<String> command) throws IOException {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", full) + " did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Result(process.exitValue(), output);
    }

    /** Splits a rule spec on spaces, keeping double-quoted parts together (without the quotes). */
    static List<String> split(String spec) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : spec.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (word.length() > 0) {
                    out.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }
}
