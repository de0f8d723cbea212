package io.kube4j.apiserver.rest;

import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.server.Replies;
import io.kube4j.apiserver.server.RequestContext;
import io.kube4j.apiserver.storage.StorageException;
import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verbs on resource paths ({@code /api/v1/…}, {@code /apis/<g>/<v>/…}), dispatched by
 * {@link RequestInfo} — Kubernetes' own path grammar, which no router expresses — straight to
 * {@link ResourceEndpoint}. Serving them on Jetty rather than through Jersey removes Jersey's
 * per-request cost from the hottest path; Jersey keeps the fixed endpoints (discovery, OpenAPI,
 * version, health, metrics).
 */
public final class ResourceHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceHandler.class);

    private final ResourceEndpoint endpoint;
    private final LogProxy logs;
    private final long maxBodyBytes;
    private final java.time.Duration requestTimeout;

    public ResourceHandler(ResourceEndpoint endpoint, io.kube4j.apiserver.registry.ResourceTypes types,
                           GenericStore store, io.kube4j.apiserver.server.ApiServerConfig.KubeletClient kubelet,
                           long maxBodyBytes, java.time.Duration requestTimeout, Handler next) throws IOException {
        super(next);
        this.requestTimeout = requestTimeout;
        this.endpoint = endpoint;
        this.logs = new LogProxy(types, store, kubelet);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        List<String> parts = RequestInfo.segments(request.getHttpURI().getPath());
        if (parts.isEmpty() || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
            return super.handle(request, response, callback);
        }
        RequestInfo info = RequestInfo.parse(parts.get(0).equals("api"), parts.subList(1, parts.size()));
        if (info == null) {
            return super.handle(request, response, callback);
        }
        if (request.getMethod().equals("GET") && info.group().isEmpty() && info.resource().equals("pods")
                && info.subresource().equals("log")) {
            return streamLogs(request, response, callback, info);
        }
        Reply reply;
        List<String> warnings = new java.util.ArrayList<>();
        try {
            Fields query = Request.extractQueryParameters(request);
            byte[] body = body(request);
            ApiRequest apiRequest = new ApiRequest(request.getMethod(), info, query::getValue,
                    request.getHeaders().get(HttpHeader.CONTENT_TYPE), request.getHeaders().get(HttpHeader.ACCEPT), body,
                    RequestContext.user(request), request.getHeaders().get(HttpHeader.USER_AGENT), warnings);
            try (AutoCloseable deadline = io.kube4j.apiserver.storage.RequestDeadline.start(requestTimeout)) {
                reply = endpoint.handle(apiRequest);
            }
        } catch (StatusException e) {
            reply = status(e.status());
        } catch (StorageException e) {
            reply = status(GenericStore.translate(e, null, "").status());
        } catch (Exception e) {
            reply = status(StatusExceptionMapper.status(e));
        }
        synchronized (warnings) {
            for (String warning : warnings) {
                response.getHeaders().add("Warning", "299 - \"" + warning.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            }
        }
        response.setStatus(reply.code());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.mediaType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
        return true;
    }

    /** pods/log: the kubelet's bytes go straight through, flushed as they come (for {@code follow}). */
    private boolean streamLogs(Request request, Response response, Callback callback, RequestInfo info) {
        LogProxy.Stream stream;
        try {
            Fields query = Request.extractQueryParameters(request);
            stream = logs.open(info.namespace(), info.name(), query::getValue);
        } catch (StatusException e) {
            write(response, callback, status(e.status()));
            return true;
        } catch (StorageException e) {
            write(response, callback, status(GenericStore.translate(e, null, "").status()));
            return true;
        }
        response.setStatus(stream.code());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, stream.contentType());
        try (InputStream in = stream.body();
             java.io.OutputStream out = Content.Sink.asOutputStream(response)) {
            LogProxy.copy(in, out);
            callback.succeeded();
        } catch (IOException e) {
            // either side went away: end the exchange
            callback.failed(e);
        }
        return true;
    }

    private static void write(Response response, Callback callback, Reply reply) {
        response.setStatus(reply.code());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.mediaType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    private Reply status(Status status) {
        if (status.code() >= 500 && status.code() != 503) {
            LOG.debug("answering {}: {}", status.code(), status.message());
        }
        return Reply.json(status.code(), io.kube4j.common.api.Json.bytes(status.toJson()));
    }

    /** The whole body (null when none), refusing more than the limit even without a Content-Length. */
    private byte[] body(Request request) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return null;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (bytes.length > maxBodyBytes) {
                throw StatusException.tooLarge("the request body is too large; the limit is " + maxBodyBytes + " bytes");
            }
            return bytes.length == 0 ? null : bytes;
        } catch (IOException e) {
            throw StatusException.badRequest("could not read the request body: " + e.getMessage());
        }
    }
}
