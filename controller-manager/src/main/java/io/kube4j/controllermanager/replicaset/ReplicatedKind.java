package io.kube4j.controllermanager.replicaset;

import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;
import io.kube4j.common.selector.LabelSelector;
import java.util.function.Function;

/**
 * What differs between a ReplicaSet and a ReplicationController for {@link ReplicaSetController}:
 * the kind, the controller's name, and how the pod selector is written (a LabelSelector object
 * or a plain label map).
 */
public record ReplicatedKind<T extends KubeObject>(String controllerName, Kind<T> kind, Function<T, LabelSelector> selector) {
}
