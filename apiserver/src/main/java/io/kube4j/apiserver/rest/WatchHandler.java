package io.kube4j.apiserver.rest;

import io.kube4j.apiserver.cache.CachedObject;
import io.kube4j.apiserver.cache.WatchCache;
import io.kube4j.apiserver.registry.ListOptions;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.apiserver.server.Replies;
import io.kube4j.apiserver.storage.StorageException;
import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Serves watch requests ({@code ?watch=true} and the legacy {@code /watch/} paths) straight on
 * Jetty with asynchronous writes, from the watch caches; everything else goes on to Jersey.
 */
public final class WatchHandler extends Handler.Wrapper {

    private final ResourceTypes types;
    private final GenericStore store;
    private final ScheduledExecutorService timers;
    private final Executor writers;
    private final TableRenderers tables;
    private final Set<StreamingWatch> open = ConcurrentHashMap.newKeySet();
    private final int maxQueuedEvents;
    private final java.util.concurrent.atomic.AtomicLong webSocketWatches = new java.util.concurrent.atomic.AtomicLong();
    private volatile ServerWebSocketContainer webSockets;

    /** @param maxQueuedEvents events a watcher may leave unread before its connection is closed */
    public WatchHandler(ResourceTypes types, GenericStore store, ScheduledExecutorService timers, Executor writers,
                        TableRenderers tables, int maxQueuedEvents, Handler next) {
        super(next);
        this.maxQueuedEvents = maxQueuedEvents;
        this.types = types;
        this.store = store;
        this.timers = timers;
        this.writers = writers;
        this.tables = tables;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!"GET".equals(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        List<String> parts = RequestInfo.segments(request.getHttpURI().getPath());
        if (parts.isEmpty() || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
            return super.handle(request, response, callback);
        }
        RequestInfo info = RequestInfo.parse(parts.get(0).equals("api"), parts.subList(1, parts.size()));
        if (info == null) {
            return super.handle(request, response, callback);
        }
        Fields query = Request.extractQueryParameters(request);
        String watchParam = query.getValue("watch");
        boolean watch = info.watchPath() || "true".equalsIgnoreCase(watchParam) || "1".equals(watchParam);
        if (!watch) {
            return super.handle(request, response, callback);
        }
        try {
            Plan plan = plan(request, info, query);
            if ("websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))) {
                if (webSockets == null) {
                    // a complete 200 makes fabric8 fall back to HTTP streaming at once
                    Replies.status(response, callback, Status.failure(200, "", "use HTTP streaming for watches")
                            .withDetails(null, null, null));
                    return true;
                }
                // fabric8 opens its watches as WebSockets: one text frame per event
                webSocketWatches.incrementAndGet();
                WebSocketWatch socket = new WebSocketWatch(ws -> begin(plan, ws, null));
                if (!webSockets.upgrade((upgradeRequest, upgradeResponse, upgradeCallback) -> socket,
                        request, response, callback)) {
                    Replies.status(response, callback, Status.failure(400, "BadRequest", "invalid WebSocket upgrade request"));
                }
                return true;
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, plan.table()
                    ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json");
            begin(plan, WatchOutput.http(response, callback), request);
        } catch (StatusException e) {
            Replies.status(response, callback, e.status());
        } catch (StorageException e) {
            Replies.status(response, callback, GenericStore.translate(e, null, "").status());
        }
        return true;
    }

    /** What one watch request asks for, checked before anything is sent. */
    private record Plan(ResourceType type, WatchCache cache, String prefix, Predicate<CachedObject> filter, long from,
                        long timeoutSeconds, boolean bookmarks, boolean table, EventRenderer renderer) {
    }

    private Plan plan(Request request, RequestInfo info, Fields query) {
        ResourceType type = types.find(info.group(), info.version(), info.resource())
                .orElseThrow(() -> StatusException.notFound("the server could not find the requested resource", ""));
        if (info.hasSubresource()) {
            throw StatusException.methodNotAllowed("watch is not supported on " + info.resource() + "/" + info.subresource());
        }
        if (!type.namespaced() && !info.namespace().isEmpty()) {
            throw StatusException.notFound(type.groupResource(), info.namespace());
        }
        ListOptions options = Queries.listOptions(query::getValue, info.name());
        Predicate<CachedObject> filter = Queries.filter(type, options);
        long from = revision(options.resourceVersion());
        WatchCache cache = store.cache(type);
        if (cache == null) {
            throw StatusException.methodNotAllowed(type.groupResource() + " cannot be watched");
        }
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        boolean table = TableRenderers.wantsTable(accept);
        EventRenderer renderer = table ? tables.renderer(type, Queries.bool(query::getValue, "includeObject")
                || "Object".equals(query.getValue("includeObject"))) : EventRenderer.JSON;
        long timeout = options.timeoutSeconds() > 0 ? options.timeoutSeconds()
                : 1800 + ThreadLocalRandom.current().nextLong(1800);
        return new Plan(type, cache, type.namespacePrefix(store.root(), info.namespace()), filter, from, timeout,
                options.allowBookmarks(), table, renderer);
    }

    /** Registers the watch and starts streaming; {@code request} (HTTP only) reports the client going away. */
    private void begin(Plan plan, WatchOutput output, Request request) {
        StreamingWatch[] self = new StreamingWatch[1];
        StreamingWatch stream = new StreamingWatch(plan.type(), output, writers, plan.renderer(), () -> open.remove(self[0]),
                maxQueuedEvents);
        self[0] = stream;
        // added before anything is queued, so that a stream finishing early is removed after it
        open.add(stream);
        if (output instanceof WebSocketWatch socket) {
            socket.attach(stream);
        }
        AutoCloseable registration;
        try {
            registration = plan.cache().watch(plan.prefix(), plan.filter(), plan.from(), stream);
        } catch (WatchCache.ExpiredException e) {
            // client-go and fabric8 re-list on this ERROR event
            stream.start(plan.cache(), () -> { }, timers, 1, false);
            stream.terminate(e.getMessage(), true);
            return;
        }
        stream.start(plan.cache(), registration, timers, plan.timeoutSeconds(), plan.bookmarks());
        if (request != null) {
            request.addFailureListener(failure -> stream.abort());
        }
    }

    private static long revision(String rv) {
        if (rv.isEmpty() || rv.equals("0")) {
            return 0;
        }
        try {
            long value = Long.parseLong(rv);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw StatusException.badRequest("invalid resource version \"" + rv + "\"");
        }
    }

    /** Serves WebSocket watches through {@code container} (until then upgrade requests are answered over HTTP). */
    public void enableWebSockets(ServerWebSocketContainer container) {
        // frames carry whole objects; the client sends nothing that needs a large buffer
        container.setMaxTextMessageSize(64L * 1024 * 1024);
        container.setIdleTimeout(java.time.Duration.ofMinutes(5));
        this.webSockets = container;
    }

    /** How many watches were asked as WebSocket upgrades since start. */
    public long webSocketWatches() {
        return webSocketWatches.get();
    }

    /** Ends every open watch (shutdown). */
    public void closeAll() {
        for (StreamingWatch w : open) {
            w.end();
        }
    }

    public int openWatches() {
        return open.size();
    }
}
