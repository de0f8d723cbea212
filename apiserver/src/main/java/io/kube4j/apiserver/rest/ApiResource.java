package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.discovery.Discovery;
import io.kube4j.apiserver.discovery.OpenApi;
import io.kube4j.apiserver.server.RequestContext;
import io.kube4j.apiserver.server.RequestMetrics;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Jersey's routes: the fixed endpoints (version, discovery, OpenAPI, health, metrics) and one
 * generic route per API prefix whose path {@link RequestInfo} parses as Kubernetes does. Replies
 * always carry an explicit media type (Jersey would otherwise echo Accept parameters back).
 */
@Path("/")
@Consumes("*/*")
public final class ApiResource {

    private final Discovery discovery;
    private final OpenApi openApi;
    private final ResourceEndpoint endpoint;
    private final RequestMetrics metrics;
    private final BooleanSupplier ready;

    public ApiResource(Discovery discovery, OpenApi openApi, ResourceEndpoint endpoint, RequestMetrics metrics,
                       BooleanSupplier ready) {
        this.discovery = discovery;
        this.openApi = openApi;
        this.endpoint = endpoint;
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
    public Response get(@PathParam("prefix") String prefix, @PathParam("path") String path, @Context UriInfo uri,
                        @Context HttpHeaders headers, @Context org.eclipse.jetty.server.Request jetty) {
        boolean core = prefix.equals("api");
        List<String> parts = RequestInfo.segments(path);
        RequestInfo info = RequestInfo.parse(core, parts);
        if (info == null) {
            return discoveryDocument(core, parts).map(d -> json(200, d)).orElseGet(ApiResource::notFound);
        }
        return dispatch("GET", info, uri, headers, null, jetty);
    }

    @POST
    @Path("{prefix: api|apis}/{path: .+}")
    public Response post(@PathParam("prefix") String prefix, @PathParam("path") String path, @Context UriInfo uri,
                         @Context HttpHeaders headers, @Context org.eclipse.jetty.server.Request jetty, byte[] body) {
        return dispatch("POST", info(prefix, path), uri, headers, body, jetty);
    }

    @PUT
    @Path("{prefix: api|apis}/{path: .+}")
    public Response put(@PathParam("prefix") String prefix, @PathParam("path") String path, @Context UriInfo uri,
                        @Context HttpHeaders headers, @Context org.eclipse.jetty.server.Request jetty, byte[] body) {
        return dispatch("PUT", info(prefix, path), uri, headers, body, jetty);
    }

    @PATCH
    @Path("{prefix: api|apis}/{path: .+}")
    public Response patch(@PathParam("prefix") String prefix, @PathParam("path") String path, @Context UriInfo uri,
                          @Context HttpHeaders headers, @Context org.eclipse.jetty.server.Request jetty, byte[] body) {
        return dispatch("PATCH", info(prefix, path), uri, headers, body, jetty);
    }

    @DELETE
    @Path("{prefix: api|apis}/{path: .+}")
    public Response delete(@PathParam("prefix") String prefix, @PathParam("path") String path, @Context UriInfo uri,
                           @Context HttpHeaders headers, @Context org.eclipse.jetty.server.Request jetty, byte[] body) {
        return dispatch("DELETE", info(prefix, path), uri, headers, body, jetty);
    }

    private static RequestInfo info(String prefix, String path) {
        RequestInfo info = RequestInfo.parse(prefix.equals("api"), RequestInfo.segments(path));
        if (info == null) {
            throw StatusException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        return info;
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

    private Response dispatch(String method, RequestInfo info, UriInfo uri, HttpHeaders headers, byte[] body,
                              org.eclipse.jetty.server.Request jetty) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        ApiRequest request = new ApiRequest(method, info, query::getFirst, headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                headers.getHeaderString(HttpHeaders.ACCEPT), body, RequestContext.user(jetty));
        Reply reply = endpoint.handle(request);
        return Response.status(reply.code()).entity(reply.body()).type(reply.mediaType()).build();
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
