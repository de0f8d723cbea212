package io.kube4j.controllermanager.util;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.KubeObject;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.meta.OwnerReference;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.events.EventRecorder;

/**
 * Creates, deletes, adopts and releases pods on behalf of a controlling owner, recording the
 * events {@code kubectl describe} shows (SuccessfulCreate, SuccessfulDelete, FailedCreate).
 * Thread-safe.
 */
public final class PodControl {

    private final ResourceClient<Pod> pods;
    private final EventRecorder events;

    public PodControl(ApiClient api, EventRecorder events) {
        this.pods = new ResourceClient<>(api, Pod.KIND);
        this.events = events;
    }

    /** The ownerReference a controller puts on what it creates: controller and blockOwnerDeletion set. */
    public static OwnerReference controllerRef(KubeObject owner) {
        return new OwnerReference(owner.apiVersion(), owner.kind(), owner.metadata().name(), owner.metadata().uid(),
                true, true);
    }

    /** A new pod from {@code template} ({@code spec.template} of the owner), named {@code <owner>-xxxxx}. */
    public static Pod fromTemplate(JsonNode template, KubeObject owner) {
        Pod pod = Pod.named(owner.metadata().namespace(), "");
        ObjectNode meta = (ObjectNode) pod.json().get("metadata");
        meta.remove("name");
        meta.put("generateName", owner.metadata().name() + "-");
        JsonNode templateMeta = template.path("metadata");
        if (templateMeta.has("labels")) {
            meta.set("labels", templateMeta.get("labels").deepCopy());
        }
        if (templateMeta.has("annotations")) {
            meta.set("annotations", templateMeta.get("annotations").deepCopy());
        }
        pod.metadata().addOwnerReference(controllerRef(owner));
        pod.json().set("spec", template.path("spec").deepCopy());
        return pod;
    }

    public Pod create(JsonNode template, KubeObject owner) {
        try {
            Pod created = pods.create(fromTemplate(template, owner));
            events.event(owner, EventRecorder.NORMAL, "SuccessfulCreate", "Created pod: " + created.metadata().name());
            return created;
        } catch (ApiException e) {
            events.event(owner, EventRecorder.WARNING, "FailedCreate", "Error creating: " + e.getMessage());
            throw e;
        }
    }

    /** Deletes the pod (gracefully, as the server decides); false when it was already gone. */
    public boolean delete(Pod pod, KubeObject owner) {
        ObjectNode options = Json.object();
        options.putObject("preconditions").put("uid", pod.metadata().uid());
        try {
            boolean deleted = pods.delete(pod.metadata().namespace(), pod.metadata().name(), options);
            if (deleted) {
                events.event(owner, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted pod: " + pod.metadata().name());
            }
            return deleted;
        } catch (ApiException e) {
            if (e.isConflict()) {
                return false; // another pod under that name now: ours is gone
            }
            throw e;
        }
    }

    /** Makes {@code owner} the controller of an orphan; conflicts (the pod changed) throw, to retry. */
    public void adopt(Pod pod, KubeObject owner) {
        ArrayNode refs = Json.MAPPER.createArrayNode();
        pod.json().path("metadata").path("ownerReferences").forEach(r -> refs.add(r.deepCopy()));
        refs.add(controllerRef(owner).toJson());
        patchOwners(pod, refs);
    }

    /** Removes {@code owner}'s reference from a pod that no longer matches its selector. */
    public void release(Pod pod, String ownerUid) {
        ArrayNode refs = Json.MAPPER.createArrayNode();
        pod.json().path("metadata").path("ownerReferences").forEach(r -> {
            if (!r.path("uid").asText().equals(ownerUid)) {
                refs.add(r.deepCopy());
            }
        });
        try {
            patchOwners(pod, refs);
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    private void patchOwners(Pod pod, ArrayNode refs) {
        ObjectNode patch = Json.object();
        ObjectNode meta = patch.putObject("metadata");
        meta.put("resourceVersion", pod.metadata().resourceVersion());
        meta.set("ownerReferences", refs);
        pods.patch(pod.metadata().namespace(), pod.metadata().name(), ResourceClient.MERGE_PATCH, patch);
    }
}
