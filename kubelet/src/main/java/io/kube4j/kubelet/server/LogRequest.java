package io.kube4j.kubelet.server;

import io.kube4j.kubelet.runtime.LogOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The query of {@code /containerLogs/<ns>/<pod>/<container>}, as {@code kubectl logs} sends it
 * through the apiserver: {@code follow}, {@code previous}, {@code tailLines}, {@code limitBytes},
 * {@code timestamps}, and {@code sinceSeconds} or {@code sinceTime} (RFC 3339), not both.
 */
record LogRequest(boolean previous, LogOptions options) {

    /** @throws IllegalArgumentException naming the parameter that is wrong */
    static LogRequest parse(String rawQuery, Instant now) {
        Map<String, String> q = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.put(key, value);
            }
        }
        if (q.containsKey("sinceSeconds") && q.containsKey("sinceTime")) {
            throw new IllegalArgumentException("at most one of sinceTime or sinceSeconds may be specified");
        }
        Instant since = null;
        long sinceSeconds = number("sinceSeconds", q.get("sinceSeconds"));
        if (q.containsKey("sinceSeconds")) {
            if (sinceSeconds < 1) {
                throw new IllegalArgumentException("sinceSeconds must be greater than 0");
            }
            since = now.minusSeconds(sinceSeconds);
        } else if (q.containsKey("sinceTime")) {
            try {
                since = OffsetDateTime.parse(q.get("sinceTime")).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("sinceTime \"" + q.get("sinceTime") + "\" is not an RFC 3339 time");
            }
        }
        return new LogRequest(flag(q.get("previous")), new LogOptions(flag(q.get("follow")),
                number("tailLines", q.get("tailLines")), number("limitBytes", q.get("limitBytes")),
                flag(q.get("timestamps")), since));
    }

    private static boolean flag(String value) {
        return value != null && (value.isEmpty() || value.equalsIgnoreCase("true") || value.equals("1"));
    }

    private static long number(String name, String value) {
        if (value == null || value.isEmpty()) {
            return -1;
        }
        try {
            return Math.max(-1, Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: " + value);
        }
    }
}
