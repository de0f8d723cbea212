package io.kube4j.apiserver.bench;

import java.nio.charset.StandardCharsets;

/** The pod the bench writes: one container with requests, a port and labels, as a small Deployment's pod would be. */
final class Pods {

    private Pods() {
    }

    static String path(String namespace) {
        return "/api/v1/namespaces/" + namespace + "/pods";
    }

    static byte[] pod(String namespace, String name) {
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + namespace
                + "\",\"labels\":{\"app\":\"bench\",\"pod-template-hash\":\"7d4b9c8f6d\"},"
                + "\"annotations\":{\"kube4j.io/bench\":\"true\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"registry.k8s.io/pause:3.9\","
                + "\"args\":[\"--listen=:8080\"],\"ports\":[{\"name\":\"http\",\"containerPort\":8080}],"
                + "\"env\":[{\"name\":\"MODE\",\"value\":\"bench\"}],"
                + "\"resources\":{\"requests\":{\"cpu\":\"10m\",\"memory\":\"16Mi\"},\"limits\":{\"memory\":\"64Mi\"}}}],"
                + "\"nodeSelector\":{\"kubernetes.io/os\":\"linux\"}}}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] namespace(String name) {
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
