package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.StatusCause;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ConfigMaps: {@code data} holds strings and {@code binaryData} base64, under keys that are valid file
 * names ({@code [-._a-zA-Z0-9]+}, so never a patch directive such as {@code $patch}); no generation.
 */
final class ConfigMapStrategy implements Strategy {

    private static final Pattern DATA_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    @Override
    public List<StatusCause> validateCreate(ObjectNode configMap) {
        List<StatusCause> causes = new ArrayList<>(dataKeys("data", configMap.get("data")));
        causes.addAll(dataKeys("binaryData", configMap.get("binaryData")));
        JsonNode data = configMap.get("data");
        if (data != null && data.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    causes.add(StatusCause.invalid("data[" + e.getKey() + "]", e.getValue().toString(), "must be a string"));
                }
            }
        }
        JsonNode binary = configMap.get("binaryData");
        if (binary != null && binary.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = binary.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    if (!e.getValue().isTextual()) {
                        throw new IllegalArgumentException();
                    }
                    Base64.getDecoder().decode(e.getValue().asText());
                } catch (IllegalArgumentException bad) {
                    causes.add(StatusCause.invalid("binaryData[" + e.getKey() + "]", "<binary>", "illegal base64 data"));
                }
            }
        }
        return causes;
    }

    @Override
    public boolean tracksGeneration() {
        return false;
    }

    /** The keys of a ConfigMap's or Secret's data map: non-empty file names of at most 253 characters. */
    static List<StatusCause> dataKeys(String field, JsonNode map) {
        List<StatusCause> causes = new ArrayList<>();
        if (map == null || map.isNull()) {
            return causes;
        }
        if (!map.isObject()) {
            causes.add(StatusCause.invalid(field, map.toString(), "must be a map of strings"));
            return causes;
        }
        for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.length() > 253 || !DATA_KEY.matcher(key).matches()) {
                causes.add(StatusCause.invalid(field + "[" + key + "]", key, "a valid config key must consist of alphanumeric"
                        + " characters, '-', '_' or '.' and be at most 253 characters"));
            }
        }
        return causes;
    }
}
