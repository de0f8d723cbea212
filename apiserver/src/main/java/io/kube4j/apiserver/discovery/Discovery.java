package io.kube4j.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.common.api.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy discovery documents: {@code /version}, {@code /api}, {@code /apis},
 * {@code /apis/<group>}, {@code /api/v1} and {@code /apis/<group>/<version>}. Aggregated
 * discovery is not served: kubectl falls back to these when the reply's Content-Type does not
 * say {@code as=APIGroupDiscoveryList}.
 *
 * <p>Immutable and thread-safe; every call returns a fresh tree the caller may change.
 */
public final class Discovery {

    /** kubectl's dispatcher runs the kubectl build matching this minor version. */
    static final String MAJOR = "1";
    static final String MINOR = "32";
    static final String GIT_VERSION = "v1.32.0-kube4j";
    private static final String BUILD_DATE = "2025-01-01T00:00:00Z";

    private final ResourceTypes types;
    private final String serverAddress;

    /**
     * @param serverAddress {@code host:port} clients reach the apiserver at, e.g. {@code 127.0.0.1:6443}
     */
    public Discovery(ResourceTypes types, String serverAddress) {
        this.types = types;
        this.serverAddress = serverAddress;
    }

    /** {@code GET /version}. */
    public ObjectNode version() {
        ObjectNode version = Json.object();
        version.put("major", MAJOR);
        version.put("minor", MINOR);
        version.put("gitVersion", GIT_VERSION);
        version.put("gitCommit", "unknown");
        version.put("gitTreeState", "clean");
        version.put("buildDate", BUILD_DATE);
        version.put("goVersion", "java17");
        version.put("compiler", "kube4j");
        version.put("platform", "linux/amd64");
        return version;
    }

    /** {@code GET /api}: the core group's versions. */
    public ObjectNode coreVersions() {
        ObjectNode versions = Json.object();
        versions.put("kind", "APIVersions");
        ArrayNode list = versions.putArray("versions");
        types.groupVersions().getOrDefault("", List.of()).forEach(list::add);
        versions.set("serverAddressByClientCIDRs", serverAddresses());
        return versions;
    }

    /** {@code GET /apis}: every named group; the core group is at {@code /api}. */
    public ObjectNode groups() {
        ObjectNode list = Json.object();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (Map.Entry<String, List<String>> group : types.groupVersions().entrySet()) {
            if (!group.getKey().isEmpty()) {
                groups.add(groupBody(group.getKey(), group.getValue()));
            }
        }
        return list;
    }

    /** {@code GET /apis/<group>}; empty for the core group and for groups not served. */
    public Optional<ObjectNode> group(String group) {
        List<String> versions = types.groupVersions().get(group);
        if (group.isEmpty() || versions == null) {
            return Optional.empty();
        }
        ObjectNode body = Json.object();
        body.put("kind", "APIGroup");
        body.put("apiVersion", "v1");
        body.setAll(groupBody(group, versions));
        body.set("serverAddressByClientCIDRs", serverAddresses());
        return Optional.of(body);
    }

    /**
     * {@code GET /api/v1} ({@code group} = "") or {@code /apis/<group>/<version>}: every resource and
     * subresource of the group-version; empty when it is not served.
     */
    public Optional<ObjectNode> resources(String group, String version) {
        List<ResourceType> served = types.inGroupVersion(group, version);
        if (served.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode list = Json.object();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        list.set("resources", ApiResources.of(group, version, served));
        return Optional.of(list);
    }

    private static ObjectNode groupBody(String group, List<String> versions) {
        ObjectNode body = Json.object();
        body.put("name", group);
        ArrayNode list = body.putArray("versions");
        versions.forEach(v -> list.add(groupVersion(group, v)));
        body.set("preferredVersion", groupVersion(group, versions.get(0)));
        return body;
    }

    private static ObjectNode groupVersion(String group, String version) {
        ObjectNode gv = Json.object();
        gv.put("groupVersion", group + "/" + version);
        gv.put("version", version);
        return gv;
    }

    private ArrayNode serverAddresses() {
        ArrayNode addresses = Json.MAPPER.createArrayNode();
        ObjectNode address = addresses.addObject();
        address.put("clientCIDR", "0.0.0.0/0");
        address.put("serverAddress", serverAddress);
        return addresses;
    }
}
