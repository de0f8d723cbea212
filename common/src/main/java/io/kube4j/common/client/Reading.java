package io.kube4j.common.client;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the small files a client configuration points at, failing with a message that names them. */
final class Reading {

    private Reading() {
    }

    /**
     * @param origin who pointed at the file, like {@code kubeconfig /etc/k.conf: user "admin" client-key}
     */
    static byte[] bytes(Path file, String origin) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KubeconfigException(origin + " " + file + " " + why(e), e);
        }
    }

    /** The reason in words; NIO puts only the path in the message of its most common failures. */
    static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "is not readable (permission denied)";
        }
        return "cannot be read: " + e.getMessage();
    }
}
