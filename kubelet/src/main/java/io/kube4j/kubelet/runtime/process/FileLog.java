package io.kube4j.kubelet.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Copies a container log file to a client: from the start, or the last {@code tailLines} lines;
 * at most {@code limitBytes}; and, when following, new output as it is written until the
 * container stops or the client goes away.
 */
final class LogStreamer {

    private static final long FOLLOW_POLL_MILLIS = 200;

    private LogStreamer() {
    }

    static void copy(Path file, LogRequest request, BooleanSupplier running, OutputStream out)
            throws IOException, InterruptedException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long position = request.tailLines() >= 0 ? tailStart(in, request.tailLines()) : 0;
            long budget = request.limitBytes() >= 0 ? request.limitBytes() : Long.MAX_VALUE;
            byte[] buffer = new byte[8192];
            while (true) {
                in.seek(position);
                int n;
                while (budget > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, budget))) > 0) {
                    out.write(buffer, 0, n);
                    position += n;
                    budget -= n;
                }
                out.flush();
                if (!request.follow() || budget <= 0) {
                    return;
                }
                if (!running.getAsBoolean() && in.length() <= position) {
                    return;
                }
                Thread.sleep(FOLLOW_POLL_MILLIS);
            }
        }
    }

    /** Where the last {@code lines} lines start (a final line without newline counts). */
    static long tailStart(RandomAccessFile in, long lines) throws IOException {
        long length = in.length();
        if (lines == 0) {
            return length;
        }
        long position = length;
        long seen = 0;
        if (length > 0) {
            in.seek(length - 1);
            if (in.read() == '\n') {
                position--;
            }
        }
        while (position > 0) {
            in.seek(position - 1);
            if (in.read() == '\n') {
                seen++;
                if (seen == lines) {
                    return position;
                }
            }
            position--;
        }
        return 0;
    }
}
