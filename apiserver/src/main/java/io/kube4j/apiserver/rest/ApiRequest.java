package io.kube4j.apiserver.rest;

import io.kube4j.apiserver.auth.UserInfo;
import java.util.function.Function;

/**
 * One request to a resource path, independent of the HTTP framework.
 *
 * @param query    returns a query parameter's value, or null
 * @param warnings collects the messages answered as {@code Warning: 299 - "<message>"} headers
 */
public record ApiRequest(String method, RequestInfo info, Function<String, String> query, String contentType,
                         String accept, byte[] body, UserInfo user, String userAgent, java.util.List<String> warnings) {

    /** Adds a message for the reply's {@code Warning} headers. */
    public void warn(String message) {
        synchronized (warnings) {
            if (!warnings.contains(message)) {
                warnings.add(message);
            }
        }
    }

    /** The {@code fieldManager} parameter, or the name Kubernetes derives from the User-Agent. */
    public String fieldManager() {
        String manager = query.apply("fieldManager");
        return manager == null || manager.isEmpty()
                ? io.kube4j.apiserver.fieldmanager.FieldManager.defaultManager(userAgent) : manager;
    }

    public boolean dryRun() {
        return "All".equals(query.apply("dryRun"));
    }

    /** Who writes, through which subresource, for real or not. */
    public io.kube4j.apiserver.registry.WriteContext context() {
        return new io.kube4j.apiserver.registry.WriteContext(user, info.subresource(), dryRun());
    }
}
