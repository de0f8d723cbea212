package io.kube4j.apiserver.rest;

import io.kube4j.apiserver.auth.UserInfo;
import java.util.function.Function;

/**
 * One request to a resource path, independent of the HTTP framework.
 *
 * @param query returns a query parameter's value, or null
 */
public record ApiRequest(String method, RequestInfo info, Function<String, String> query, String contentType,
                         String accept, byte[] body, UserInfo user) {

    public boolean dryRun() {
        return "All".equals(query.apply("dryRun"));
    }

    /** Who writes, through which subresource, for real or not. */
    public io.kube4j.apiserver.registry.WriteContext context() {
        return new io.kube4j.apiserver.registry.WriteContext(user, info.subresource(), dryRun());
    }
}
