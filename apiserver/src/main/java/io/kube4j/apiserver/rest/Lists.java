package io.kube4j.apiserver.rest;

import io.kube4j.apiserver.cache.CachedObject;
import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes list replies from cached wire bytes without re-encoding each item. */
final class Lists {

    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);

    private Lists() {
    }

    static byte[] encode(ResourceType type, GenericStore.ListResult result) {
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
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        // one exact-size array: a list of 10,000 pods is ~18 MB, so no growing buffer and no final copy
        List<CachedObject> items = result.items();
        long size = start.length + TAIL.length + Math.max(0, items.size() - 1);
        for (CachedObject o : items) {
            size += o.json().length;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw StatusException.internal("the list is too large to encode (" + size + " bytes)", null);
        }
        byte[] out = new byte[(int) size];
        System.arraycopy(start, 0, out, 0, start.length);
        int at = start.length;
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            byte[] json = items.get(i).json();
            System.arraycopy(json, 0, out, at, json.length);
            at += json.length;
        }
        System.arraycopy(TAIL, 0, out, at, TAIL.length);
        return out;
    }
}
