package io.kube4j.controllermanager.replicaset;

import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.meta.OwnerReference;
import io.kube4j.common.client.informer.ResourceEventHandler;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns pod changes into owner keys: the controlling owner of the kind handled (and its
 * expectations), or, for an orphan, every owner whose selector matches it.
 */
final class PodEvents implements ResourceEventHandler<Pod> {

    private final ReplicaSetController<?> controller;

    PodEvents(ReplicaSetController<?> controller) {
        this.controller = controller;
    }

    @Override
    public void onAdd(Pod pod) {
        Optional<String> owner = ownerKey(pod);
        if (owner.isPresent()) {
            if (pod.metadata().isBeingDeleted()) {
                controller.expectations().deletionObserved(owner.get(), pod.key());
            } else {
                controller.expectations().creationObserved(owner.get());
            }
            controller.enqueue(owner.get());
        } else if (pod.metadata().controllerRef().isEmpty()) {
            controller.matchingOwners(pod).forEach(controller::enqueue);
        }
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
        if (Objects.equals(oldPod.metadata().resourceVersion(), newPod.metadata().resourceVersion())) {
            return;
        }
        Optional<String> oldOwner = ownerKey(oldPod);
        Optional<String> newOwner = ownerKey(newPod);
        if (newPod.metadata().isBeingDeleted() && newOwner.isPresent()) {
            controller.expectations().deletionObserved(newOwner.get(), newPod.key());
        }
        oldOwner.filter(o -> !o.equals(newOwner.orElse(""))).ifPresent(controller::enqueue);
        newOwner.ifPresent(controller::enqueue);
        boolean labelsChanged = !oldPod.metadata().labels().equals(newPod.metadata().labels());
        if (newPod.metadata().controllerRef().isEmpty() && (labelsChanged || oldPod.metadata().controllerRef().isPresent())) {
            controller.matchingOwners(newPod).forEach(controller::enqueue);
        }
    }

    @Override
    public void onDelete(Pod pod) {
        ownerKey(pod).ifPresent(owner -> {
            controller.expectations().deletionObserved(owner, pod.key());
            controller.enqueue(owner);
        });
    }

    private Optional<String> ownerKey(Pod pod) {
        Optional<OwnerReference> ref = pod.metadata().controllerRef();
        return ref.filter(r -> r.kind().equals(controller.kindName()))
                .map(r -> pod.metadata().namespace() + "/" + r.name());
    }
}
