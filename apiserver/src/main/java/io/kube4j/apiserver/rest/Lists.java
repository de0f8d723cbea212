package io.kube4j.apiserver.rest;

import io.kube4j.apiserver.cache.CachedObject;
import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.common.api.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes list replies from cached wire bytes without re-encoding each item. */
final class Lists {

    private Lists() {
    }

    static byte[] encode(ResourceType type, GenericStore.ListResult result) {
        int size = 128;
        for (CachedObject o : result.items()) {
            size += o.json().length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        StringBuilder head = new StringBuilder(128);
        head.append("{\"kind\":\"").append(type.listKind()).append("\",\"apiVersion\":\"").append(type.apiVersion())
                .append("\",\"metadata\":{\"resourceVersion\":\"").append(result.revision()).append('"');
        if (!result.continueToken().isEmpty()) {
            head.append(",\"continue\":").append(Json.string(result.continueToken()));
            if (result.remaining() > 0) {
                head.append(",\"remainingItemCount\":").append(result.remaining());
            }
        }
        head.append("},\"items\":[");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        boolean first = true;
        for (CachedObject o : result.items()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.writeBytes(o.json());
        }
        out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
