package io.kube4j.kubelet.volume;

import java.util.Map;
import java.util.Optional;

/**
 * Reads the ConfigMaps and Secrets a pod refers to (the Node authorizer lets a kubelet get
 * exactly those). Values come decoded: a Secret's base64 {@code data} as bytes.
 * Implementations are thread-safe and may block on the apiserver.
 */
public interface ReferencedObjects {

    /** {@code data} and {@code binaryData} of the ConfigMap; empty when it does not exist. */
    Optional<Map<String, byte[]>> configMap(String namespace, String name);

    /** {@code data} (decoded) and {@code stringData} of the Secret; empty when it does not exist. */
    Optional<Map<String, byte[]>> secret(String namespace, String name);
}
