package io.kube4j.certs.kubeconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Writes kubeconfigs in the format of {@code kubectl config view --raw}: apiVersion v1, kind
 * Config, and PEM data embedded in base64 so a file works wherever it is copied.
 */
public final class KubeconfigYaml {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private KubeconfigYaml() {
    }

    public static String write(Kubeconfig config) {
        ObjectNode root = YAML.createObjectNode()
                .put("apiVersion", "v1")
                .put("kind", "Config");
        root.putArray("clusters").addObject()
                .put("name", config.clusterName())
                .putObject("cluster")
                .put("server", config.server().toString())
                .put("certificate-authority-data", base64(config.certificateAuthorityPem()));
        ObjectNode user = root.putArray("users").addObject()
                .put("name", config.userName())
                .putObject("user");
        if (config.credentials() instanceof Credentials.ClientCertificate certificate) {
            user.put("client-certificate-data", base64(certificate.certificatePem()))
                    .put("client-key-data", base64(certificate.privateKeyPem()));
        } else if (config.credentials() instanceof Credentials.BearerToken bearer) {
            user.put("token", bearer.token());
        }
        root.putArray("contexts").addObject()
                .put("name", config.contextName())
                .putObject("context")
                .put("cluster", config.clusterName())
                .put("user", config.userName());
        root.put("current-context", config.contextName());
        root.putObject("preferences");
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /**
     * The server URL of the first cluster, which is the only one in the files we write.
     *
     * @throws IllegalArgumentException if the text is not YAML
     */
    public static Optional<URI> readServer(String yaml) {
        try {
            JsonNode server = YAML.readTree(yaml).path("clusters").path(0).path("cluster").path("server");
            return server.isTextual() ? Optional.of(URI.create(server.asText())) : Optional.empty();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a kubeconfig: " + e.getOriginalMessage(), e);
        }
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
