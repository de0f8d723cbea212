package io.kube4j.scheduler.framework;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod toleration. {@code operator} is {@code Equal} (the default, values must match) or
 * {@code Exists} (any value; with an empty key, any taint); an empty effect matches every effect.
 */
public record Toleration(String key, String operator, String value, String effect) {

    /** The tolerations of a pod's {@code spec.tolerations}. */
    public static List<Toleration> listOf(JsonNode tolerations) {
        List<Toleration> out = new ArrayList<>();
        for (JsonNode t : tolerations) {
            out.add(new Toleration(t.path("key").asText(""), t.path("operator").asText("Equal"),
                    t.path("value").asText(""), t.path("effect").asText("")));
        }
        return List.copyOf(out);
    }

    /** Kubernetes' {@code ToleratesTaint}. */
    public boolean tolerates(Taint taint) {
        if (!effect.isEmpty() && !effect.equals(taint.effect())) {
            return false;
        }
        if (!key.isEmpty() && !key.equals(taint.key())) {
            return false;
        }
        return switch (operator) {
            case "Exists" -> true;
            case "Equal", "" -> value.equals(taint.value());
            default -> false;
        };
    }

    /** True when any of {@code tolerations} tolerates {@code taint}. */
    public static boolean anyTolerates(List<Toleration> tolerations, Taint taint) {
        for (Toleration toleration : tolerations) {
            if (toleration.tolerates(taint)) {
                return true;
            }
        }
        return false;
    }
}
