package io.kube4j.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.tls.Pem;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads the standard kubeconfig file (the one {@code kubectl --kubeconfig} reads) into a
 * {@link ClientConfig}: the chosen context's cluster (server, CA, TLS server name), user (client
 * certificate and key, token or token file) and namespace. Embedded {@code *-data} wins over the
 * file next to it, as in kubectl; relative file paths are resolved against the kubeconfig's
 * directory. Exec plugins, auth providers and basic auth are refused rather than ignored, so a
 * daemon never runs anonymous by surprise.
 *
 * <p>Every failure is a {@link KubeconfigException} whose one-line message starts with
 * {@code kubeconfig <file>:} and names the entry and field at fault.
 */
public final class Kubeconfig {

    private final Path file;
    private final String where;

    private Kubeconfig(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.where = "kubeconfig " + this.file + ":";
    }

    /**
     * Loads the context {@code context}, or the file's {@code current-context} when null or empty.
     * A cluster with {@code insecure-skip-tls-verify: true} is refused.
     */
    public static ClientConfig load(Path file, String context) {
        return new Kubeconfig(file).read(context, false);
    }

    /** As {@link #load}, but accepts {@code insecure-skip-tls-verify: true}: for throw-away test clusters only. */
    public static ClientConfig loadAllowingInsecure(Path file, String context) {
        return new Kubeconfig(file).read(context, true);
    }

    private ClientConfig read(String contextOverride, boolean allowInsecure) {
        JsonNode root = parse();
        String contextName = contextOverride != null && !contextOverride.isEmpty()
                ? contextOverride : text(root, "current-context");
        if (contextName == null) {
            throw fail("no current-context is set and no context was given");
        }
        JsonNode context = named(root, "contexts", "context", contextName);
        if (context == null) {
            throw fail("context \"" + contextName + "\" is not defined (contexts: " + names(root, "contexts") + ")");
        }
        String clusterName = text(context, "cluster");
        if (clusterName == null) {
            throw fail("context \"" + contextName + "\" names no cluster");
        }
        JsonNode cluster = named(root, "clusters", "cluster", clusterName);
        if (cluster == null) {
            throw fail("context \"" + contextName + "\" names cluster \"" + clusterName + "\", which is not defined");
        }
        ClientConfig config = cluster(clusterName, cluster, allowInsecure).withNamespace(text(context, "namespace"));
        String userName = text(context, "user");
        if (userName == null) {
            return config;  // kubectl allows a context without a user: anonymous requests
        }
        JsonNode user = named(root, "users", "user", userName);
        if (user == null) {
            throw fail("context \"" + contextName + "\" names user \"" + userName + "\", which is not defined");
        }
        return user(userName, user, config);
    }

