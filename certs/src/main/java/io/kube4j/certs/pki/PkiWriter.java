package io.kube4j.certs.pki;

import io.kube4j.certs.kubeconfig.Kubeconfig;
import io.kube4j.certs.kubeconfig.KubeconfigYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes the files of one PKI directory and remembers which, in order. Each file is written to a
 * temporary file that only its owner can read and then moved into place, so a private key is
 * never readable by others, not even for a moment, and a crash never leaves half a file.
 */
final class PkiWriter {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final PkiLayout layout;
    private final List<Path> written = new ArrayList<>();

    PkiWriter(PkiLayout layout) {
        this.layout = layout;
    }

    /** The certificate is public (0644); the key is written 0600, and only when it is new. */
    void writePair(String name, CertifiedKey pair, boolean writeKey) {
        writePublic(layout.certificate(name), Pem.encode(pair.certificate()));
        if (writeKey) {
            writePrivate(layout.privateKey(name), Pem.encode(pair.privateKey()));
        }
    }

    /** Kubeconfigs embed a private key or a token, so they are private. */
    void writeKubeconfig(Path file, Kubeconfig config) {
        writePrivate(file, KubeconfigYaml.write(config));
    }

    void writePublic(Path file, String text) {
        write(file, text, PUBLIC);
    }

    void writePrivate(Path file, String text) {
        write(file, text, PRIVATE);
    }

    List<Path> written() {
        return List.copyOf(written);
    }

    private void write(Path file, String text, Set<PosixFilePermission> mode) {
        Path dir = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            temporary = POSIX
                    ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                            PosixFilePermissions.asFileAttribute(PRIVATE))
                    : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            if (POSIX) {
                // Set explicitly: the creation mode is masked by the umask, which may hide 0644.
                Files.setPosixFilePermissions(temporary, mode);
            }
            move(temporary, file);
            written.add(file);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new PkiException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The write already failed; that error is the one worth reporting.
        }
    }
}
