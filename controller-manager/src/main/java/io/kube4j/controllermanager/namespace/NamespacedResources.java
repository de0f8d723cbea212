package io.kube4j.controllermanager.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.client.ApiClient;
import java.util.ArrayList;
import java.util.List;

/** Discovery of every namespaced resource the server can list and delete: what a namespace may contain. */
final class NamespacedResources {

    /**
     * A collection under {@code /api/v1} or {@code /apis/<group>/<version>}.
     *
     * @param deleteCollection whether the server deletes the whole collection in one request
     */
    record Resource(String groupVersionPath, String plural, boolean deleteCollection) {

        String collection(String namespace) {
            return groupVersionPath + "/namespaces/" + namespace + "/" + plural;
        }
    }

    private NamespacedResources() {
    }

    static List<Resource> discover(ApiClient api) {
        List<Resource> out = new ArrayList<>();
        add(out, "/api/v1", api.get("/api/v1"));
        JsonNode groups = api.get("/apis");
        for (JsonNode group : groups.path("groups")) {
            String gv = group.path("preferredVersion").path("groupVersion").asText("");
            if (gv.isEmpty()) {
                continue;
            }
            add(out, "/apis/" + gv, api.get("/apis/" + gv));
        }
        return out;
    }

    private static void add(List<Resource> out, String path, JsonNode list) {
        for (JsonNode r : list.path("resources")) {
            String name = r.path("name").asText("");
            if (name.contains("/") || !r.path("namespaced").asBoolean(false)) {
                continue;
            }
            boolean listable = false;
            boolean deletable = false;
            boolean collection = false;
            for (JsonNode verb : r.path("verbs")) {
                listable |= verb.asText().equals("list");
                deletable |= verb.asText().equals("delete");
                collection |= verb.asText().equals("deletecollection");
            }
            if (listable && deletable) {
                out.add(new Resource(path, name, collection));
            }
        }
    }
}
