package io.kube4j.common.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A bearer token read from a file and re-read once a minute, because service-account tokens are
 * rotated on disk while the process runs. When a later read fails the last good token is kept:
 * a file being replaced must not fail requests that the old token still authorizes.
 */
final class FileToken implements Supplier<String> {

    static final Duration REFRESH = Duration.ofMinutes(1);

    private final Path file;
    private final LongSupplier nanoTime;
    private String token;
    private long readAt;

    private FileToken(Path file, LongSupplier nanoTime) {
        this.file = file;
        this.nanoTime = nanoTime;
    }

    /**
     * Reads the file once now, so a missing or empty file fails at startup rather than on the first request.
     *
     * @param origin who pointed at the file, for the message: {@code kubeconfig /k.conf: user "u" tokenFile}
     */
    static FileToken read(Path file, String origin, LongSupplier nanoTime) {
        FileToken source = new FileToken(file, nanoTime);
        try {
            source.token = readToken(file);
        } catch (IOException e) {
            throw new KubeconfigException(origin + " " + file + " " + Reading.why(e), e);
        }
        if (source.token.isEmpty()) {
            throw new KubeconfigException(origin + " " + file + " is empty");
        }
        source.readAt = nanoTime.getAsLong();
        return source;
    }

    @Override
    public synchronized String get() {
        long now = nanoTime.getAsLong();
        if (now - readAt >= REFRESH.toNanos()) {
            readAt = now;
            try {
                String fresh = readToken(file);
                if (!fresh.isEmpty()) {
                    token = fresh;
                }
            } catch (IOException e) {
                // keep the last good token; the next refresh tries again
            }
        }
        return token;
    }

    private static String readToken(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    @Override
    public String toString() {
        return "token from " + file;
    }
}
