package io.kube4j.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The verbs of one resource type, typed: get, list, create, update, updateStatus, patch,
 * delete, watch, and the subresources the daemons need (binding, scale, eviction). Thread-safe;
 * every call is one request through the shared {@link ApiClient} (rate limit and retries apply).
 * Failures are {@link ApiException}s carrying the server's Status.
 */
public final class ResourceClient<T extends KubeObject> {

    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String JSON_PATCH = "application/json-patch+json";
    public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

    private final ApiClient api;
    private final Kind<T> kind;

    public ResourceClient(ApiClient api, Kind<T> kind) {
        this.api = api;
        this.kind = kind;
    }

    public Kind<T> kind() {
        return kind;
    }

    public T get(String namespace, String name) {
        return wrap(api.request("GET", kind.path(namespace, name, ""), null, null));
    }

    /** The object, or empty when it does not exist (404). */
    public Optional<T> find(String namespace, String name) {
        try {
            return Optional.of(get(namespace, name));
        } catch (ApiException e) {
            if (e.code() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** One page; namespace "" lists across all namespaces. */
    public ObjectList<T> list(String namespace, ListRequest request) {
        JsonNode list = api.request("GET", kind.path(namespace, "", "") + request.query(false), null, null);
        List<T> items = new ArrayList<>();
        for (JsonNode item : list.path("items")) {
            ObjectNode object = (ObjectNode) item;
            // list items come without kind/apiVersion; put them back so objects are self-describing
            object.put("apiVersion", kind.apiVersion());
            object.put("kind", kind.kind());
            items.add(kind.wrap(object));
        }
        JsonNode meta = list.path("metadata");
        return new ObjectList<>(items, meta.path("resourceVersion").asText(""), meta.path("continue").asText(""));
    }

    /** Every page of a list, read at the first page's version. */
    public ObjectList<T> listAll(String namespace, ListRequest request) {
        List<T> items = new ArrayList<>();
        ObjectList<T> page = list(namespace, request);
        items.addAll(page.items());
        String rv = page.resourceVersion();
        while (!page.continueToken().isEmpty()) {
            page = list(namespace, request.withContinue(page.continueToken()).withResourceVersion(""));
            items.addAll(page.items());
        }
        return new ObjectList<>(items, rv, "");
    }

    public T create(T object) {
        return wrap(api.request("POST", kind.path(object.metadata().namespace(), "", ""), Json.bytes(object.json()),
                "application/json"));
    }

    /** PUT of the whole object; its resourceVersion, when set, must still be current (else 409). */
    public T update(T object) {
        return wrap(api.request("PUT", kind.path(object.metadata().namespace(), object.metadata().name(), ""),
                Json.bytes(object.json()), "application/json"));
    }

    /** PUT to the status subresource: only {@code status} changes. */
    public T updateStatus(T object) {
        return wrap(api.request("PUT", kind.path(object.metadata().namespace(), object.metadata().name(), "status"),
                Json.bytes(object.json()), "application/json"));
    }

    /** @param contentType one of the patch media types ({@link #MERGE_PATCH}, {@link #JSON_PATCH}, …) */
    public T patch(String namespace, String name, String contentType, JsonNode patch) {
        return wrap(api.request("PATCH", kind.path(namespace, name, ""), Json.bytes(patch), contentType));
    }

    public T patchStatus(String namespace, String name, String contentType, JsonNode patch) {
        return wrap(api.request("PATCH", kind.path(namespace, name, "status"), Json.bytes(patch), contentType));
    }

    /** Deletes with the server's defaults; true when it existed. */
    public boolean delete(String namespace, String name) {
        return delete(namespace, name, null);
    }

    /**
     * @param options a DeleteOptions body ({@code gracePeriodSeconds}, {@code propagationPolicy},
     *                {@code preconditions}), or null
     * @return false when the object did not exist
     */
    public boolean delete(String namespace, String name, JsonNode options) {
        try {
            api.request("DELETE", kind.path(namespace, name, ""), options == null ? null : Json.bytes(options),
                    options == null ? null : "application/json");
            return true;
        } catch (ApiException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Streams changes. Events arrive in order on the client's reader thread; {@code onClose} is
     * called once when the stream ends (null on a clean end). Close the result to stop.
     */
    public AutoCloseable watch(String namespace, ListRequest request, Consumer<WatchEvent<T>> onEvent,
                               Consumer<Throwable> onClose) {
        return api.watch(kind.path(namespace, "", "") + request.query(true), line -> onEvent.accept(event(line)), onClose);
    }

    private WatchEvent<T> event(JsonNode line) {
        WatchEvent.Type type;
        try {
            type = WatchEvent.Type.valueOf(line.path("type").asText(""));
        } catch (IllegalArgumentException e) {
            type = WatchEvent.Type.ERROR;
        }
        JsonNode raw = line.path("object");
        T object = null;
        if (type != WatchEvent.Type.ERROR && type != WatchEvent.Type.BOOKMARK && raw instanceof ObjectNode o) {
            object = kind.wrap(o);
        }
        return new WatchEvent<>(type, object, raw);
    }

    // ---- subresources

    /** pods/binding: assigns an unbound pod to a node (409 when it already has one). */
    public void bind(String namespace, String pod, String node) {
        ObjectNode binding = Json.object();
        binding.put("apiVersion", "v1");
        binding.put("kind", "Binding");
        binding.putObject("metadata").put("name", pod).put("namespace", namespace);
        binding.putObject("target").put("apiVersion", "v1").put("kind", "Node").put("name", node);
        api.request("POST", kind.path(namespace, pod, "binding"), Json.bytes(binding), "application/json");
    }

    /** The {@code scale} subresource: sets spec.replicas; returns the Scale object. */
    public JsonNode scale(String namespace, String name, int replicas) {
        ObjectNode patch = Json.object();
        patch.putObject("spec").put("replicas", replicas);
        return api.request("PATCH", kind.path(namespace, name, "scale"), Json.bytes(patch), MERGE_PATCH);
    }

    /** pods/eviction: a graceful delete that honours disruption budgets. */
    public void evict(String namespace, String pod) {
        ObjectNode eviction = Json.object();
        eviction.put("apiVersion", "policy/v1");
        eviction.put("kind", "Eviction");
        eviction.putObject("metadata").put("name", pod).put("namespace", namespace);
        api.request("POST", kind.path(namespace, pod, "eviction"), Json.bytes(eviction), "application/json");
    }

    private T wrap(JsonNode json) {
        return kind.wrap((ObjectNode) json);
    }
}
