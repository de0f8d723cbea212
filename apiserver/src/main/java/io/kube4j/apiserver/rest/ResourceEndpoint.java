package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.cache.CachedObject;
import io.kube4j.apiserver.cache.ObjectCodec;
import io.kube4j.apiserver.fieldvalidation.FieldValidation;
import io.kube4j.apiserver.patch.PatchType;
import io.kube4j.apiserver.patch.Patches;
import io.kube4j.apiserver.registry.DeleteOptions;
import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.registry.ListOptions;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The generic REST verbs over every resource type: it maps a parsed {@link ApiRequest} to the
 * {@link GenericStore} and encodes the answer. Subresources (status, scale, binding, eviction,
 * finalize) are handled here once for all types that declare them.
 */
public final class ResourceEndpoint {

    private final ResourceTypes types;
    private final GenericStore store;
    private final TableRenderers tables;
    private final Subresources subresources;
    private final java.util.Map<String, Computed> computed;
    private final io.kube4j.apiserver.fieldmanager.FieldManager fields;

    /** A create-only resource computed per request and never stored (access reviews): POST answers 201 with it. */
    public interface Computed {
        /** The answer to {@code body} posted by {@code user}; throws {@link StatusException} for a bad body. */
        ObjectNode create(ObjectNode body, io.kube4j.apiserver.auth.UserInfo user);
    }

    /**
     * @param tokens   issues service-account tokens (TokenRequest); null when no signing key is configured
     * @param computed the {@link Computed} resources by {@link ResourceType#groupResource()}
     */
    public ResourceEndpoint(ResourceTypes types, GenericStore store, TableRenderers tables, Clock clock,
                            io.kube4j.apiserver.auth.ServiceAccountTokens tokens, java.util.Map<String, Computed> computed) {
        this.types = types;
        this.store = store;
        this.tables = tables;
        this.subresources = new Subresources(types, store, clock, tokens);
        this.computed = java.util.Map.copyOf(computed);
        this.fields = new io.kube4j.apiserver.fieldmanager.FieldManager(clock);
    }

    public Reply handle(ApiRequest request) {
        RequestInfo info = request.info();
        if (info.group().isEmpty() && info.resource().equals("bindings")) {
            return subresources.binding(request, "");
        }
        ResourceType type = types.find(info.group(), info.version(), info.resource())
                .orElseThrow(() -> new StatusException(Status.failure(404, "NotFound",
                        "the server could not find the requested resource")));
        if (!type.namespaced() && !info.namespace().isEmpty()) {
            throw new StatusException(Status.failure(404, "NotFound", "the server could not find the requested resource"));
        }
        WriteOptions.check(request.method(), request.query());
        Computed virtual = computed.get(type.groupResource());
        if (virtual != null) {
            if (!request.method().equals("POST") || info.hasName() || info.hasSubresource()) {
                throw StatusException.methodNotAllowed("the server does not allow this method on the requested resource");
            }
            return object(201, virtual.create(Patches.parseBody(request.body(), request.contentType()), request.user()));
        }
        if (info.hasSubresource()) {
            if (!type.subresources().contains(info.subresource())) {
                throw new StatusException(Status.failure(404, "NotFound", "the server could not find the requested resource"));
            }
            return subresources.handle(request, type);
        }
        String ns = info.namespace();
        return switch (request.method()) {
            case "GET" -> info.hasName() ? get(request, type) : list(request, type);
            case "POST" -> {
                if (info.hasName()) {
                    throw StatusException.methodNotAllowed("the server does not allow this method on the requested resource");
                }
                ObjectNode body = Patches.parseBody(request.body(), request.contentType());
                validateFields(request, type, body, request.body(), false);
                fields.recordUpdate(null, body, request.fieldManager(), type.kind(), type.apiVersion());
                yield Reply.json(201, store.wire(type, store.create(type, ns, body, request.context()), request.context()));
            }
            case "PUT" -> {
                requireName(info);
                ObjectNode body = Patches.parseBody(request.body(), request.contentType());
                validateFields(request, type, body, request.body(), false);
                String manager = request.fieldManager();
                yield Reply.json(200, store.wire(type, store.update(type, ns, info.name(),
                        old -> fields.recordUpdate(old, body.deepCopy(), manager, type.kind(), type.apiVersion()),
                        GenericStore.Part.MAIN, request.context()), request.context()));
            }
            case "PATCH" -> {
                requireName(info);
                yield patch(request, type, GenericStore.Part.MAIN);
            }
            case "DELETE" -> info.hasName() ? delete(request, type) : deleteCollection(request, type);
            default -> throw StatusException.methodNotAllowed("the server does not allow this method on the requested resource");
        };
    }

