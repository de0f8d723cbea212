package io.kube4j.kubelet.runtime;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

/**
 * How much of a container log to send, as {@code kubectl logs} asks for it.
 *
 * @param tailLines  the last N lines only; -1 for all
 * @param limitBytes stop after N bytes; -1 for no limit
 * @param timestamps prefix each line with the time it was written (RFC 3339 with nanoseconds) and a space
 * @param since      only lines written at or after this instant; null for all
 */
public record LogOptions(boolean follow, long tailLines, long limitBytes, boolean timestamps, Instant since) {

    public static final LogOptions DEFAULT = new LogOptions(false, -1, -1, false, null);

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** Go's {@code time.RFC3339Nano} in UTC: nanoseconds with trailing zeros dropped. */
    public static String rfc3339Nano(Instant instant) {
        StringBuilder out = new StringBuilder(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String digits = String.format("%09d", nanos);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(digits, 0, end);
        }
        return out.append('Z').toString();
    }
}
