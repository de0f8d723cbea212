package io.kube4j.kubelet.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * When the bytes of a log file were written, to within the poll period of the runtime's indexer:
 * the file {@code <n>.times} beside {@code <n>.log} holds lines {@code <size> <epoch nanos>},
 * "the log had reached {@code size} bytes by then". The OS appends container output to the log
 * directly (so containers outlive the kubelet), which is why times are observed, not recorded.
 * A byte at offset {@code o} was written at the time of the first entry whose size exceeds
 * {@code o}; bytes not yet indexed count as written now.
 */
final class LogTimes {

    private final long[] sizes;
    private final long[] nanos;

    private LogTimes(long[] sizes, long[] nanos) {
        this.sizes = sizes;
        this.nanos = nanos;
    }

    static Path fileOf(Path log) {
        String name = log.getFileName().toString();
        return log.resolveSibling(name.substring(0, name.length() - ".log".length()) + ".times");
    }

    static LogTimes read(Path timesFile) {
        List<String> lines;
        try {
            lines = Files.exists(timesFile) ? Files.readAllLines(timesFile, StandardCharsets.US_ASCII) : List.of();
        } catch (IOException e) {
            lines = List.of();
        }
        long[] sizes = new long[lines.size()];
        long[] nanos = new long[lines.size()];
        int n = 0;
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue; // a torn last line
            }
            try {
                sizes[n] = Long.parseLong(line.substring(0, space));
                nanos[n] = Long.parseLong(line.substring(space + 1));
                n++;
            } catch (NumberFormatException e) {
                // a torn last line
            }
        }
        return new LogTimes(Arrays.copyOf(sizes, n), Arrays.copyOf(nanos, n));
    }

    /** The size the index has seen, 0 for none. */
    long indexedSize() {
        return sizes.length == 0 ? 0 : sizes[sizes.length - 1];
    }

    static void append(Path timesFile, long size, Instant at) throws IOException {
        long epochNanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        Files.writeString(timesFile, size + " " + epochNanos + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** When the byte at {@code offset} was written; {@code now} when the index has not seen it yet. */
    Instant timeOf(long offset, Instant now) {
        int i = firstAbove(offset);
        return i < sizes.length ? Instant.ofEpochSecond(0, nanos[i]) : now;
    }

    /** The offset from which every byte was written at or after {@code since}. */
    long firstOffsetAtOrAfter(Instant since) {
        long sinceNanos = since.getEpochSecond() * 1_000_000_000L + since.getNano();
        for (int i = 0; i < sizes.length; i++) {
            if (nanos[i] >= sinceNanos) {
                return i == 0 ? 0 : sizes[i - 1];
            }
        }
        return indexedSize();
    }

    private int firstAbove(long offset) {
        int lo = 0;
        int hi = sizes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sizes[mid] > offset) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
