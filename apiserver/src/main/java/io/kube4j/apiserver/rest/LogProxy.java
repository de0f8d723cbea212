package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.apiserver.server.ApiServerConfig;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusException;
import io.kube4j.common.tls.KeyStores;
import io.kube4j.common.tls.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code pods/log}: finds the pod's node and container, then streams the kubelet's
 * {@code /containerLogs/<ns>/<pod>/<container>} to the client (following as long as both ends
 * stay), authenticated with the apiserver's kubelet-client certificate.
 */
final class LogProxy {

    private static final List<String> PASSED_ON =
            List.of("follow", "tailLines", "timestamps", "previous", "sinceSeconds", "sinceTime", "limitBytes");

    private final ResourceType pods;
    private final ResourceType nodes;
    private final GenericStore store;
    private final HttpClient http;
    private final List<String> addressTypes;

    LogProxy(ResourceTypes types, GenericStore store, ApiServerConfig.KubeletClient kubelet) throws IOException {
        this.pods = types.find("", "v1", "pods").orElseThrow();
        this.nodes = types.find("", "v1", "nodes").orElseThrow();
        this.store = store;
        this.http = kubelet.configured() ? client(kubelet) : null;
        this.addressTypes = kubelet.preferredAddressTypes();
    }

    private static HttpClient client(ApiServerConfig.KubeletClient kubelet) throws IOException {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(KeyStores.keyStore(Pem.certificates(kubelet.certificate()), Pem.privateKey(kubelet.key())), KeyStores.PASSWORD);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(KeyStores.trustStore(Pem.certificates(kubelet.certificateAuthority())));
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("kubelet client TLS: " + e.getMessage(), e);
        }
    }

    /** The kubelet's answer, opened; the caller copies it to the client and closes it. */
    record Stream(int code, String contentType, InputStream body) {
    }

    Stream open(String namespace, String name, Function<String, String> query) {
        ObjectNode pod = store.get(pods, namespace, name);
        String container = query.apply("container");
        List<String> containers = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> containers.add(c.path("name").asText()));
        if (container == null || container.isEmpty()) {
            String annotated = pod.path("metadata").path("annotations").path("kubectl.kubernetes.io/default-container").asText("");
            if (!annotated.isEmpty()) {
                container = annotated;
            } else if (containers.size() == 1) {
                container = containers.get(0);
            } else {
                throw StatusException.badRequest("a container name must be specified for pod " + name
                        + ", choose one of: " + containers);
            }
        }
        List<String> all = new ArrayList<>(containers);
        pod.path("spec").path("initContainers").forEach(c -> all.add(c.path("name").asText()));
        if (!all.contains(container)) {
            throw StatusException.badRequest("container " + container + " is not valid for pod " + name);
        }
        String nodeName = pod.path("spec").path("nodeName").asText("");
        if (nodeName.isEmpty()) {
            throw StatusException.badRequest("pod " + name + " does not have a host assigned");
        }
        if (http == null) {
            throw StatusException.badRequest("container logs are not available: the apiserver has no"
                    + " --kubelet-client-certificate/--kubelet-client-key");
        }
        URI uri = kubeletUri(store.get(nodes, "", nodeName), addressTypes, namespace, name, container, query);
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            return new Stream(response.statusCode(), response.headers().firstValue("content-type").orElse("text/plain"),
                    response.body());
        } catch (IOException e) {
            throw new StatusException(Status.failure(502, "InternalError",
                    "the kubelet on node " + nodeName + " could not be reached: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StatusException.timeout("interrupted while reaching the kubelet");
        }
    }

    private static URI kubeletUri(ObjectNode node, List<String> addressTypes, String namespace, String pod,
                                  String container, Function<String, String> query) {
        String address = "";
        for (String type : addressTypes) {
            for (JsonNode a : node.path("status").path("addresses")) {
                if (address.isEmpty() && a.path("type").asText().equals(type)) {
                    address = a.path("address").asText("");
                }
            }
        }
        if (address.isEmpty()) {
            throw StatusException.badRequest("node " + node.path("metadata").path("name").asText() + " has no address");
        }
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(10250);
        StringBuilder q = new StringBuilder();
        for (String p : PASSED_ON) {
            String v = query.apply(p);
            if (v != null && !v.isEmpty()) {
                q.append(q.length() == 0 ? '?' : '&').append(p).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        String host = address.contains(":") ? "[" + address + "]" : address;
        return URI.create("https://" + host + ":" + port + "/containerLogs/" + namespace + "/" + pod + "/" + container + q);
    }

    /** Copies a kubelet stream to the client, flushing as bytes arrive (for {@code follow}). */
    static void copy(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = from.read(buffer)) >= 0) {
            to.write(buffer, 0, n);
            to.flush();
        }
    }

    static byte[] statusBytes(Status status) {
        return Json.bytes(status.toJson());
    }
}
