package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.cache.StoredForm;
import io.kube4j.apiserver.cache.WatchCache;
import io.kube4j.common.api.Json;

/**
 * One write's object encoded once: the bytes for etcd, announced to the type's watch cache so the
 * event the write causes is not decoded and encoded again. Close it when the write is done.
 */
final class EncodedWrite implements AutoCloseable {

    private final WatchCache cache;
    private final String key;
    private final StoredForm form;
    private final byte[] bytes;

    private EncodedWrite(WatchCache cache, String key, StoredForm form, byte[] bytes) {
        this.cache = cache;
        this.key = key;
        this.form = form;
        this.bytes = bytes;
    }

    /** Drops {@code object}'s resourceVersion (etcd's mod revision is the version) and encodes it. */
    static EncodedWrite of(WatchCache cache, String key, ObjectNode object) {
        if (object.get("metadata") instanceof ObjectNode meta) {
            meta.remove("resourceVersion");
        }
        StoredForm form = StoredForm.encode(object);
        if (form == null) {
            return new EncodedWrite(null, key, null, Json.bytes(object));
        }
        if (cache != null) {
            cache.expect(key, form, object);
        }
        return new EncodedWrite(cache, key, form, form.bytes());
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.forget(key, form);
        }
    }
}
