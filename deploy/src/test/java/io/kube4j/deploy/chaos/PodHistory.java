package io.kube4j.deploy.chaos;

import io.kube4j.common.api.core.Pod;
import io.kube4j.common.client.informer.ResourceEventHandler;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every pod's creation and binding as the watch saw them; a nodeName that changes is a pod bound twice. */
final class PodHistory implements ResourceEventHandler<Pod> {
    final Map<String, Long> created = new ConcurrentHashMap<>();
    final Map<String, String> bound = new ConcurrentHashMap<>();
    final Map<String, Long> boundAt = new ConcurrentHashMap<>();
    final Set<String> rebound = ConcurrentHashMap.newKeySet();
    final Set<String> deleted = ConcurrentHashMap.newKeySet();

    @Override
    public void onAdd(Pod pod) {
        created.putIfAbsent(pod.metadata().uid(), System.nanoTime());
        seen(pod);
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
        seen(newPod);
    }

    @Override
    public void onDelete(Pod pod) {
        deleted.add(pod.metadata().uid());
    }

    private void seen(Pod pod) {
        String node = pod.nodeName();
        if (node == null || node.isEmpty()) {
            return;
        }
        String uid = pod.metadata().uid();
        String before = bound.putIfAbsent(uid, node);
        if (before == null) {
            boundAt.put(uid, System.nanoTime());
        } else if (!before.equals(node)) {
            rebound.add(uid);
        }
    }

    long boundLive() {
        return bound.keySet().stream().filter(uid -> !deleted.contains(uid)).count();
    }

    Optional<Long> firstBoundAfter(long nanos) {
        return boundAt.values().stream().filter(t -> t > nanos).min(Long::compare);
    }

    Optional<Long> firstCreatedAfter(long nanos) {
        return created.values().stream().filter(t -> t > nanos).min(Long::compare);
    }
}
