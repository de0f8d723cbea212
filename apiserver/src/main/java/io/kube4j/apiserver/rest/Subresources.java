package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.patch.PatchType;
import io.kube4j.apiserver.patch.Patches;
import io.kube4j.apiserver.registry.DeleteOptions;
import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusCause;
import io.kube4j.common.api.meta.StatusException;
import io.kube4j.common.selector.LabelSelector;
import java.time.Clock;
import java.util.List;


/** status, scale, binding, eviction, finalize and log: the subresources every type shares. */
final class Subresources {

    private final ResourceType pods;
    private final GenericStore store;
    private final Clock clock;
    private final io.kube4j.apiserver.auth.ServiceAccountTokens tokens;
    private final io.kube4j.apiserver.fieldmanager.FieldManager fields;

    Subresources(ResourceTypes types, GenericStore store, Clock clock, io.kube4j.apiserver.auth.ServiceAccountTokens tokens) {
        this.pods = types.find("", "v1", "pods").orElseThrow();
        this.store = store;
        this.clock = clock;
        this.tokens = tokens;
        this.fields = new io.kube4j.apiserver.fieldmanager.FieldManager(clock);
    }

    /** The proposed object with the writer's status fields recorded in managedFields. */
    private ObjectNode statusManaged(ApiRequest request, ResourceType type, ObjectNode old, ObjectNode proposed) {
        ObjectNode meta = proposed.get("metadata") instanceof ObjectNode m ? m : proposed.putObject("metadata");
        // the store keeps everything but status from the stored object, managed fields included
        ObjectNode withOldMeta = proposed.deepCopy();
        withOldMeta.set("metadata", old.path("metadata").deepCopy());
        fields.recordStatusUpdate(old, withOldMeta, request.fieldManager(), type.kind(), type.apiVersion());
        JsonNode managed = withOldMeta.path("metadata").get("managedFields");
        if (managed == null) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", managed);
        }
        return proposed;
    }

    Reply handle(ApiRequest request, ResourceType type) {
        RequestInfo info = request.info();
        String method = request.method();
        return switch (info.subresource()) {
            case "status" -> switch (method) {
                case "GET" -> ResourceEndpoint.object(200, store.get(type, info.namespace(), info.name()));
                case "PUT" -> {
                    ObjectNode body = Patches.parseBody(request.body(), request.contentType());
                    yield ResourceEndpoint.object(200, store.update(type, info.namespace(), info.name(),
                            old -> statusManaged(request, type, old, body.deepCopy()), GenericStore.Part.STATUS,
                            request.context()));
                }
                case "PATCH" -> ResourceEndpoint.object(200, store.update(type, info.namespace(), info.name(),
                        old -> statusManaged(request, type, old, ResourceEndpoint.unpinned(old,
                                Patches.apply(Patches.type(request.contentType()), old, request.body(), type.kind()))),
                        GenericStore.Part.STATUS, request.context()));
                default -> throw notAllowed();
            };
            case "scale" -> scale(request, type);
            case "binding" -> {
                if (!method.equals("POST")) {
                    throw notAllowed();
                }
                yield binding(request, info.name());
            }
            case "eviction" -> {
                if (!method.equals("POST")) {
                    throw notAllowed();
                }
                yield eviction(request);
            }
            case "finalize" -> {
                if (!method.equals("PUT")) {
                    throw notAllowed();
                }
                ObjectNode body = Patches.parseBody(request.body(), request.contentType());
                yield ResourceEndpoint.object(200, store.update(type, "", info.name(), old -> {
                    old.set("spec", body.path("spec").deepCopy());
                    return old;
                }, GenericStore.Part.ALL, request.context()));
            }
            case "log" -> throw StatusException.methodNotAllowed("pods/log only answers GET");
            case "token" -> {
                if (!method.equals("POST")) {
                    throw notAllowed();
                }
                yield tokenRequest(request, type);
            }
            default -> throw new StatusException(Status.failure(404, "NotFound", "the server could not find the requested resource"));
        };
    }

    private static StatusException notAllowed() {
        return StatusException.methodNotAllowed("the server does not allow this method on the requested resource");
    }

    // ---- scale

    private Reply scale(ApiRequest request, ResourceType type) {
        RequestInfo info = request.info();
        switch (request.method()) {
            case "GET":
                return ResourceEndpoint.object(200, toScale(type, store.get(type, info.namespace(), info.name())));
            case "PUT":
            case "PATCH": {
                ObjectNode updated = store.update(type, info.namespace(), info.name(), old -> {
                    ObjectNode scale = toScale(type, old);
                    ObjectNode wanted = request.method().equals("PUT")
                            ? Patches.parseBody(request.body(), request.contentType())
                            : ResourceEndpoint.unpinned(scale, Patches.apply(Patches.type(request.contentType()), scale,
                                    request.body(), "Scale"));
                    JsonNode replicas = wanted.path("spec").path("replicas");
                    if (!replicas.isIntegralNumber() || replicas.asInt() < 0) {
                        throw StatusException.invalid("Scale", info.name(), List.of(StatusCause.invalid("spec.replicas",
                                replicas.asText(), "must be greater than or equal to 0")));
                    }
                    ((ObjectNode) old.path("spec")).put("replicas", replicas.asInt());
                    String rv = wanted.path("metadata").path("resourceVersion").asText("");
                    if (!rv.isEmpty()) {
                        ((ObjectNode) old.path("metadata")).put("resourceVersion", rv);
                    }
                    return old;
                }, GenericStore.Part.MAIN, request.context());
                return ResourceEndpoint.object(200, toScale(type, updated));
            }
            default:
                throw notAllowed();
        }
    }

    static ObjectNode toScale(ResourceType type, ObjectNode parent) {
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        JsonNode pm = parent.path("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (pm.has(f)) {
                meta.set(f, pm.get(f));
            }
        }
        scale.putObject("spec").put("replicas", parent.path("spec").path("replicas").asInt(0));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", parent.path("status").path("replicas").asInt(0));
        JsonNode selector = parent.path("spec").path("selector");
        String text;
        if (type.kind().equals("ReplicationController")) {
            StringBuilder sb = new StringBuilder();
            selector.fields().forEachRemaining(e -> sb.append(sb.length() == 0 ? "" : ",").append(e.getKey())
                    .append('=').append(e.getValue().asText()));
            text = sb.toString();
        } else {
            text = LabelSelector.fromJson(selector).toString();
        }
        status.put("selector", text);
        return scale;
    }

    // ---- binding

    Reply binding(ApiRequest request, String podName) {
        RequestInfo info = request.info();
        if (!request.method().equals("POST")) {
            throw notAllowed();
        }
        ObjectNode binding = Patches.parseBody(request.body(), request.contentType());
        String name = podName.isEmpty() ? binding.path("metadata").path("name").asText("") : podName;
        String node = binding.path("target").path("name").asText("");
        if (name.isEmpty() || node.isEmpty()) {
            throw StatusException.invalid("Binding", name, List.of(node.isEmpty()
                    ? StatusCause.required("target.name") : StatusCause.required("metadata.name")));
        }
        store.update(pods, info.namespace(), name, pod -> {
            String current = pod.path("spec").path("nodeName").asText("");
            if (!current.isEmpty()) {
                throw StatusException.conflict("pods/binding", name, "pod " + name + " is already assigned to node \"" + current + "\"");
            }
            if (pod.path("metadata").has("deletionTimestamp")) {
                throw StatusException.conflict("pods/binding", name, "pod " + name + " is being deleted, cannot be assigned to a host");
            }
            ((ObjectNode) pod.path("spec")).put("nodeName", node);
            setCondition(pod, "PodScheduled", "True");
            return pod;
        }, GenericStore.Part.ALL, request.context().withSubresource("binding"));
        return ResourceEndpoint.status(new Status(201, "", null, null, null, null, null, List.of(), 0));
    }

    private void setCondition(ObjectNode pod, String conditionType, String value) {
        ObjectNode status = pod.get("status") instanceof ObjectNode s ? s : pod.putObject("status");
        ArrayNode conditions = status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
        for (int i = conditions.size() - 1; i >= 0; i--) {
            if (conditions.get(i).path("type").asText().equals(conditionType)) {
                conditions.remove(i);
            }
        }
        ObjectNode c = conditions.addObject();
        c.put("type", conditionType);
        c.put("status", value);
        c.putNull("lastProbeTime");
        c.put("lastTransitionTime", GenericStore.timestamp(clock.instant()));
    }

    // ---- eviction

    private Reply eviction(ApiRequest request) {
        RequestInfo info = request.info();
        ObjectNode eviction = request.body() == null || request.body().length == 0
                ? Json.object() : Patches.parseBody(request.body(), request.contentType());
        JsonNode options = eviction.path("deleteOptions");
        DeleteOptions delete = Queries.deleteOptions(q -> null, options.isObject() ? options : null);
        store.delete(pods, info.namespace(), info.name(), delete, request.context());
        return ResourceEndpoint.status(new Status(201, "", null, null, null, null, null, List.of(), 0));
    }

    // ---- token (TokenRequest)

    private Reply tokenRequest(ApiRequest request, ResourceType accounts) {
        if (tokens == null) {
            throw StatusException.badRequest("token requests are not available: the apiserver has no"
                    + " --service-account-signing-key-file");
        }
        RequestInfo info = request.info();
        ObjectNode account = store.get(accounts, info.namespace(), info.name());
        ObjectNode body = request.body() == null || request.body().length == 0
                ? Json.object() : Patches.parseBody(request.body(), request.contentType());
        JsonNode spec = body.path("spec");
        long seconds = spec.path("expirationSeconds").asLong(3600);
        if (seconds < 600) {
            throw StatusException.invalid("TokenRequest", info.name(), List.of(StatusCause.invalid(
                    "spec.expirationSeconds", seconds, "may not specify a duration less than 10 minutes")));
        }
        seconds = Math.min(seconds, 48L * 3600);
        List<String> audiences = new java.util.ArrayList<>();
        spec.path("audiences").forEach(a -> audiences.add(a.asText()));
        io.kube4j.apiserver.auth.ServiceAccountTokens.BoundObject bound = null;
        JsonNode ref = spec.path("boundObjectRef");
        if (ref.isObject() && !ref.path("name").asText("").isEmpty()) {
            bound = new io.kube4j.apiserver.auth.ServiceAccountTokens.BoundObject(ref.path("kind").asText("Pod"),
                    ref.path("name").asText(), ref.path("uid").asText(""));
        }
        var issued = tokens.issue(info.namespace(), info.name(), account.path("metadata").path("uid").asText(),
                audiences, java.time.Duration.ofSeconds(seconds), bound);
        ObjectNode reply = Json.object();
        reply.put("kind", "TokenRequest");
        reply.put("apiVersion", "authentication.k8s.io/v1");
        reply.putObject("metadata").put("name", info.name()).put("namespace", info.namespace())
                .put("creationTimestamp", GenericStore.timestamp(clock.instant()));
        ObjectNode replySpec = reply.putObject("spec");
        var audienceArray = replySpec.putArray("audiences");
        (audiences.isEmpty() ? List.of(tokens.issuer()) : audiences).forEach(audienceArray::add);
        replySpec.put("expirationSeconds", seconds);
        if (bound != null) {
            replySpec.set("boundObjectRef", ref.deepCopy());
        }
        reply.putObject("status").put("token", issued.token())
                .put("expirationTimestamp", GenericStore.timestamp(issued.expires()));
        return ResourceEndpoint.object(201, reply);
    }

}
