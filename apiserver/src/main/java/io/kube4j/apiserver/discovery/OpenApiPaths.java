package io.kube4j.apiserver.discovery;

import static io.kube4j.apiserver.discovery.OpenApiSchemas.refTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.common.api.Json;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code paths} of one kind in the OpenAPI stub: the collection (list, create) and the
 * object (read, replace, delete, patch). kubectl reads the PATCH operation: its
 * {@code x-kubernetes-group-version-kind} and whether it declares {@code fieldValidation} decide
 * whether {@code create -f} / {@code apply -f} validate on the server; its content types decide
 * how client-side apply computes patches (see {@link #PATCH_TYPES}).
 */
final class OpenApiPaths {

    /**
     * The server accepts strategic merge patches too, but declaring one here makes client-side
     * {@code kubectl apply} compute its patch from these stub schemas, which fails ("warning: error
     * calculating patch from openapi v3 spec") before it falls back to its compiled-in types.
     * Left out, kubectl goes straight to those types and sends the same strategic merge patch.
     */
    static final List<String> PATCH_TYPES = List.of(
            "application/apply-patch+yaml",
            "application/json-patch+json",
            "application/merge-patch+json");

    private OpenApiPaths() {
    }

    static void addAll(ObjectNode paths, ResourceType type) {
        String prefix = "/" + (type.group().isEmpty() ? "api" : "apis/" + type.group()) + "/" + type.version()
                + (type.namespaced() ? "/namespaces/{namespace}" : "") + "/" + type.plural();
        ObjectNode collection = paths.putObject(prefix);
        collection.set("get", operation(type, "list", "list or watch objects of kind " + type.kind(),
                response("200", OpenApiSchemas.listName(type))));
        collection.set("post", withBody(operation(type, "create", "create a " + type.kind(),
                        response("200", OpenApiSchemas.name(type)), response("201", OpenApiSchemas.name(type)),
                        response("202", OpenApiSchemas.name(type))),
                writeParameters(false), List.of("*/*"), OpenApiSchemas.name(type)));
        collection.set("parameters", pathParameters(type, false));

        ObjectNode item = paths.putObject(prefix + "/{name}");
        item.set("get", operation(type, "read", "read the specified " + type.kind(),
                response("200", OpenApiSchemas.name(type))));
        item.set("put", withBody(operation(type, "replace", "replace the specified " + type.kind(),
                        response("200", OpenApiSchemas.name(type)), response("201", OpenApiSchemas.name(type))),
                writeParameters(false), List.of("*/*"), OpenApiSchemas.name(type)));
        item.set("delete", withBody(operation(type, "delete", "delete a " + type.kind(),
                        response("200", OpenApiSchemas.STATUS), response("202", OpenApiSchemas.STATUS)),
                deleteParameters(), List.of("*/*"), OpenApiSchemas.DELETE_OPTIONS));
        item.set("patch", withBody(operation(type, "patch", "partially update the specified " + type.kind(),
                        response("200", OpenApiSchemas.name(type)), response("201", OpenApiSchemas.name(type))),
                writeParameters(true), PATCH_TYPES, OpenApiSchemas.PATCH));
        item.set("parameters", pathParameters(type, true));
    }

    /** {@code {"group":"apps","version":"v1","kind":"Deployment"}}. */
    static ObjectNode gvk(String group, String version, String kind) {
        ObjectNode gvk = Json.object();
        gvk.put("group", group);
        gvk.put("version", version);
        gvk.put("kind", kind);
        return gvk;
    }

    private static ObjectNode operation(ResourceType type, String action, String description,
                                        ObjectNode... responses) {
        ObjectNode op = Json.object();
        op.putArray("tags").add(tag(type));
        op.put("description", description);
        op.put("operationId", operationId(type, action));
        ObjectNode byCode = op.putObject("responses");
        for (ObjectNode response : responses) {
            byCode.setAll(response);
        }
        byCode.putObject("401").put("description", "Unauthorized");
        op.put("x-kubernetes-action", switch (action) {
            case "read" -> "get";
            case "replace" -> "put";
            case "create" -> "post";
            default -> action;
        });
        op.set("x-kubernetes-group-version-kind", gvk(type.group(), type.version(), type.kind()));
        return op;
    }

    private static ObjectNode withBody(ObjectNode op, ArrayNode parameters, List<String> contentTypes, String schema) {
        op.set("parameters", parameters);
        ObjectNode body = op.putObject("requestBody");
        ObjectNode content = body.putObject("content");
        contentTypes.forEach(type -> content.putObject(type).set("schema", refTo(schema)));
        body.put("required", true);
        return op;
    }

    private static ObjectNode response(String code, String schema) {
        ObjectNode response = Json.object();
        ObjectNode body = response.putObject(code);
        body.put("description", code.equals("200") ? "OK" : code.equals("201") ? "Created" : "Accepted");
        ObjectNode content = body.putObject("content");
        for (String type : List.of("application/json", "application/yaml")) {
            content.putObject(type).set("schema", refTo(schema));
        }
        return response;
    }

    private static ArrayNode writeParameters(boolean patch) {
        ArrayNode parameters = Json.MAPPER.createArrayNode();
        parameters.add(query("dryRun", "string", "When present, indicates that modifications should not be persisted."));
        parameters.add(query("fieldManager", "string", "A name associated with the actor or entity that is making these changes."));
        parameters.add(query("fieldValidation", "string",
                "How the server treats unknown or duplicate fields: Ignore, Warn or Strict."));
        if (patch) {
            parameters.add(query("force", "boolean", "Force is going to \"force\" Apply requests."));
        }
        return parameters;
    }

    private static ArrayNode deleteParameters() {
        ArrayNode parameters = Json.MAPPER.createArrayNode();
        parameters.add(query("dryRun", "string", "When present, indicates that modifications should not be persisted."));
        parameters.add(query("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted."));
        parameters.add(query("propagationPolicy", "string", "Whether and how garbage collection will be performed."));
        return parameters;
    }

    private static ObjectNode query(String name, String schemaType, String description) {
        ObjectNode parameter = Json.object();
        parameter.put("name", name);
        parameter.put("in", "query");
        parameter.put("description", description);
        ObjectNode schema = parameter.putObject("schema");
        schema.put("type", schemaType);
        schema.put("uniqueItems", true);
        return parameter;
    }

    private static ArrayNode pathParameters(ResourceType type, boolean named) {
        ArrayNode parameters = Json.MAPPER.createArrayNode();
        if (named) {
            parameters.add(path("name", "name of the " + type.kind()));
        }
        if (type.namespaced()) {
            parameters.add(path("namespace", "object name and auth scope, such as for teams and projects"));
        }
        return parameters;
    }

    private static ObjectNode path(String name, String description) {
        ObjectNode parameter = Json.object();
        parameter.put("name", name);
        parameter.put("in", "path");
        parameter.put("description", description);
        parameter.put("required", true);
        ObjectNode schema = parameter.putObject("schema");
        schema.put("type", "string");
        schema.put("uniqueItems", true);
        return parameter;
    }

    /** {@code patchCoreV1NamespacedPod}, {@code listAppsV1NamespacedDeployment}, {@code readCoreV1Node}. */
    private static String operationId(ResourceType type, String action) {
        return action + groupWord(type.group()) + capitalize(type.version())
                + (type.namespaced() ? "Namespaced" : "") + type.kind();
    }

    /** {@code core_v1}, {@code rbacAuthorization_v1}, as Kubernetes tags its operations. */
    private static String tag(ResourceType type) {
        String word = groupWord(type.group());
        return Character.toLowerCase(word.charAt(0)) + word.substring(1) + "_" + type.version();
    }

    private static String groupWord(String group) {
        if (group.isEmpty()) {
            return "Core";
        }
        String base = group.endsWith(".k8s.io") ? group.substring(0, group.length() - ".k8s.io".length()) : group;
        return Arrays.stream(base.split("[.-]")).map(OpenApiPaths::capitalize).collect(Collectors.joining());
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
