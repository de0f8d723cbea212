package io.kube4j.common.api.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;

/** coordination.k8s.io/v1 Lease, kept as its JSON tree (see {@link KubeObject}). */
public final class Lease extends KubeObject {

    public static final Kind<Lease> KIND = new Kind<>("coordination.k8s.io", "v1", "leases", "Lease", true, Lease::new);

    public Lease(ObjectNode json) {
        super(json);
    }

    /** A new, empty Lease with kind, apiVersion and name set. */
    public static Lease named(String namespace, String name) {
        ObjectNode json = Json.object();
        json.put("apiVersion", "coordination.k8s.io/v1");
        json.put("kind", "Lease");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        return new Lease(json);
    }

    /** A copy of {@code json} as a Lease. */
    public static Lease of(JsonNode json) {
        return new Lease(((ObjectNode) json).deepCopy());
    }

    @Override
    public Lease deepCopy() {
        return new Lease(json().deepCopy());
    }

    public String holderIdentity() {
        return spec().path("holderIdentity").asText("");
    }

    public int leaseDurationSeconds() {
        return spec().path("leaseDurationSeconds").asInt(0);
    }

    /** spec.renewTime as the server stores it (a MicroTime such as {@code 2026-11-25T07:42:48.990517Z}). */
    public String renewTime() {
        return spec().path("renewTime").asText("");
    }

    public int leaseTransitions() {
        return spec().path("leaseTransitions").asInt(0);
    }
}
