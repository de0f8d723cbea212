package io.kube4j.controllermanager.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.apps.Deployment;
import io.kube4j.common.api.apps.ReplicaSet;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.controllermanager.ControllerContext;
import io.kube4j.controllermanager.util.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One sync of one Deployment: roll one step, clean up history, write revision and status. */
final class DeploymentSync {

    private final ControllerContext context;
    private final ReplicaSetWriter writer;
    private final Deployment deployment;
    private final String hash;
    private ReplicaSet current;
    private final Map<String, ReplicaSet> old = new LinkedHashMap<>();
    private boolean progressed;

    DeploymentSync(ControllerContext context, ReplicaSetWriter writer, Deployment deployment, String hash,
                   ReplicaSet current, List<ReplicaSet> old) {
        this.context = context;
        this.writer = writer;
        this.deployment = deployment;
        this.hash = hash;
        this.current = current;
        old.forEach(rs -> this.old.put(rs.metadata().name(), rs));
    }

    Result run() {
        int replicas = deployment.spec().path("replicas").asInt(1);
        boolean rolling = !"Recreate".equals(deployment.spec().path("strategy").path("type").asText("RollingUpdate"));
        RolloutMath.Limits limits = rolling
                ? RolloutMath.limits(deployment.spec().path("strategy").path("rollingUpdate"), replicas)
                : new RolloutMath.Limits(0, 0);
        if (!deployment.spec().path("paused").asBoolean(false)) {
            step(replicas, rolling, limits);
            cleanUpHistory();
        }
        Deployment latest = annotateRevision();
        return writeStatus(latest, limits);
    }

    private void step(int replicas, boolean rolling, RolloutMath.Limits limits) {
        long maxOld = old.values().stream().mapToLong(RsState::revision).max().orElse(0);
        List<RsState> oldStates = old.values().stream().map(RsState::of).toList();
        RsState currentState = current == null ? null : RsState.of(current);
        Rollout.Plan plan = rolling ? Rollout.rolling(replicas, limits, currentState, oldStates)
                : Rollout.recreate(replicas, currentState, oldStates);
        if (current == null) {
            current = writer.create(deployment, hash, plan.newReplicas(), maxOld + 1);
            progressed = true;
        } else {
            if (RsState.revision(current) <= maxOld) {
                current = writer.setRevision(current, maxOld + 1);
            }
            if (plan.newReplicas() != currentState.spec()) {
                current = writer.scale(deployment, current, plan.newReplicas());
                progressed = true;
            }
        }
        for (Map.Entry<String, Integer> target : plan.oldReplicas().entrySet()) {
            old.put(target.getKey(), writer.scale(deployment, old.get(target.getKey()), target.getValue()));
            progressed = true;
        }
    }

    private void cleanUpHistory() {
        int limit = deployment.spec().path("revisionHistoryLimit").asInt(10);
        List<ReplicaSet> idle = new ArrayList<>(old.values().stream()
                .filter(rs -> rs.spec().path("replicas").asInt(1) == 0 && rs.status().path("replicas").asInt(0) == 0)
                .sorted(Comparator.comparingLong(RsState::revision)).toList());
        for (int i = 0; i < idle.size() - limit; i++) {
            writer.delete(idle.get(i));
            old.remove(idle.get(i).metadata().name());
        }
    }

    private Deployment annotateRevision() {
        if (current == null) {
            return deployment;
        }
        String revision = Long.toString(RsState.revision(current));
        if (revision.equals(deployment.metadata().annotations().get(RsState.REVISION))) {
            return deployment;
        }
        ObjectNode patch = Json.object();
        patch.putObject("metadata").putObject("annotations").put(RsState.REVISION, revision);
        return new ResourceClient<>(context.api(), Deployment.KIND)
                .patch(deployment.metadata().namespace(), deployment.metadata().name(), ResourceClient.MERGE_PATCH, patch);
    }

    private Result writeStatus(Deployment latest, RolloutMath.Limits limits) {
        List<DeploymentStatus.RsCounts> all = new ArrayList<>();
        old.values().forEach(rs -> all.add(DeploymentStatus.RsCounts.of(rs)));
        DeploymentStatus.RsCounts newCounts = current == null ? null : DeploymentStatus.RsCounts.of(current);
        if (newCounts != null) {
            all.add(newCounts);
        }
        Deployment copy = latest.deepCopy();
        String rsName = current == null ? deployment.metadata().name() : current.metadata().name();
        Result result = DeploymentStatus.compute(copy, rsName, newCounts, all, limits.maxUnavailable(), progressed,
                context.clock().instant());
        if (!copy.status().equals(latest.status())) {
            try {
                new ResourceClient<>(context.api(), Deployment.KIND).updateStatus(copy);
            } catch (ApiException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        return result;
    }
}
