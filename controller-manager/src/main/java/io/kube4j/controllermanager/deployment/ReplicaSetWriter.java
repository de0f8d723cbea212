package io.kube4j.controllermanager.deployment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.apps.Deployment;
import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.events.EventRecorder;
import io.kube4j.controllermanager.util.PodControl;

/** The deployment controller's writes to ReplicaSets, each one request with the events kubectl shows. */
final class ReplicaSetWriter {

    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";

    private final ResourceClient<ReplicaSet> replicaSets;
    private final EventRecorder events;

    ReplicaSetWriter(ResourceClient<ReplicaSet> replicaSets, EventRecorder events) {
        this.replicaSets = replicaSets;
        this.events = events;
    }

    /** The new ReplicaSet of {@code d}'s template: hash label on selector and template, revision annotation. */
    ReplicaSet create(Deployment d, String hash, int replicas, long revision) {
        ReplicaSet rs = ReplicaSet.named(d.metadata().namespace(), d.metadata().name() + "-" + hash);
        ObjectNode template = d.spec().path("template").deepCopy();
        ObjectNode templateMeta = template.get("metadata") instanceof ObjectNode m ? m : template.putObject("metadata");
        ObjectNode labels = templateMeta.get("labels") instanceof ObjectNode l ? l : templateMeta.putObject("labels");
        labels.put(TemplateHash.LABEL, hash);
        ObjectNode meta = (ObjectNode) rs.json().get("metadata");
        meta.set("labels", labels.deepCopy());
        rs.metadata().annotation(RsState.REVISION, Long.toString(revision));
        rs.metadata().annotation("deployment.kubernetes.io/desired-replicas", Integer.toString(d.spec().path("replicas").asInt(1)));
        rs.metadata().addOwnerReference(PodControl.controllerRef(d));
        ObjectNode spec = rs.spec();
        spec.put("replicas", replicas);
        spec.put("minReadySeconds", d.spec().path("minReadySeconds").asInt(0));
        ObjectNode selector = d.spec().path("selector").deepCopy();
        ObjectNode matchLabels = selector.get("matchLabels") instanceof ObjectNode ml ? ml : selector.putObject("matchLabels");
        matchLabels.put(TemplateHash.LABEL, hash);
        spec.set("selector", selector);
        spec.set("template", template);
        ReplicaSet created = replicaSets.create(rs);
        events.event(d, EventRecorder.NORMAL, "ScalingReplicaSet",
                "Scaled up replica set " + created.metadata().name() + " from 0 to " + replicas);
        return created;
    }

    ReplicaSet scale(Deployment d, ReplicaSet rs, int replicas) {
        int from = rs.spec().path("replicas").asInt(1);
        ObjectNode patch = Json.object();
        patch.putObject("metadata").put("resourceVersion", rs.metadata().resourceVersion()).putObject("annotations")
                .put("deployment.kubernetes.io/desired-replicas", Integer.toString(d.spec().path("replicas").asInt(1)));
        patch.putObject("spec").put("replicas", replicas);
        ReplicaSet scaled = replicaSets.patch(rs.metadata().namespace(), rs.metadata().name(), ResourceClient.MERGE_PATCH, patch);
        events.event(d, EventRecorder.NORMAL, "ScalingReplicaSet", "Scaled " + (replicas > from ? "up" : "down")
                + " replica set " + rs.metadata().name() + " from " + from + " to " + replicas);
        return scaled;
    }

    /** Makes an old ReplicaSet the newest revision again (a rollback), remembering the revisions it had. */
    ReplicaSet setRevision(ReplicaSet rs, long revision) {
        ObjectNode patch = Json.object();
        ObjectNode annotations = patch.putObject("metadata").put("resourceVersion", rs.metadata().resourceVersion())
                .putObject("annotations");
        annotations.put(RsState.REVISION, Long.toString(revision));
        long previous = RsState.revision(rs);
        if (previous > 0) {
            String history = rs.metadata().annotations().getOrDefault(REVISION_HISTORY, "");
            annotations.put(REVISION_HISTORY, history.isEmpty() ? Long.toString(previous) : history + "," + previous);
        }
        return replicaSets.patch(rs.metadata().namespace(), rs.metadata().name(), ResourceClient.MERGE_PATCH, patch);
    }

    ReplicaSet adopt(ReplicaSet rs, Deployment d) {
        ArrayNode refs = Json.MAPPER.createArrayNode();
        rs.json().path("metadata").path("ownerReferences").forEach(r -> refs.add(r.deepCopy()));
        refs.add(PodControl.controllerRef(d).toJson());
        ObjectNode patch = Json.object();
        ObjectNode meta = patch.putObject("metadata");
        meta.put("resourceVersion", rs.metadata().resourceVersion());
        meta.set("ownerReferences", refs);
        return replicaSets.patch(rs.metadata().namespace(), rs.metadata().name(), ResourceClient.MERGE_PATCH, patch);
    }

    void delete(ReplicaSet rs) {
        ObjectNode options = Json.object();
        options.put("propagationPolicy", "Background");
        options.putObject("preconditions").put("uid", rs.metadata().uid());
        replicaSets.delete(rs.metadata().namespace(), rs.metadata().name(), options);
    }
}
