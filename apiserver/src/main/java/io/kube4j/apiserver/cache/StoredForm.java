package io.kube4j.apiserver.cache;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * An object encoded once: the bytes etcd stores (no resourceVersion) and where its metadata ends,
 * so the wire form of any revision is those bytes with {@code "resourceVersion":"N"} spliced in as
 * metadata's last field, byte for byte what encoding the object with that version set gives.
 *
 * @param bytes         the stored JSON
 * @param metadataEnd   offset of the closing brace of the top-level metadata object
 * @param metadataEmpty whether metadata has no fields (no comma before the version)
 */
public record StoredForm(byte[] bytes, int metadataEnd, boolean metadataEmpty) {

    private static final byte[] FIELD = "\"resourceVersion\":\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * Encodes {@code object} without its metadata.resourceVersion (the object is not changed), or
     * returns null when it has no metadata object to splice into.
     */
    public static StoredForm encode(ObjectNode object) {
        if (!(object.get("metadata") instanceof ObjectNode)) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(2_048);
        int end = -1;
        boolean empty = true;
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                g.writeFieldName(field.getKey());
                if (end < 0 && field.getKey().equals("metadata")) {
                    g.writeStartObject();
                    for (Iterator<Map.Entry<String, JsonNode>> m = field.getValue().fields(); m.hasNext(); ) {
                        Map.Entry<String, JsonNode> meta = m.next();
                        if (!meta.getKey().equals("resourceVersion")) {
                            g.writeFieldName(meta.getKey());
                            Json.MAPPER.writeTree(g, meta.getValue());
                            empty = false;
                        }
                    }
                    g.flush();
                    end = out.size();
                    g.writeEndObject();
                } else {
                    Json.MAPPER.writeTree(g, field.getValue());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StoredForm(out.toByteArray(), end, empty);
    }

    /** The wire JSON at {@code revision}. */
    public byte[] withResourceVersion(long revision) {
        byte[] rev = Long.toString(revision).getBytes(StandardCharsets.US_ASCII);
        int comma = metadataEmpty ? 0 : 1;
        byte[] out = new byte[bytes.length + comma + FIELD.length + rev.length + 1];
        System.arraycopy(bytes, 0, out, 0, metadataEnd);
        int at = metadataEnd;
        if (comma == 1) {
            out[at++] = ',';
        }
        System.arraycopy(FIELD, 0, out, at, FIELD.length);
        at += FIELD.length;
        System.arraycopy(rev, 0, out, at, rev.length);
        at += rev.length;
        out[at++] = '"';
        System.arraycopy(bytes, metadataEnd, out, at, bytes.length - metadataEnd);
        return out;
    }
}
