package io.kube4j.kubelet.pod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The per-pod directory {@code <root-dir>/pods/<uid>} (volumes, container logs and state) and
 * the pod's IP, kept in a file there so that a restarted kubelet gives adopted pods the same one.
 */
final class PodSandboxes {

    private final Path podsDir;
    private final PodIps ips;

    PodSandboxes(Path podsDir, PodIps ips) {
        this.podsDir = podsDir;
        this.ips = ips;
    }

    Path directory(String uid) {
        Path dir = podsDir.resolve(uid);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create pod directory " + dir, e);
        }
        return dir;
    }

    /** The pod's IP: the one recorded for it, or a new one. */
    String ip(String uid) {
        Path file = directory(uid).resolve("ip");
        try {
            if (ips.of(uid).isEmpty() && Files.exists(file)) {
                ips.restore(uid, Files.readString(file).trim());
            }
            String ip = ips.allocate(uid);
            if (!Files.exists(file)) {
                Files.writeString(file, ip);
            }
            return ip;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the IP of pod " + uid, e);
        }
    }

    /** Forgets the pod: releases its IP and deletes its directory. */
    void remove(String uid) {
        ips.release(uid);
        Path dir = podsDir.resolve(uid);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove pod directory " + dir, e);
        }
    }
}
