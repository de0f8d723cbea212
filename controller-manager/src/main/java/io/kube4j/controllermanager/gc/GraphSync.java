package io.kube4j.controllermanager.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;
import io.kube4j.common.api.meta.OwnerReference;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.controllermanager.util.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One garbage-collector sync of one object: finish its orphan or foreground deletion, or
 * delete it (or drop dangling references) when its owners are gone. An owner counts as gone
 * only when the apiserver says so — 404, or another uid under that name — never from the cache alone.
 */
final class GraphSync {

    static final String ORPHAN = "orphan";
    static final String FOREGROUND = "foregroundDeletion";
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final ApiClient api;
    private final OwnerGraph graph;

    GraphSync(ApiClient api, OwnerGraph graph) {
        this.api = api;
        this.graph = graph;
    }

    Result reconcile(String key) {
        int bar = key.indexOf('|');
        int kind = Integer.parseInt(key.substring(0, bar));
        Optional<OwnerGraph.Node> found = graph.get(kind, key.substring(bar + 1));
        if (found.isEmpty()) {
            return Result.DONE;
        }
        KubeObject object = found.get().object();
        List<String> finalizers = object.metadata().finalizers();
        if (object.metadata().isBeingDeleted() && finalizers.contains(ORPHAN)) {
            return orphanDependents(kind, object);
        }
        if (object.metadata().isBeingDeleted() && finalizers.contains(FOREGROUND)) {
            return deleteDependentsFirst(kind, object);
        }
        if (!object.metadata().ownerReferences().isEmpty() && !object.metadata().isBeingDeleted()) {
            collectIfOrphaned(kind, object);
        }
        return Result.DONE;
    }

    private Result orphanDependents(int kind, KubeObject owner) {
        String uid = owner.metadata().uid();
        for (OwnerGraph.Node dependent : graph.dependents(uid)) {
            patchOwners(dependent, Set.of(uid));
        }
        removeFinalizer(kind, owner, ORPHAN);
        return Result.DONE;
    }

    private Result deleteDependentsFirst(int kind, KubeObject owner) {
        String uid = owner.metadata().uid();
        boolean blocked = false;
        for (OwnerGraph.Node dependent : graph.dependents(uid)) {
            KubeObject d = dependent.object();
            boolean blocks = d.metadata().ownerReferences().stream().anyMatch(r -> r.uid().equals(uid) && r.blockOwnerDeletion());
            blocked |= blocks;
            if (!d.metadata().isBeingDeleted()) {
                String policy = graph.dependents(d.metadata().uid()).isEmpty() ? "Background" : "Foreground";
                delete(dependent, policy);
            }
        }
        if (blocked) {
            return Result.after(RECHECK);
        }
        removeFinalizer(kind, owner, FOREGROUND);
        return Result.DONE;
    }

    private void collectIfOrphaned(int kind, KubeObject object) {
        List<OwnerReference> refs = object.metadata().ownerReferences();
        List<String> gone = new ArrayList<>();
        for (OwnerReference ref : refs) {
            if (isGone(ref, object.metadata().namespace())) {
                gone.add(ref.uid());
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        OwnerGraph.Node node = new OwnerGraph.Node(kind, object);
        if (gone.size() == refs.size()) {
            delete(node, "Background");
        } else {
            patchOwners(node, Set.copyOf(gone));
        }
    }

    private boolean isGone(OwnerReference ref, String namespace) {
        if (graph.byUid(ref.uid()).isPresent()) {
            return false;
        }
        Optional<Integer> kind = graph.kindOf(ref);
        if (kind.isEmpty()) {
            return false; // a kind we do not track: never guess that it is gone
        }
        Kind<? extends KubeObject> ownerKind = graph.kind(kind.get());
        try {
            JsonNode live = api.get(ownerKind.path(ownerKind.namespaced() ? namespace : "", ref.name(), ""));
            return !live.path("metadata").path("uid").asText().equals(ref.uid());
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return true;
            }
            throw e;
        }
    }

    private void delete(OwnerGraph.Node node, String policy) {
        KubeObject object = node.object();
        ObjectNode options = Json.object().put("propagationPolicy", policy);
        options.putObject("preconditions").put("uid", object.metadata().uid());
        try {
            new ResourceClient<>(api, graph.kind(node.kind()))
                    .delete(object.metadata().namespace(), object.metadata().name(), options);
        } catch (ApiException e) {
            if (!e.isConflict()) {
                throw e;
            }
        }
    }

    private void patchOwners(OwnerGraph.Node node, Set<String> dropUids) {
        KubeObject object = node.object();
        ArrayNode refs = Json.MAPPER.createArrayNode();
        object.json().path("metadata").path("ownerReferences").forEach(r -> {
            if (!dropUids.contains(r.path("uid").asText())) {
                refs.add(r.deepCopy());
            }
        });
        ObjectNode patch = Json.object();
        ObjectNode meta = patch.putObject("metadata");
        meta.put("resourceVersion", object.metadata().resourceVersion());
        if (refs.isEmpty()) {
            meta.putNull("ownerReferences");
        } else {
            meta.set("ownerReferences", refs);
        }
        patch(node.kind(), object, patch);
    }

    private void removeFinalizer(int kind, KubeObject object, String finalizer) {
        ArrayNode kept = Json.MAPPER.createArrayNode();
        object.metadata().finalizers().stream().filter(f -> !f.equals(finalizer)).forEach(kept::add);
        ObjectNode patch = Json.object();
        ObjectNode meta = patch.putObject("metadata");
        meta.put("resourceVersion", object.metadata().resourceVersion());
        if (kept.isEmpty()) {
            meta.putNull("finalizers");
        } else {
            meta.set("finalizers", kept);
        }
        patch(kind, object, patch);
    }

    private void patch(int kind, KubeObject object, ObjectNode patch) {
        try {
            new ResourceClient<>(api, graph.kind(kind)).patch(object.metadata().namespace(), object.metadata().name(),
                    ResourceClient.MERGE_PATCH, patch);
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }
}
