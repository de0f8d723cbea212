package io.kube4j.kubelet.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a process and everything it started: SIGTERM to the descendants, SIGKILL to all after the
 * grace period. A zombie counts as dead: an adopted container's processes are not the kubelet's
 * children, and their new parent may never reap them.
 */
final class ProcessTree {

    private static final long POLL_MILLIS = 50;

    private ProcessTree() {
    }

    /**
     * The root is the wrapper shell: it is spared the SIGTERM so that it can record the exit code
     * of the container's own process.
     */
    static void stop(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        if (tree.isEmpty()) {
            root.destroy();
        }
        tree.forEach(ProcessHandle::destroy);
        tree.add(root);
        if (!grace.isZero() && !awaitExit(tree, grace)) {
            tree.addAll(root.descendants().toList());
        }
        for (ProcessHandle p : List.copyOf(tree)) {
            if (alive(p)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        awaitExit(tree, Duration.ofSeconds(10));
    }

    /** Alive and not a zombie (Linux: state Z in /proc/<pid>/stat). */
    static boolean alive(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException e) {
            // no /proc entry: gone (or not Linux, where isAlive is all we have)
            return !Files.isDirectory(Path.of("/proc")) && process.isAlive();
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(ProcessTree::alive)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
