package io.kube4j.kubelet.runtime.process;

import io.kube4j.kubelet.runtime.ContainerLog;
import io.kube4j.kubelet.runtime.LogOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * A container log file as a client asks for it: from {@code since} (by the times of
 * {@link LogTimes}), then the last {@code tailLines} lines of that, each line prefixed with its
 * time when asked, at most {@code limitBytes} in all; when following, new output as it is written
 * until the container stops or the client goes away.
 */
final class FileLog implements ContainerLog {

    private static final long FOLLOW_POLL_MILLIS = 200;

    private final Path file;
    private final BooleanSupplier running;
    private final Clock clock;

    FileLog(Path file, BooleanSupplier running, Clock clock) {
        this.file = file;
        this.running = running;
        this.clock = clock;
    }

    @Override
    public void copy(LogOptions options, OutputStream out) throws IOException, InterruptedException {
        Path timesFile = LogTimes.fileOf(file);
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long position = 0;
            if (options.since() != null) {
                position = lineStartAtOrAfter(in, LogTimes.read(timesFile).firstOffsetAtOrAfter(options.since()));
            }
            if (options.tailLines() >= 0) {
                position = Math.max(position, tailStart(in, options.tailLines()));
            }
            long budget = options.limitBytes() >= 0 ? options.limitBytes() : Long.MAX_VALUE;
            boolean lineStart = true;
            byte[] buffer = new byte[8192];
            while (true) {
                LogTimes times = options.timestamps() ? LogTimes.read(timesFile) : null;
                in.seek(position);
                int n;
                while (budget > 0 && (n = in.read(buffer)) > 0) {
                    for (int i = 0; i < n && budget > 0; ) {
                        if (times != null && lineStart) {
                            byte[] prefix = (LogOptions.rfc3339Nano(times.timeOf(position, clock.instant())) + " ")
                                    .getBytes(StandardCharsets.US_ASCII);
                            int p = (int) Math.min(prefix.length, budget);
                            out.write(prefix, 0, p);
                            budget -= p;
                            lineStart = false;
                            continue;
                        }
                        int end = i;
                        while (end < n && end - i < budget && buffer[end] != '\n') {
                            end++;
                        }
                        if (end < n && end - i < budget) {
                            end++; // the newline
                            lineStart = true;
                        }
                        out.write(buffer, i, end - i);
                        budget -= end - i;
                        position += end - i;
                        i = end;
                    }
                }
                out.flush();
                if (!options.follow() || budget <= 0) {
                    return;
                }
                if (!running.getAsBoolean() && in.length() <= position) {
                    return;
                }
                Thread.sleep(FOLLOW_POLL_MILLIS);
            }
        }
    }

    /** {@code offset} when a line starts there, else the start of the next line. */
    static long lineStartAtOrAfter(RandomAccessFile in, long offset) throws IOException {
        if (offset <= 0) {
            return 0;
        }
        long position = offset;
        in.seek(position - 1);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            position++;
        }
        return Math.min(position, in.length());
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
