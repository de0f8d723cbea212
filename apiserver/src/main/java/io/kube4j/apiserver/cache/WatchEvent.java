package io.kube4j.apiserver.cache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An event as a watcher receives it. The JSON line is built once and shared by every watcher that
 * gets this instance, so fan-out to many watchers costs no extra encoding.
 */
public final class WatchEvent {

    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }

    private final Type type;
    private final CachedObject object;
    private final long revision;
    private final byte[] rawObject;
    private volatile byte[] line;

    public WatchEvent(Type type, CachedObject object, long revision) {
        this(type, object, revision, null);
    }

    private WatchEvent(Type type, CachedObject object, long revision, byte[] rawObject) {
        this.type = type;
        this.object = object;
        this.revision = revision;
        this.rawObject = rawObject;
    }

    /** An event whose object is given as JSON bytes (bookmarks, errors). */
    public static WatchEvent raw(Type type, byte[] objectJson, long revision) {
        return new WatchEvent(type, null, revision, objectJson);
    }

    public Type type() {
        return type;
    }

    /** The object, or null for BOOKMARK and ERROR events. */
    public CachedObject object() {
        return object;
    }

    public long revision() {
        return revision;
    }

    /** Same object, another type: for events a selector turns into ADDED or DELETED. */
    public WatchEvent as(Type other) {
        return other == type ? this : new WatchEvent(other, object, revision, rawObject);
    }

    /** {@code {"type":"…","object":{…}}\n}, built on first use. */
    public byte[] line() {
        byte[] l = line;
        if (l == null) {
            byte[] body = object != null ? object.json() : rawObject;
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 32);
            out.writeBytes(("{\"type\":\"" + type.name() + "\",\"object\":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(body);
            out.writeBytes("}\n".getBytes(StandardCharsets.US_ASCII));
            l = out.toByteArray();
            line = l;
        }
        return l;
    }
}
