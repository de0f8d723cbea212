package io.kube4j.apiserver.server;

import io.kube4j.apiserver.audit.AuditEvent;
import io.kube4j.apiserver.audit.AuditLog;
import io.kube4j.apiserver.auth.AuthenticationChain;
import io.kube4j.apiserver.auth.Authenticator;
import io.kube4j.apiserver.auth.Authorizer;
import io.kube4j.apiserver.auth.Credentials;
import io.kube4j.apiserver.auth.RequestAttributes;
import io.kube4j.apiserver.auth.RequestAttributesParser;
import io.kube4j.apiserver.auth.UserInfo;
import io.kube4j.common.api.meta.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first steps of every request, in order: authenticate (401), authorize (403), in-flight
 * limits (429), body size limit (413); then the handlers behind it, which may rely on
 * {@link RequestContext#USER}. When the reply completes: the request log line, metrics and the
 * audit record.
 */
public final class FrontHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger("io.kube4j.apiserver.requests");
    /** Health probes are answered without credentials, as load balancers and compose checks need. */
    private static final Set<String> PUBLIC_PATHS = Set.of("/healthz", "/livez", "/readyz");
    private static final long DISCARD_CAP = 16L * 1024 * 1024;

    /** The request limits of the front door. */
    public record Limits(long maxBodyBytes, int maxReadOnlyInflight, int maxMutatingInflight) {
    }

    private final AuthenticationChain authentication;
    private final Authorizer authorizer;
    private final Limits limits;
    private final RequestMetrics metrics;
    private final AuditLog audit;
    private final Clock clock;
    private final Semaphore readOnly;
    private final Semaphore mutating;

    /** @param audit null when auditing is off */
    public FrontHandler(AuthenticationChain authentication, Authorizer authorizer, Limits limits, RequestMetrics metrics,
                        AuditLog audit, Clock clock, Handler next) {
        super(next);
        this.authentication = authentication;
        this.authorizer = authorizer;
        this.limits = limits;
        this.metrics = metrics;
        this.audit = audit;
        this.clock = clock;
        this.readOnly = new Semaphore(limits.maxReadOnlyInflight() <= 0 ? Integer.MAX_VALUE : limits.maxReadOnlyInflight());
        this.mutating = new Semaphore(limits.maxMutatingInflight() <= 0 ? Integer.MAX_VALUE : limits.maxMutatingInflight());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        Instant received = clock.instant();
        String path = request.getHttpURI().getPath();
        boolean publicPath = PUBLIC_PATHS.contains(path);
        UserInfo user;
        String authFailure = "Unauthorized";
        try {
            user = authentication.authenticate(credentials(request));
        } catch (Authenticator.AuthenticationException e) {
            user = publicPath ? UserInfo.ANONYMOUS : null;
            authFailure = e.getMessage();
        }
        String impersonationDenied = null;
        if (user != null && request.getHeaders().contains(Impersonation.USER)) {
            Impersonation.Result impersonated = Impersonation.apply(user, request, path, authorizer);
            user = impersonated.user();
            impersonationDenied = impersonated.denied();
        }
        org.eclipse.jetty.util.Fields query = Request.extractQueryParameters(request);
        RequestAttributes attributes = RequestAttributesParser.parse(user == null ? UserInfo.ANONYMOUS : user,
                request.getMethod(), path, query.getValue("watch"), query.getValue("fieldSelector"));
        Exchange exchange = new Exchange(callback, request, response, start, received, attributes, user != null);
        if (user == null) {
            LOG.debug("401 for {}: {}", path, authFailure);
            Replies.status(response, exchange, Status.failure(401, "Unauthorized", "Unauthorized"));
            return true;
        }
        if (impersonationDenied != null) {
            Replies.status(response, exchange, Status.failure(403, "Forbidden", impersonationDenied));
            return true;
        }
        request.setAttribute(RequestContext.USER, user);
        if (!publicPath) {
            Authorizer.Decision decision = authorizer.authorize(attributes);
            if (!decision.allowed()) {
                Replies.status(response, exchange, Status.failure(403, "Forbidden", attributes.forbiddenMessage(decision.reason()))
                        .withDetails(attributes.name().isEmpty() ? null : attributes.name(),
                                attributes.resourceRequest() ? attributes.apiGroup() : null,
                                attributes.resourceRequest() ? attributes.resource() : null));
                return true;
            }
        }
        if (!isLongRunning(attributes, request)) {
            Semaphore limit = isMutating(request.getMethod()) ? mutating : readOnly;
            if (!limit.tryAcquire()) {
                Replies.status(response, exchange, Status.failure(429, "TooManyRequests",
                        "Too many requests, please try again later.").withRetryAfter(1));
                return true;
            }
            exchange.release = limit;
        }
        long length = request.getLength();
        if (length > limits.maxBodyBytes()) {
            // Read (and drop) a moderately oversized body first, so that clients still sending it see the
            // 413 instead of a broken pipe; beyond the cap the connection is simply closed after the reply.
            discard(request, DISCARD_CAP);
            Replies.status(response, exchange, Status.failure(413, "RequestEntityTooLarge",
                    "the request body is too large: " + length + " bytes; the limit is " + limits.maxBodyBytes()));
            return true;
        }
        if (!super.handle(request, response, exchange)) {
            Replies.status(response, exchange, Status.failure(404, "NotFound", "the server could not find the requested resource"));
        }
        return true;
    }

    private static boolean isMutating(String method) {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }

    /** Watches and followed logs last as long as the client wants; in-flight limits do not count them. */
    private static boolean isLongRunning(RequestAttributes attributes, Request request) {
        if (attributes.verb().equals("watch")) {
            return true;
        }
        return attributes.subresource().equals("log")
                && "true".equals(Request.extractQueryParameters(request).getValue("follow"));
    }

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

    /** Completes one request: frees its in-flight slot, logs, records metrics and audits, whatever the outcome. */
    private final class Exchange extends Callback.Nested {
        private final Request request;
        private final Response response;
        private final long start;
        private final Instant received;
        private final RequestAttributes attributes;
        private final boolean authenticated;
        volatile Semaphore release;

        Exchange(Callback callback, Request request, Response response, long start, Instant received,
                 RequestAttributes attributes, boolean authenticated) {
            super(callback);
            this.request = request;
            this.response = response;
            this.start = start;
            this.received = received;
            this.attributes = attributes;
            this.authenticated = authenticated;
        }

        @Override
        public void succeeded() {
            complete();
            super.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            complete();
            super.failed(failure);
        }

        private void complete() {
            Semaphore slot = release;
            if (slot != null) {
                release = null;
                slot.release();
            }
            long nanos = System.nanoTime() - start;
            int code = response.getStatus();
            String method = request.getMethod();
            metrics.observe(method, request.getHttpURI().getPath(), code, nanos);
            String remote = Request.getRemoteAddr(request);
            if (LOG.isInfoEnabled()) {
                LOG.info("{} {} {} {} {}ms {}", authenticated ? attributes.user().name() : "-", method,
                        request.getHttpURI().getPathQuery(), code, nanos / 1_000_000, remote);
            }
            if (audit != null) {
                audit.record(new AuditEvent(UUID.randomUUID().toString(), attributes, method,
                        request.getHttpURI().getPathQuery(), remote, request.getHeaders().get(HttpHeader.USER_AGENT),
                        code, received, clock.instant()));
            }
        }
    }
}
