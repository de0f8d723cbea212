package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.StatusCause;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Secrets: type Opaque by default; {@code data} values must be base64; {@code stringData} folds into data. */
final class SecretStrategy implements Strategy {

    @Override
    public void defaultOnCreate(ObjectNode secret) {
        Nodes.defaultText(secret, "type", "Opaque");
        JsonNode stringData = secret.remove("stringData");
        if (stringData != null && stringData.isObject()) {
            ObjectNode data = Nodes.object(secret, "data");
            for (Iterator<Map.Entry<String, JsonNode>> it = stringData.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                data.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
    }

    @Override
    public List<StatusCause> validateCreate(ObjectNode secret) {
        List<StatusCause> causes = new ArrayList<>(ConfigMapStrategy.dataKeys("data", secret.get("data")));
        JsonNode data = secret.get("data");
        if (data != null && data.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    if (!e.getValue().isTextual()) {
                        throw new IllegalArgumentException("not a string");
                    }
                    Base64.getDecoder().decode(e.getValue().asText());
                } catch (IllegalArgumentException bad) {
                    causes.add(StatusCause.invalid("data[" + e.getKey() + "]", "<secret>", "illegal base64 data"));
                }
            }
        }
        return causes;
    }

    @Override
    public List<StatusCause> validateUpdate(ObjectNode secret, ObjectNode old) {
        List<StatusCause> causes = new ArrayList<>(validateCreate(secret));
        if (!secret.path("type").equals(old.path("type"))) {
            causes.add(StatusCause.invalid("type", secret.path("type").asText(), "field is immutable"));
        }
        return causes;
    }

    @Override
    public boolean tracksGeneration() {
        return false;
    }
}
