package io.kube4j.apiserver.server;

import io.kube4j.apiserver.auth.AuthenticationChain;
import io.kube4j.apiserver.auth.Authenticator;
import io.kube4j.apiserver.auth.Authorizer;
import io.kube4j.apiserver.auth.RequestAttributes;
import io.kube4j.apiserver.auth.RequestAttributesParser;
import io.kube4j.apiserver.auth.Credentials;
import io.kube4j.apiserver.auth.UserInfo;
import io.kube4j.common.api.meta.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of every request: size limit, authentication, then the request log line and
 * metrics when the reply completes. Everything behind it may rely on {@link RequestContext#USER}.
 */
public final class FrontHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger("io.kube4j.apiserver.requests");
    /** Health probes are answered without credentials, as load balancers and compose checks need. */
    private static final Set<String> PUBLIC_PATHS = Set.of("/healthz", "/livez", "/readyz");

    private final AuthenticationChain authentication;
    private final Authorizer authorizer;
    private final long maxBodyBytes;
    private final RequestMetrics metrics;

    public FrontHandler(AuthenticationChain authentication, Authorizer authorizer, long maxBodyBytes,
                        RequestMetrics metrics, Handler next) {
        super(next);
        this.authentication = authentication;
        this.authorizer = authorizer;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String path = request.getHttpURI().getPath();
        UserInfo user;
        try {
            user = PUBLIC_PATHS.contains(path) ? authenticateOrAnonymous(request) : authentication.authenticate(credentials(request));
        } catch (Authenticator.AuthenticationException e) {
            user = null;
        }
        Callback logged = new LoggingCallback(callback, request, response, start, user);
        if (user == null) {
            Replies.status(response, logged, Status.failure(401, "Unauthorized", "Unauthorized"));
            return true;
        }
        request.setAttribute(RequestContext.USER, user);
        if (!PUBLIC_PATHS.contains(path)) {
            RequestAttributes attributes = RequestAttributesParser.parse(user, request.getMethod(), path,
                    Request.extractQueryParameters(request).getValue("watch"));
            Authorizer.Decision decision = authorizer.authorize(attributes);
            if (!decision.allowed()) {
                Replies.status(response, logged, Status.failure(403, "Forbidden", attributes.forbiddenMessage(decision.reason()))
                        .withDetails(attributes.name().isEmpty() ? null : attributes.name(),
                                attributes.resourceRequest() ? attributes.apiGroup() : null,
                                attributes.resourceRequest() ? attributes.resource() : null));
                return true;
            }
        }
        long length = request.getLength();
        if (length > maxBodyBytes) {
            // Read (and drop) a moderately oversized body first, so that clients still sending it see the
            // 413 instead of a broken pipe; beyond the cap the connection is simply closed after the reply.
            discard(request, DISCARD_CAP);
            Replies.status(response, logged, Status.failure(413, "RequestEntityTooLarge",
                    "the request body is too large: " + length + " bytes; the limit is " + maxBodyBytes));
            return true;
        }
        if (!super.handle(request, response, logged)) {
            Replies.status(response, logged, Status.failure(404, "NotFound", "the server could not find the requested resource"));
        }
        return true;
    }

    private static final long DISCARD_CAP = 16L * 1024 * 1024;

    private static void discard(Request request, long cap) {
        try (java.io.InputStream in = org.eclipse.jetty.io.Content.Source.asInputStream(request)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while (total < cap && (n = in.read(buffer)) >= 0) {
                total += n;
            }
        } catch (java.io.IOException e) {
            // the client went away: nothing to answer
        }
    }

    private UserInfo authenticateOrAnonymous(Request request) {
        try {
            return authentication.authenticate(credentials(request));
        } catch (Authenticator.AuthenticationException e) {
            return UserInfo.ANONYMOUS;
        }
    }

    static Credentials credentials(Request request) {
        List<X509Certificate> chain = new ArrayList<>();
        Object ssl = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (ssl instanceof EndPoint.SslSessionData data && data.peerCertificates() != null) {
            for (Certificate c : data.peerCertificates()) {
                if (c instanceof X509Certificate x) {
                    chain.add(x);
                }
            }
        }
        String token = "";
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        }
        return new Credentials(chain, token);
    }

    /** Logs one line and records metrics when the reply is complete, whatever the outcome. */
    private final class LoggingCallback extends Callback.Nested {
        private final Request request;
        private final Response response;
        private final long start;
        private final UserInfo user;

        LoggingCallback(Callback callback, Request request, Response response, long start, UserInfo user) {
            super(callback);
            this.request = request;
            this.response = response;
            this.start = start;
            this.user = user;
        }

        @Override
        public void succeeded() {
            record();
            super.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            record();
            super.failed(failure);
        }

        private void record() {
            long nanos = System.nanoTime() - start;
            int code = response.getStatus();
            String method = request.getMethod();
            String path = request.getHttpURI().getPathQuery();
            metrics.observe(method, request.getHttpURI().getPath(), code, nanos);
            if (LOG.isInfoEnabled()) {
                LOG.info("{} {} {} {} {}ms {}", user == null ? "-" : user.name(), method, path, code,
                        nanos / 1_000_000, Request.getRemoteAddr(request));
            }
        }
    }
}
