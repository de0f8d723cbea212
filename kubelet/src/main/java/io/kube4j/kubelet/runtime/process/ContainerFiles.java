package io.kube4j.kubelet.runtime.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Where one container keeps its state: {@code <pod>/containers/<name>/} with {@code <n>.log}
 * (stdout and stderr of attempt n), {@code <n>.exit} (its exit code, written by the wrapper
 * shell) and {@code current} (attempt, pid, the process's start instant, startedAt). The files
 * outlive the kubelet, so a new one adopts the processes instead of starting twins.
 */
record ContainerFiles(Path dir) {

    static ContainerFiles of(Path podDir, String container) {
        return new ContainerFiles(podDir.resolve("containers").resolve(container));
    }

    Path log(int attempt) {
        return dir.resolve(attempt + ".log");
    }

    Path exit(int attempt) {
        return dir.resolve(attempt + ".exit");
    }

    /** The last attempt's record, if any. */
    record Current(int attempt, long pid, Instant processStart, Instant startedAt) {
    }

    Optional<Current> readCurrent() {
        Path file = dir.resolve("current");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(in);
            String processStart = p.getProperty("processStart", "");
            return Optional.of(new Current(Integer.parseInt(p.getProperty("attempt")), Long.parseLong(p.getProperty("pid")),
                    processStart.isEmpty() ? null : Instant.parse(processStart), Instant.parse(p.getProperty("startedAt"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void writeCurrent(Current current) {
        Properties p = new Properties();
        p.setProperty("attempt", Integer.toString(current.attempt()));
        p.setProperty("pid", Long.toString(current.pid()));
        p.setProperty("processStart", current.processStart() == null ? "" : current.processStart().toString());
        p.setProperty("startedAt", current.startedAt().toString());
        Path tmp = dir.resolve("current.tmp");
        try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(tmp, dir.resolve("current"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exit code the wrapper wrote, if it lived to write it. */
    Optional<Integer> readExit(int attempt) {
        try {
            return Optional.of(Integer.parseInt(Files.readString(exit(attempt)).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    Optional<Instant> exitTime(int attempt) {
        try {
            return Optional.of(Files.getLastModifiedTime(exit(attempt)).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
