package io.kube4j.apiserver.server;

import io.kube4j.apiserver.auth.UserInfo;

/** Names of the request attributes the front handler sets for the handlers behind it. */
public final class RequestContext {

    /** The authenticated {@link UserInfo}. */
    public static final String USER = "io.kube4j.apiserver.user";

    private RequestContext() {
    }

    public static UserInfo user(org.eclipse.jetty.server.Request request) {
        Object user = request.getAttribute(USER);
        return user instanceof UserInfo u ? u : UserInfo.ANONYMOUS;
    }
}
