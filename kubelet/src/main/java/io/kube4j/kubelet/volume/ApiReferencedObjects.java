package io.kube4j.kubelet.volume;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.ConfigMap;
import io.kube4j.common.api.core.Secret;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ResourceClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link ReferencedObjects} read straight from the apiserver, one GET per use. */
public final class ApiReferencedObjects implements ReferencedObjects {

    private final ResourceClient<ConfigMap> configMaps;
    private final ResourceClient<Secret> secrets;

    public ApiReferencedObjects(ApiClient api) {
        this.configMaps = new ResourceClient<>(api, ConfigMap.KIND);
        this.secrets = new ResourceClient<>(api, Secret.KIND);
    }

    @Override
    public Optional<Map<String, byte[]>> configMap(String namespace, String name) {
        return configMaps.find(namespace, name).map(cm -> {
            Map<String, byte[]> out = new LinkedHashMap<>();
            cm.json().path("data").fields().forEachRemaining(e ->
                    out.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
            decode(cm.json().path("binaryData"), out);
            return out;
        });
    }

    @Override
    public Optional<Map<String, byte[]>> secret(String namespace, String name) {
        return secrets.find(namespace, name).map(s -> {
            Map<String, byte[]> out = new LinkedHashMap<>();
            decode(s.json().path("data"), out);
            s.json().path("stringData").fields().forEachRemaining(e ->
                    out.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
            return out;
        });
    }

    private static void decode(JsonNode base64, Map<String, byte[]> out) {
        base64.fields().forEachRemaining(e -> out.put(e.getKey(), Base64.getMimeDecoder().decode(e.getValue().asText())));
    }
}
