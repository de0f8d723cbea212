package io.kube4j.common.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The query of a list or watch. Empty strings mean "not set".
 *
 * @param resourceVersion "" = a consistent read, "0" = any recent state (the server's cache)
 * @param limit           page size, 0 = all
 * @param timeoutSeconds  watches only: the server ends the stream after this long, 0 = server default
 */
public record ListRequest(String labelSelector, String fieldSelector, String resourceVersion, int limit,
                          String continueToken, boolean allowBookmarks, int timeoutSeconds) {

    public static final ListRequest ALL = new ListRequest("", "", "", 0, "", false, 0);

    public static ListRequest labels(String selector) {
        return ALL.withLabelSelector(selector);
    }

    public static ListRequest fields(String selector) {
        return ALL.withFieldSelector(selector);
    }

    public ListRequest withLabelSelector(String selector) {
        return new ListRequest(selector, fieldSelector, resourceVersion, limit, continueToken, allowBookmarks, timeoutSeconds);
    }

    public ListRequest withFieldSelector(String selector) {
        return new ListRequest(labelSelector, selector, resourceVersion, limit, continueToken, allowBookmarks, timeoutSeconds);
    }

    public ListRequest withResourceVersion(String rv) {
        return new ListRequest(labelSelector, fieldSelector, rv, limit, continueToken, allowBookmarks, timeoutSeconds);
    }

    public ListRequest withLimit(int pageSize) {
        return new ListRequest(labelSelector, fieldSelector, resourceVersion, pageSize, continueToken, allowBookmarks, timeoutSeconds);
    }

    public ListRequest withContinue(String token) {
        return new ListRequest(labelSelector, fieldSelector, resourceVersion, limit, token, allowBookmarks, timeoutSeconds);
    }

    public ListRequest withBookmarks(boolean bookmarks) {
        return new ListRequest(labelSelector, fieldSelector, resourceVersion, limit, continueToken, bookmarks, timeoutSeconds);
    }

    public ListRequest withTimeoutSeconds(int seconds) {
        return new ListRequest(labelSelector, fieldSelector, resourceVersion, limit, continueToken, allowBookmarks, seconds);
    }

    /** The URL query ("" or "?a=b&…"), with {@code watch=true} first when {@code watch}. */
    public String query(boolean watch) {
        StringBuilder q = new StringBuilder();
        if (watch) {
            add(q, "watch", "true");
        }
        add(q, "labelSelector", labelSelector);
        add(q, "fieldSelector", fieldSelector);
        add(q, "resourceVersion", resourceVersion);
        if (limit > 0 && !watch) {
            add(q, "limit", Integer.toString(limit));
        }
        if (!watch) {
            add(q, "continue", continueToken);
        }
        if (watch && allowBookmarks) {
            add(q, "allowWatchBookmarks", "true");
        }
        if (watch && timeoutSeconds > 0) {
            add(q, "timeoutSeconds", Integer.toString(timeoutSeconds));
        }
        return q.toString();
    }

    private static void add(StringBuilder q, String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        q.append(q.length() == 0 ? '?' : '&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
