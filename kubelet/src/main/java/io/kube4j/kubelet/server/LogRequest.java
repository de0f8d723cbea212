package io.kube4j.kubelet.server;

import java.util.HashMap;
import java.util.Map;

/**
 * The query of {@code /containerLogs/<ns>/<pod>/<container>}, as {@code kubectl logs} sends it
 * through the apiserver. {@code tailLines} and {@code limitBytes} are -1 when not given.
 * {@code timestamps} and {@code sinceSeconds} are accepted but not applied: the process runtime's
 * log files hold the raw output, without times.
 */
record LogRequest(boolean follow, boolean previous, long tailLines, long limitBytes, boolean timestamps) {

    static LogRequest parse(String rawQuery) {
        Map<String, String> q = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
                String value = eq < 0 ? "true" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                q.put(key, value);
            }
        }
        return new LogRequest(flag(q.get("follow")), flag(q.get("previous")), number(q.get("tailLines")),
                number(q.get("limitBytes")), flag(q.get("timestamps")));
    }

    private static boolean flag(String value) {
        return value != null && (value.isEmpty() || value.equalsIgnoreCase("true") || value.equals("1"));
    }

    private static long number(String value) {
        if (value == null || value.isEmpty()) {
            return -1;
        }
        try {
            return Math.max(-1, Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + value);
        }
    }
}
