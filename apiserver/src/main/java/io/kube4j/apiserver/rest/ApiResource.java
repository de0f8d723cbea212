package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.discovery.Discovery;
import io.kube4j.apiserver.discovery.OpenApi;
import io.kube4j.apiserver.server.RequestMetrics;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.Status;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Jersey's routes: the fixed endpoints (version, discovery, OpenAPI, health, metrics). Resource
 * paths never get here: {@link ResourceHandler} and {@link WatchHandler} serve them first. Replies
 * always carry an explicit media type (Jersey would otherwise echo Accept parameters back).
 */
@Path("/")
@Consumes("*/*")
public final class ApiResource {

    private final Discovery discovery;
    private final OpenApi openApi;
    private final RequestMetrics metrics;
    private final BooleanSupplier ready;

    public ApiResource(Discovery discovery, OpenApi openApi, RequestMetrics metrics, BooleanSupplier ready) {
        this.discovery = discovery;
        this.openApi = openApi;
        this.metrics = metrics;
        this.ready = ready;
    }

    @GET
    @Path("version")
    public Response version() {
        return json(200, discovery.version());
    }

    @GET
    @Path("api")
    public Response coreVersions() {
        return json(200, discovery.coreVersions());
    }

    @GET
    @Path("apis")
    public Response groups() {
        return json(200, discovery.groups());
    }

    @GET
    @Path("healthz")
    public Response healthz() {
        return text(200, "ok");
    }

    @GET
    @Path("livez")
    public Response livez() {
        return text(200, "ok");
    }

    @GET
    @Path("readyz")
    public Response readyz() {
        return ready.getAsBoolean() ? text(200, "ok") : text(503, "[-]etcd failed: etcd is unreachable\nreadyz check failed");
    }

    @GET
    @Path("metrics")
    public Response metrics() {
        return Response.ok(metrics.scrape()).type("text/plain; version=0.0.4; charset=utf-8").build();
    }

    @GET
    @Path("openapi/v3")
    public Response openApiRoot() {
        return json(200, openApi.root());
    }

    @GET
    @Path("openapi/v3/{path: .+}")
    public Response openApiDocument(@PathParam("path") String path) {
        return openApi.document(path).map(d -> json(200, d)).orElseGet(ApiResource::notFound);
    }

    @GET
    @Path("openapi/v2")
    public Response openApiV2() {
        return notFound();
    }

    @GET
    @Path("{prefix: api|apis}/{path: .+}")
    public Response get(@PathParam("prefix") String prefix, @PathParam("path") String path) {
        boolean core = prefix.equals("api");
        List<String> parts = RequestInfo.segments(path);
        RequestInfo info = RequestInfo.parse(core, parts);
        if (info == null) {
            return discoveryDocument(core, parts).map(d -> json(200, d)).orElseGet(ApiResource::notFound);
        }
        return notFound(); // resource paths are served by ResourceHandler before Jersey
    }

    private Optional<JsonNode> discoveryDocument(boolean core, List<String> parts) {
        if (core) {
            return parts.size() == 1 ? discovery.resources("", parts.get(0)).map(n -> n) : Optional.empty();
        }
        if (parts.size() == 1) {
            return discovery.group(parts.get(0)).map(n -> n);
        }
        if (parts.size() == 2) {
            return discovery.resources(parts.get(0), parts.get(1)).map(n -> n);
        }
        return Optional.empty();
    }

    static Response json(int code, JsonNode body) {
        return Response.status(code).entity(Json.bytes(body)).type("application/json").build();
    }

    static Response text(int code, String body) {
        return Response.status(code).entity(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .type("text/plain; charset=utf-8").build();
    }

    static Response notFound() {
        Status status = Status.failure(404, "NotFound", "the server could not find the requested resource");
        return json(404, status.toJson());
    }
}
