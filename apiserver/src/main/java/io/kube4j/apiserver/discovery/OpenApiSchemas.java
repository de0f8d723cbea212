package io.kube4j.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.common.api.Json;

/**
 * The {@code components.schemas} of the OpenAPI stub: one loose object schema per kind and list
 * kind, and the few meta.k8s.io types the operations refer to. Deliberately permissive (no
 * {@code required}, unknown fields preserved) so that no schema-driven client rejects a valid
 * object; field validation is the server's job.
 */
final class OpenApiSchemas {

    static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    static final String OBJECT_META = META + "ObjectMeta";
    static final String LIST_META = META + "ListMeta";
    static final String PATCH = META + "Patch";
    static final String STATUS = META + "Status";
    static final String DELETE_OPTIONS = META + "DeleteOptions";

    private OpenApiSchemas() {
    }

    /** {@code io.k8s.api.core.v1.Pod}, {@code io.k8s.api.rbac.v1.Role}: as Kubernetes names its built-in types. */
    static String name(ResourceType type) {
        return packageName(type) + type.kind();
    }

    static String listName(ResourceType type) {
        return packageName(type) + type.listKind();
    }

    private static String packageName(ResourceType type) {
        String group = type.group().isEmpty() ? "core" : type.group().split("\\.")[0];
        return "io.k8s.api." + group + "." + type.version() + ".";
    }

    static String ref(String schemaName) {
        return "#/components/schemas/" + schemaName;
    }

    static ObjectNode refTo(String schemaName) {
        ObjectNode ref = Json.object();
        ref.put("$ref", ref(schemaName));
        return ref;
    }

    /** Adds the schemas every document needs, then the kind and list schemas of each type. */
    static void addAll(ObjectNode schemas, Iterable<ResourceType> types) {
        schemas.set(OBJECT_META, loose("Standard object metadata."));
        schemas.set(LIST_META, loose("Standard list metadata."));
        schemas.set(PATCH, loose("Patch is provided to give a concrete name and type to the Kubernetes PATCH request body."));
        schemas.set(STATUS, loose("Status is a return value for calls that don't return other objects."));
        schemas.set(DELETE_OPTIONS, loose("DeleteOptions may be provided when deleting an API object."));
        for (ResourceType type : types) {
            schemas.set(name(type), kind(type));
            schemas.set(listName(type), list(type));
        }
    }

    private static ObjectNode kind(ResourceType type) {
        ObjectNode schema = loose(type.kind() + " (kube4j stub schema: fields are not described).");
        ObjectNode properties = schema.putObject("properties");
        properties.set("apiVersion", string("APIVersion defines the versioned schema of this representation of an object."));
        properties.set("kind", string("Kind is a string value representing the REST resource this object represents."));
        properties.set("metadata", refTo(OBJECT_META));
        properties.set("spec", loose("The desired state of the " + type.kind() + "."));
        properties.set("status", loose("The observed state of the " + type.kind() + "."));
        gvk(schema, type.group(), type.version(), type.kind());
        return schema;
    }

    private static ObjectNode list(ResourceType type) {
        ObjectNode schema = loose(type.listKind() + " is a list of " + type.kind() + ".");
        ObjectNode properties = schema.putObject("properties");
        properties.set("apiVersion", string("APIVersion of the list."));
        properties.set("kind", string("Kind of the list."));
        properties.set("metadata", refTo(LIST_META));
        ObjectNode items = properties.putObject("items");
        items.put("type", "array");
        items.set("items", refTo(name(type)));
        gvk(schema, type.group(), type.version(), type.listKind());
        return schema;
    }

    /** Schemas name their kinds in a list; operations (see OpenApiPaths) in a single object. */
    private static void gvk(ObjectNode schema, String group, String version, String kind) {
        schema.putArray("x-kubernetes-group-version-kind").add(OpenApiPaths.gvk(group, version, kind));
    }

    private static ObjectNode loose(String description) {
        ObjectNode schema = Json.object();
        schema.put("description", description);
        schema.put("type", "object");
        schema.put("x-kubernetes-preserve-unknown-fields", true);
        return schema;
    }

    private static ObjectNode string(String description) {
        ObjectNode schema = Json.object();
        schema.put("description", description);
        schema.put("type", "string");
        return schema;
    }
}
