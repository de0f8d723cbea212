package io.kube4j.kubelet.volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A directory whose whole content is replaced at once, laid out as Kubernetes' atomic writer does:
 * the files live in a hidden {@code ..<version>} directory, {@code ..data} is a symlink to the
 * current one, and each top-level name is a symlink through {@code ..data}. An update writes a new
 * version and renames a fresh {@code ..data} link over the old one (one {@code rename(2)}), so a
 * reader sees either the old set of files or the new one, never a mix. Links are relative, so the
 * directory may be bind-mounted anywhere. Not thread-safe: one writer per directory.
 */
final class AtomicDir {

    static final String DATA = "..data";

    /** One file to write: its bytes and permission bits. */
    record Content(byte[] bytes, int mode) {
    }

    private AtomicDir() {
    }

    /**
     * Makes {@code dir} hold exactly {@code files} (relative path → content).
     *
     * @return false when it already did (nothing written)
     */
    static boolean write(Path dir, Map<String, Content> files) throws IOException {
        Files.createDirectories(dir);
        Path data = dir.resolve(DATA);
        Path current = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;
        if (current != null && same(current, files)) {
            return false;
        }
        Path version = Files.createTempDirectory(dir, "..");
        Files.setPosixFilePermissions(version, PosixFilePermissions.fromString("rwxr-xr-x"));
        Set<String> top = new HashSet<>();
        for (Map.Entry<String, Content> e : files.entrySet()) {
            Path file = version.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue().bytes());
            Files.setPosixFilePermissions(file, Volumes.permissions(e.getValue().mode()));
            top.add(Path.of(e.getKey()).getName(0).toString());
        }
        Path link = dir.resolve(DATA + "_tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, version.getFileName());
        Files.move(link, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String name : top) {
            Path entry = dir.resolve(name);
            if (!Files.isSymbolicLink(entry)) {
                Files.createSymbolicLink(entry, Path.of(DATA, name));
            }
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith("..") && !top.contains(name) && Files.isSymbolicLink(entry)) {
                    Files.delete(entry);
                }
            }
        }
        if (current != null && !current.equals(version)) {
            deleteTree(current);
        }
        return true;
    }

    private static boolean same(Path version, Map<String, Content> files) throws IOException {
        if (!Files.isDirectory(version)) {
            return false;
        }
        int count;
        try (Stream<Path> walk = Files.walk(version)) {
            count = (int) walk.filter(Files::isRegularFile).count();
        }
        if (count != files.size()) {
            return false;
        }
        for (Map.Entry<String, Content> e : files.entrySet()) {
            Path file = version.resolve(e.getKey());
            if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), e.getValue().bytes())
                    || !Files.getPosixFilePermissions(file).equals(Volumes.permissions(e.getValue().mode()))) {
                return false;
            }
        }
        return true;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