    private JsonNode parse() {
        byte[] bytes = Reading.bytes(file, "kubeconfig");
        try {
            JsonNode root = Json.YAML.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw fail("not a kubeconfig (expected a YAML mapping with clusters, users and contexts)");
            }
            return root;
        } catch (IOException e) {
            throw new KubeconfigException(where + " not valid YAML: " + firstLine(e.getMessage()), e);
        }
    }

    private ClientConfig cluster(String name, JsonNode cluster, boolean allowInsecure) {
        String owner = "cluster \"" + name + "\"";
        String server = text(cluster, "server");
        if (server == null) {
            throw fail(owner + " has no server");
        }
        URI uri;
        try {
            uri = new URI(server);
        } catch (URISyntaxException e) {
            throw fail(owner + " server \"" + server + "\" is not a URL");
        }
        byte[] ca = material(cluster, "certificate-authority", owner);
        boolean insecure = cluster.path("insecure-skip-tls-verify").asBoolean(false);
        if (insecure && !allowInsecure) {
            throw fail(owner + " sets insecure-skip-tls-verify: true, which turns off server authentication; refused");
        }
        if (insecure && ca != null) {
            throw fail(owner + " sets both a certificate authority and insecure-skip-tls-verify");
        }
        try {
            return ClientConfig.forServer(uri)
                    .withCertificateAuthorities(ca == null ? List.of() : certificates(ca, owner + " certificate-authority"))
                    .withTlsServerName(text(cluster, "tls-server-name"))
                    .withInsecureSkipTlsVerify(insecure);
        } catch (IllegalArgumentException e) {
            throw e instanceof KubeconfigException ? e : fail(owner + ": " + e.getMessage());
        }
    }

    private ClientConfig user(String name, JsonNode user, ClientConfig config) {
        String owner = "user \"" + name + "\"";
        for (String unsupported : List.of("exec", "auth-provider", "username", "password")) {
            if (user.hasNonNull(unsupported)) {
                throw fail(owner + " uses " + unsupported + ", which kube4j does not support"
                        + " (use a client certificate, token or tokenFile)");
            }
        }
        byte[] certificate = material(user, "client-certificate", owner);
        byte[] key = material(user, "client-key", owner);
        if ((certificate == null) != (key == null)) {
            throw fail(owner + (certificate == null ? " has a client-key but no client-certificate"
                    : " has a client-certificate but no client-key"));
        }
        if (certificate != null) {
            List<X509Certificate> chain = certificates(certificate, owner + " client-certificate");
            PrivateKey privateKey = privateKey(key, owner + " client-key");
            config = config.withClientCertificate(chain, privateKey);
        }
        Supplier<String> token = token(user, owner);
        return token == null ? config : config.withToken(token);
    }

    /** A token file wins over an inline token because it is re-read when rotated, as client-go does. */
    private Supplier<String> token(JsonNode user, String owner) {
        String tokenFile = text(user, "tokenFile");
        if (tokenFile != null) {
            return FileToken.read(resolve(tokenFile), where + " " + owner + " tokenFile", System::nanoTime);
        }
        String token = text(user, "token");
        if (token == null) {
            return null;
        }
        return new Supplier<>() {
            @Override
            public String get() {
                return token;
            }

            @Override
            public String toString() {
                return "inline token";  // never the token itself
            }
        };
    }

    /** The bytes of {@code <field>-data} (base64) or else of the file {@code <field>}; null when neither is set. */
    private byte[] material(JsonNode section, String field, String owner) {
        String data = text(section, field + "-data");
        if (data != null) {
            try {
                return Base64.getDecoder().decode(data.replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw fail(owner + " " + field + "-data is not valid base64");
            }
        }
        String path = text(section, field);
        return path == null ? null : Reading.bytes(resolve(path), where + " " + owner + " " + field);
    }

    private List<X509Certificate> certificates(byte[] pem, String origin) {
        try {
            return Pem.certificates(pem, origin);
        } catch (IOException e) {
            throw fail(e.getMessage());
        }
    }

    private PrivateKey privateKey(byte[] pem, String origin) {
        try {
            return Pem.privateKey(pem, origin);
        } catch (IOException e) {
            throw fail(e.getMessage());
        }
    }

    private Path resolve(String path) {
        return file.getParent().resolve(path).normalize();
    }

    /** The inner object ({@code cluster}, {@code user}, {@code context}) of the list entry called {@code name}. */
    private static JsonNode named(JsonNode root, String list, String inner, String name) {
        for (JsonNode entry : root.path(list)) {
            if (name.equals(entry.path("name").asText(null))) {
                JsonNode value = entry.path(inner);
                // "user: {}" and a bare "user:" both mean an entry with nothing set
                return value.isObject() ? value : Json.object();
            }
        }
        return null;
    }

    private static String names(JsonNode root, String list) {
        List<String> names = new ArrayList<>();
        root.path(list).forEach(entry -> names.add(entry.path("name").asText()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private KubeconfigException fail(String message) {
        return new KubeconfigException(where + " " + message);
    }
}
