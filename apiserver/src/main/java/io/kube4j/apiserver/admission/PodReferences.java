package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Whether a pod spec names secrets or config maps, anywhere Kubernetes lets it (volumes, projections, env, envFrom, pull secrets). */
final class PodReferences {

    private PodReferences() {
    }

    static boolean referencesSecrets(JsonNode spec) {
        if (spec.path("imagePullSecrets").size() > 0) {
            return true;
        }
        for (JsonNode volume : spec.path("volumes")) {
            if (volume.has("secret") || projects(volume, "secret")) {
                return true;
            }
        }
        return inContainers(spec, "secretKeyRef", "secretRef");
    }

    static boolean referencesConfigMaps(JsonNode spec) {
        for (JsonNode volume : spec.path("volumes")) {
            if (volume.has("configMap") || projects(volume, "configMap")) {
                return true;
            }
        }
        return inContainers(spec, "configMapKeyRef", "configMapRef");
    }

    static boolean referencesClaims(JsonNode spec) {
        for (JsonNode volume : spec.path("volumes")) {
            if (volume.has("persistentVolumeClaim")) {
                return true;
            }
        }
        return false;
    }

    private static boolean projects(JsonNode volume, String source) {
        for (JsonNode s : volume.path("projected").path("sources")) {
            if (s.has(source)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any container's env names {@code keyRef} under valueFrom or its envFrom names {@code fromRef}. */
    private static boolean inContainers(JsonNode spec, String keyRef, String fromRef) {
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (JsonNode container : spec.path(list)) {
                for (JsonNode env : container.path("env")) {
                    if (env.path("valueFrom").has(keyRef)) {
                        return true;
                    }
                }
                for (JsonNode from : container.path("envFrom")) {
                    if (from.has(fromRef)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
