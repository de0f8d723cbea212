package io.kube4j.common.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** v1 ServiceAccount, kept as its JSON tree (see {@link KubeObject}). */
public final class ServiceAccount extends KubeObject {

    public static final Kind<ServiceAccount> KIND = new Kind<>("", "v1", "serviceaccounts", "ServiceAccount", true, ServiceAccount::new);

    public ServiceAccount(ObjectNode json) {
        super(json);
    }

    /** A new, empty ServiceAccount with kind, apiVersion and name set. */
    public static ServiceAccount named(String namespace, String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "v1");
        json.put("kind", "ServiceAccount");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        return new ServiceAccount(json);
    }

    /** A copy of {@code json} as a ServiceAccount. */
    public static ServiceAccount of(JsonNode json) {
        return new ServiceAccount(((ObjectNode) json).deepCopy());
    }

    @Override
    public ServiceAccount deepCopy() {
        return new ServiceAccount(json().deepCopy());
    }
}
