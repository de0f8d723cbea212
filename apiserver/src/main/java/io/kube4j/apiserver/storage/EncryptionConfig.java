package io.kube4j.apiserver.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The file of {@code --encryption-provider-config}: Kubernetes' EncryptionConfiguration
 * ({@code apiVersion: apiserver.config.k8s.io/v1}) with the {@code aesgcm}, {@code aescbc} and
 * {@code identity} providers. {@link #wrap} puts it in front of a {@link Storage}.
 */
public final class EncryptionConfig {

    private static final String API_VERSION = "apiserver.config.k8s.io/v1";
    private static final String KIND = "EncryptionConfiguration";

    private final List<ResourceEncryption> rules;

    private EncryptionConfig(List<ResourceEncryption> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Reads and checks the file.
     *
     * @throws IOException naming the file when it cannot be read or is not a valid configuration
     */
    public static EncryptionConfig load(Path file) throws IOException {
        try {
            return parse(Files.readString(file), new SecureRandom());
        } catch (IllegalArgumentException e) {
            throw new IOException("encryption provider config " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException saying what is wrong with the configuration */
    static EncryptionConfig parse(String yaml, SecureRandom random) {
        JsonNode root;
        try {
            root = Json.YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
        }
        if (root == null || !API_VERSION.equals(root.path("apiVersion").asText())
                || !KIND.equals(root.path("kind").asText())) {
            throw new IllegalArgumentException("expected apiVersion " + API_VERSION + " and kind " + KIND);
        }
        List<ResourceEncryption> rules = new ArrayList<>();
        for (JsonNode entry : root.path("resources")) {
            List<String> resources = new ArrayList<>();
            entry.path("resources").forEach(r -> resources.add(r.asText()));
            if (resources.isEmpty()) {
                throw new IllegalArgumentException("resources[" + rules.size() + "] names no resources");
            }
            List<EnvelopeProvider> providers = new ArrayList<>();
            for (JsonNode provider : entry.path("providers")) {
                providers.addAll(providers(provider, random));
            }
            rules.add(new ResourceEncryption(resources, providers));
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no resources are configured");
        }
        return new EncryptionConfig(rules);
    }

    /** The providers of one {@code providers} item: one per key for AES, in the order listed. */
    private static List<EnvelopeProvider> providers(JsonNode provider, SecureRandom random) {
        if (provider.size() != 1) {
            throw new IllegalArgumentException("each provider must name exactly one type, found " + provider);
        }
        String type = provider.fieldNames().next();
        List<EnvelopeProvider> out = new ArrayList<>();
        switch (type) {
            case "identity" -> out.add(new IdentityProvider());
            case "aesgcm", "aescbc" -> {
                AesProvider.Mode mode = type.equals("aesgcm") ? AesProvider.Mode.GCM : AesProvider.Mode.CBC;
                JsonNode keys = provider.path(type).path("keys");
                if (keys.isEmpty()) {
                    throw new IllegalArgumentException(type + " provider has no keys");
                }
                for (JsonNode key : keys) {
                    String name = key.path("name").asText("");
                    if (name.isEmpty() || name.contains(":")) {
                        throw new IllegalArgumentException(type + " key name \"" + name + "\" must be non-empty and without ':'");
                    }
                    byte[] secret;
                    try {
                        secret = Base64.getDecoder().decode(key.path("secret").asText("").trim());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(type + " key \"" + name + "\" is not base64: " + e.getMessage(), e);
                    }
                    out.add(new AesProvider(mode, name, secret, random));
                }
            }
            default -> throw new IllegalArgumentException("provider " + type
                    + " is not supported (supported: aesgcm, aescbc, identity)");
        }
        return out;
    }

    /** {@code storage} with the configured resources' values encrypted under keys below {@code root} ({@code --etcd-prefix}). */
    public Storage wrap(Storage storage, String root) {
        return new EncryptingStorage(storage, root, rules);
    }
}
