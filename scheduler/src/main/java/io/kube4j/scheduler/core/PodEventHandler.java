package io.kube4j.scheduler.core;

import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.scheduler.cache.SchedulerCache;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.queue.ClusterEvent;
import io.kube4j.scheduler.queue.SchedulingQueue;
import java.util.Set;

/**
 * Feeds pod changes to the queue and the cache: unassigned pods of this scheduler's profiles are
 * queued; bound pods are counted on their node (confirming the scheduler's own assumptions);
 * bound pods that are deleted or finish free their node and wake parked pods. Pods that have
 * finished (Succeeded, Failed) hold nothing, as in Kubernetes.
 */
public final class PodEventHandler implements ResourceEventHandler<Pod> {

    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final Set<String> schedulerNames;

    public PodEventHandler(SchedulingQueue queue, SchedulerCache cache, Set<String> schedulerNames) {
        this.queue = queue;
        this.cache = cache;
        this.schedulerNames = Set.copyOf(schedulerNames);
    }

    @Override
    public void onAdd(Pod pod) {
        if (finished(pod)) {
            return;
        }
        if (!pod.nodeName().isEmpty()) {
            cache.addPod(PodInfo.of(pod));
        } else if (ours(pod) && !pod.metadata().isBeingDeleted()) {
            queue.add(PodInfo.of(pod));
        }
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
        String key = newPod.key();
        if (!newPod.nodeName().isEmpty()) {
            if (oldPod.nodeName().isEmpty()) {
                queue.delete(key); // bound, by us or by someone else
            }
            if (finished(newPod)) {
                if (cache.hasPod(key)) {
                    cache.removePod(key);
                    queue.moveAllToActiveOrBackoff(ClusterEvent.POD_DELETED);
                }
            } else {
                cache.addPod(PodInfo.of(newPod));
            }
            return;
        }
        if (!ours(newPod) || newPod.metadata().isBeingDeleted() || finished(newPod)) {
            queue.delete(key);
        } else if (!cache.isAssumed(key)) {
            queue.update(PodInfo.of(newPod));
        }
    }

    @Override
    public void onDelete(Pod lastKnown) {
        String key = lastKnown.key();
        queue.delete(key);
        if (cache.hasPod(key)) {
            cache.removePod(key);
            queue.moveAllToActiveOrBackoff(ClusterEvent.POD_DELETED);
        }
    }

    private boolean ours(Pod pod) {
        return schedulerNames.contains(pod.schedulerName());
    }

    private static boolean finished(Pod pod) {
        String phase = pod.json().path("status").path("phase").asText("");
        return phase.equals("Succeeded") || phase.equals("Failed");
    }
}