    private static void requireName(RequestInfo info) {
        if (!info.hasName()) {
            throw StatusException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private Reply get(ApiRequest request, ResourceType type) {
        ObjectNode object = store.get(type, request.info().namespace(), request.info().name());
        if (TableRenderers.wantsTable(request.accept())) {
            return tables.single(type, object, includeObject(request));
        }
        return object(200, object);
    }

    private Reply list(ApiRequest request, ResourceType type) {
        ListOptions options = Queries.listOptions(request.query(), "");
        Predicate<CachedObject> filter = Queries.filter(type, options);
        GenericStore.ListResult result = store.list(type, request.info().namespace(), options, filter);
        if (TableRenderers.wantsTable(request.accept())) {
            return tables.list(type, result, includeObject(request));
        }
        return Reply.json(200, Lists.encode(type, result));
    }

    private static boolean includeObject(ApiRequest request) {
        return "Object".equals(request.query().apply("includeObject"));
    }

    Reply patch(ApiRequest request, ResourceType type, GenericStore.Part part) {
        RequestInfo info = request.info();
        PatchType patchType = Patches.type(request.contentType());
        boolean force = Queries.bool(request.query(), "force");
        if (patchType == PatchType.APPLY && part == GenericStore.Part.MAIN) {
            return apply(request, type, force);
        }
        if (force) {
            throw StatusException.badRequest("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: "
                    + "may not be specified for non-apply patch");
        }
        String manager = request.fieldManager();
        FieldValidation.Mode mode = FieldValidation.mode(request.query().apply("fieldValidation"));
        java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        ObjectNode updated = store.update(type, info.namespace(), info.name(), old -> {
            ObjectNode patched = unpinned(old, Patches.apply(patchType, old, request.body(), type.kind()));
            warnings.clear();
            // only the main resource is checked: status is open, and subresource bodies are other kinds
            if (part == GenericStore.Part.MAIN) {
                FieldValidation.check(mode, patched, type.kind(), type.apiVersion(), request.body(), false, warnings::add);
            }
            return part == GenericStore.Part.MAIN
                    ? fields.recordUpdate(old, patched, manager, type.kind(), type.apiVersion()) : patched;
        }, part, request.context());
        warnings.forEach(request::warn);
        return Reply.json(200, store.wire(type, updated, request.context()));
    }

    /** Server-side apply: creates the object when absent (201), else merges and records ownership. */
    private Reply apply(ApiRequest request, ResourceType type, boolean force) {
        RequestInfo info = request.info();
        String manager = request.query().apply("fieldManager");
        if (manager == null || manager.isEmpty()) {
            throw StatusException.badRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
                    + "is required for apply patch");
        }
        ObjectNode config = Patches.applyConfiguration(request.body());
        validateFields(request, type, config, request.body(), true);
        ObjectNode meta = config.get("metadata") instanceof ObjectNode m ? m : config.putObject("metadata");
        String bodyName = meta.path("name").asText("");
        if (!bodyName.isEmpty() && !bodyName.equals(info.name())) {
            throw StatusException.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + info.name() + ")");
        }
        meta.put("name", info.name());
        java.util.function.BinaryOperator<ObjectNode> merge = (live, applied) -> Patches.mergeApplied(live, applied, type.kind());
        try {
            store.get(type, info.namespace(), info.name());
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
            ObjectNode created = fields.apply(null, config, manager, force, type.kind(), type.apiVersion(), merge);
            return object(201, store.create(type, info.namespace(), created, request.context()));
        }
        ObjectNode updated = store.update(type, info.namespace(), info.name(),
                old -> unpinned(old, fields.apply(old, config, manager, force, type.kind(), type.apiVersion(), merge)),
                GenericStore.Part.MAIN, request.context());
        return object(200, updated);
    }

    private static void validateFields(ApiRequest request, ResourceType type, ObjectNode object, byte[] body, boolean yaml) {
        FieldValidation.Mode mode = FieldValidation.mode(request.query().apply("fieldValidation"));
        boolean protobuf = request.contentType() != null && request.contentType().contains("protobuf");
        boolean yamlBody = yaml || (request.contentType() != null && request.contentType().contains("yaml"));
        FieldValidation.check(mode, object, type.kind(), type.apiVersion(), protobuf ? null : body, yamlBody, request::warn);
    }

    private Reply delete(ApiRequest request, ResourceType type) {
        DeleteOptions options = Queries.deleteOptions(request.query(), deleteBody(request));
        GenericStore.DeleteResult result = store.delete(type, request.info().namespace(), request.info().name(), options,
                request.context());
        return object(200, result.object());
    }

    private Reply deleteCollection(ApiRequest request, ResourceType type) {
        DeleteOptions options = Queries.deleteOptions(request.query(), deleteBody(request));
        ListOptions listOptions = Queries.listOptions(request.query(), "");
        Predicate<CachedObject> filter = Queries.filter(type, listOptions);
        GenericStore.ListResult result = store.list(type, request.info().namespace(),
                new ListOptions(listOptions.labels(), listOptions.fields(), "", 0, "", false, 0), filter);
        List<CachedObject> deleted = new ArrayList<>();
        for (CachedObject o : result.items()) {
            try {
                GenericStore.DeleteResult r = store.delete(type, o.namespace(), o.name(), options, request.context());
                deleted.add(store.cache(type).codec().cached(o.key(), r.object(),
                        r.object().path("metadata").path("resourceVersion").asLong()));
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        return Reply.json(200, Lists.encode(type, new GenericStore.ListResult(deleted, result.revision(), "", 0)));
    }

    private static JsonNode deleteBody(ApiRequest request) {
        if (request.body() == null || request.body().length == 0) {
            return null;
        }
        return Patches.parseBody(request.body(), request.contentType());
    }

    /**
     * A patch is applied to the stored object, so its result carries the stored resourceVersion; only
     * a patch that sets a different one (fabric8's JSON patch does) is a precondition. Otherwise the
     * version is dropped so a concurrent write makes the store retry the patch instead of answering 409.
     */
    static ObjectNode unpinned(ObjectNode old, ObjectNode patched) {
        JsonNode before = old.path("metadata").path("resourceVersion");
        if (patched.get("metadata") instanceof ObjectNode meta && meta.path("resourceVersion").equals(before)) {
            meta.remove("resourceVersion");
        }
        return patched;
    }

    static Reply object(int code, JsonNode object) {
        return Reply.json(code, Json.bytes(object));
    }

    static Reply status(Status status) {
        return Reply.json(status.code(), Json.bytes(status.toJson()));
    }

    static long resourceVersion(JsonNode object) {
        return object.path("metadata").path("resourceVersion").asLong(0);
    }

    static ObjectNode decoded(CachedObject o) {
        return ObjectCodec.decode(o.json(), o.revision());
    }
}
