package io.kube4j.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.common.api.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI v3 stub at {@code /openapi/v3}: a root listing one document per group-version,
 * each document declaring, for every kind, the operations kubectl inspects (see
 * {@link OpenApiPaths}). Without it {@code kubectl create -f} and {@code apply -f} refuse to run
 * unless given {@code --validate=false}. {@code /openapi/v2} is not served.
 *
 * <p>Documents are built once at construction. Immutable and thread-safe; every call returns a
 * fresh tree the caller may change.
 */
public final class OpenApi {

    private final Map<String, Document> documents = new LinkedHashMap<>();

    private record Document(ObjectNode body, String hash) {
    }

    public OpenApi(ResourceTypes types) {
        for (Map.Entry<String, List<String>> group : types.groupVersions().entrySet()) {
            for (String version : group.getValue()) {
                ObjectNode body = document(group.getKey(), version, types.inGroupVersion(group.getKey(), version));
                documents.put(path(group.getKey(), version), new Document(body, sha256(Json.bytes(body))));
            }
        }
    }

    /** {@code api/v1} for the core group, {@code apis/<group>/<version>} otherwise. */
    public static String path(String group, String version) {
        return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
    }

    /**
     * {@code GET /openapi/v3}: {@code {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=H"},...}}}.
     * Clients cache a document by this URL, so the hash changes whenever the document does.
     */
    public ObjectNode root() {
        ObjectNode root = Json.object();
        ObjectNode paths = root.putObject("paths");
        documents.forEach((path, document) ->
                paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + document.hash()));
        return root;
    }

    /** {@code GET /openapi/v3/<groupVersionPath>}; empty when that group-version is not served. */
    public Optional<ObjectNode> document(String groupVersionPath) {
        return Optional.ofNullable(documents.get(groupVersionPath)).map(d -> d.body().deepCopy());
    }

    /**
     * The hex SHA-256 of a document, as its {@code hash} query parameter and ETag.
     *
     * @throws IllegalArgumentException when that group-version is not served
     */
    public String hash(String groupVersionPath) {
        Document document = documents.get(groupVersionPath);
        if (document == null) {
            throw new IllegalArgumentException("OpenApi: no document for group-version path " + groupVersionPath);
        }
        return document.hash();
    }

    private static ObjectNode document(String group, String version, List<ResourceType> kinds) {
        ObjectNode document = Json.object();
        document.put("openapi", "3.0.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Kubernetes");
        info.put("version", "v1.32.0");
        ObjectNode paths = document.putObject("paths");
        kinds.forEach(kind -> OpenApiPaths.addAll(paths, kind));
        OpenApiSchemas.addAll(document.putObject("components").putObject("schemas"), kinds);
        return document;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
