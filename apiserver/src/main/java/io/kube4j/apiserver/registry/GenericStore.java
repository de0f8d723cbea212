package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.admission.AdmissionChain;
import io.kube4j.apiserver.admission.AdmissionRequest;
import io.kube4j.apiserver.cache.CachedObject;
import io.kube4j.apiserver.cache.ObjectCodec;
import io.kube4j.apiserver.cache.WatchCache;
import io.kube4j.apiserver.storage.Storage;
import io.kube4j.apiserver.storage.StorageException;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusCause;
import io.kube4j.common.api.meta.StatusException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The one storage path of every resource type: create, read, update, delete and list over
 * {@link Storage}, with the server-owned metadata, the status split, generation, graceful deletion
 * and finalizers handled here once, and what differs per kind asked of the type's {@link Strategy}.
 * Thread-safe; every write is a compare-and-swap, retried on conflict only when the caller did
 * not pin a resourceVersion.
 */
public final class GenericStore {

    private static final String GENERATE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int MAX_CONFLICT_RETRIES = 16;
    private static final long CONSISTENT_READ_WAIT_MS = 3_000;

    private final Storage storage;
    private final String root;
    private final Map<ResourceType, WatchCache> caches;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AdmissionChain admission;
    private final Claims claims;
    private final DeletionRules deletionRules;

    public GenericStore(Storage storage, String root, Map<ResourceType, WatchCache> caches, ResourceTypes types, Clock clock,
                        AdmissionChain admission) {
        this(storage, root, caches, types, clock, admission, Claims.NONE);
    }

    /** @param claims what objects hold outside their own keys (Services' cluster IPs and node ports) */
    public GenericStore(Storage storage, String root, Map<ResourceType, WatchCache> caches, ResourceTypes types, Clock clock,
                        AdmissionChain admission, Claims claims) {
        this.claims = claims;
        this.admission = admission;
        this.storage = storage;
        this.root = root;
        this.caches = caches;
        this.clock = clock;
        this.deletionRules = new DeletionRules(clock);
    }

    public String root() {
        return root;
    }

    public WatchCache cache(ResourceType type) {
        return caches.get(type);
    }

    // ---- reads

    public ObjectNode get(ResourceType type, String namespace, String name) {
        Storage.Entry entry = storage(() -> storage.get(type.key(root, namespace, name)))
                .orElseThrow(() -> StatusException.notFound(type.groupResource(), name));
        return ObjectCodec.decode(entry.value(), entry.modRevision());
    }

    /** A page of a list: the items, the revision, and the token of the next page ("" when done). */
    public record ListResult(List<CachedObject> items, long revision, String continueToken, long remaining) {
    }

    public ListResult list(ResourceType type, String namespace, ListOptions options, Predicate<CachedObject> filter) {
        String prefix = type.namespacePrefix(root, namespace);
        WatchCache cache = caches.get(type);
        if (options.fromCache() && cache != null) {
            WatchCache.Snapshot snapshot = storage(() -> cache.list(prefix, filter));
            return new ListResult(snapshot.items(), snapshot.revision(), "", 0);
        }
        if (cache != null && options.resourceVersion().isEmpty() && options.limit() == 0 && options.continueToken().isEmpty()) {
            // A consistent read served from the cache, as Kubernetes does since 1.31: learn etcd's current
            // revision (one cheap request), wait until the cache has seen it, then list from memory.
            long current = storage(storage::currentRevision);
            if (cache.revision() < current) {
                storage.requestProgress();
            }
            if (cache.awaitRevision(current, CONSISTENT_READ_WAIT_MS)) {
                WatchCache.Snapshot snapshot = storage(() -> cache.list(prefix, filter));
                return new ListResult(snapshot.items(), snapshot.revision(), "", 0);
            }
        }
        long revision = 0;
        String from = prefix;
        if (!options.continueToken().isEmpty()) {
            ContinueToken token = ContinueToken.decode(options.continueToken(), prefix);
            revision = token.revision();
            from = prefix + token.start();
        } else if (!options.resourceVersion().isEmpty() && !"0".equals(options.resourceVersion())) {
            revision = parseRevision(options.resourceVersion());
        }
        List<CachedObject> items = new ArrayList<>();
        int limit = options.limit();
        ObjectCodec codec = cache != null ? cache.codec() : new ObjectCodec(type);
        long readRevision = revision;
        while (true) {
            final long rev = readRevision;
            final String start = from;
            int want = limit > 0 ? limit - items.size() : 0;
            Storage.Page page;
            try {
                page = storage.list(prefix, start, want, rev);
            } catch (StorageException e) {
                if (e.kind() == StorageException.Kind.COMPACTED) {
                    throw StatusException.gone(options.continueToken().isEmpty()
                            ? "too old resource version: " + rev
                            : "The provided continue parameter is too old to display a consistent list result."
                            + " You can start a new list without the continue parameter.");
                }
                throw translate(e, type, "");
            }
            readRevision = page.revision();
            String lastKey = null;
            for (Storage.Entry entry : page.entries()) {
                CachedObject object = codec.cached(entry);
                lastKey = entry.key();
                if (filter.test(object)) {
                    items.add(object);
                }
            }
            if (page.remaining() == 0 || lastKey == null) {
                return new ListResult(items, readRevision, "", 0);
            }
            from = lastKey + "\0";
            if (limit > 0 && items.size() >= limit) {
                String token = ContinueToken.encode(readRevision, from.substring(prefix.length()));
                return new ListResult(items, readRevision, token, page.remaining());
            }
        }
    }

    private static long parseRevision(String rv) {
        try {
            long value = Long.parseLong(rv);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw StatusException.badRequest("invalid resource version \"" + rv + "\"");
        }
    }

    // ---- create

    public ObjectNode create(ResourceType type, String namespace, ObjectNode body, WriteContext context) {
        boolean dryRun = context.dryRun();
        ObjectNode object = body.deepCopy();
        checkKind(type, object);
        ObjectNode meta = Nodes.object(object, "metadata");
        if (type.namespaced()) {
            String bodyNs = meta.path("namespace").asText("");
            if (!bodyNs.isEmpty() && !bodyNs.equals(namespace)) {
                throw StatusException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            meta.put("namespace", namespace);
        } else {
            meta.remove("namespace");
        }
        String generateName = meta.path("generateName").asText("");
        boolean generated = meta.path("name").asText("").isEmpty() && !generateName.isEmpty();
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", timestamp(clock.instant()));
        meta.remove(List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"));
        if (type.strategy().tracksGeneration()) {
            meta.put("generation", 1);
        } else {
            meta.remove("generation");
        }
        if (type.hasStatus() && !type.kind().equals("Node")) {
            object.remove("status");
        }
        for (int attempt = 0; ; attempt++) {
            if (generated) {
                meta.put("name", generateName(generateName));
            }
            String name = meta.path("name").asText("");
            type.strategy().defaultOnCreate(object);
            AdmissionRequest request = new AdmissionRequest(AdmissionRequest.Operation.CREATE, type,
                    context.subresource(), namespace, name, object, null, context.user(), dryRun);
            admission.admit(request);
            validate(type, object, type.strategy().validateCreate(object));
            if (type.namespaced() && (namespace == null || namespace.isEmpty())) {
                throw StatusException.badRequest("a namespace is required for this resource");
            }
            admission.validate(request);
            if (dryRun) {
                return object;
            }
            Claims.Claim claim = claims.claim(type, object, null);
            String key = type.key(root, namespace, name);
            try (EncodedWrite write = EncodedWrite.of(caches.get(type), key, object)) {
                long revision = storage.create(key, write.bytes());
                awaitCache(type, revision);
                ObjectCodec.setResourceVersion(object, revision);
                return object;
            } catch (StorageException e) {
                claim.undo();
                if (e.kind() == StorageException.Kind.EXISTS && generated && attempt < 8) {
                    continue;
                }
                throw translate(e, type, name);
            }
        }
    }

    private String generateName(String prefix) {
        String base = prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
        StringBuilder name = new StringBuilder(base);
        for (int i = 0; i < 5; i++) {
            name.append(GENERATE_ALPHABET.charAt(random.nextInt(GENERATE_ALPHABET.length())));
        }
        return name.toString();
    }

    // ---- update

    /** Which part of an object a write may change. */
    public enum Part { MAIN, STATUS, ALL }

    /**
     * Replaces an object with what {@code mutation} makes of its stored state.
     *
     * @param mutation gets a private copy of the stored object and returns the proposed object;
     *                 a proposed object with a resourceVersion must match the stored one (409 otherwise)
     * @param part     MAIN ignores status changes, STATUS ignores everything but status, ALL keeps both and
     *                 skips the kind's update rules (server-internal writes such as binding and finalize)
     */
    public ObjectNode update(ResourceType type, String namespace, String name, UnaryOperator<ObjectNode> mutation,
                             Part part, WriteContext context) {
        boolean dryRun = context.dryRun();
        String key = type.key(root, namespace, name);
        // The first attempt starts from the watch cache's copy, as Kubernetes does: the compare-and-swap
        // below only succeeds if it is etcd's current state. Whatever that attempt cannot finish (a
        // conflict, an error, a no-op that a stale copy could fake) is done again from etcd.
        WatchCache cache = dryRun ? null : caches.get(type);
        for (int attempt = 0; ; attempt++) {
            CachedObject cached = cache != null && attempt == 0 ? cache.get(key) : null;
            Storage.Entry entry = cached != null ? new Storage.Entry(key, cached.json(), cached.revision())
                    : storage(() -> storage.get(key)).orElseThrow(() -> StatusException.notFound(type.groupResource(), name));
            ObjectNode old = ObjectCodec.decode(entry.value(), entry.modRevision());
            ObjectNode updated;
            boolean pinned;
            try {
                ObjectNode proposed = mutation.apply(old.deepCopy());
                String wanted = proposed.path("metadata").path("resourceVersion").asText("");
                pinned = !wanted.isEmpty();
                if (pinned && !wanted.equals(Long.toString(entry.modRevision()))) {
                    throw StatusException.modified(type.groupResource(), name);
                }
                updated = prepareUpdate(type, namespace, name, old, proposed, part, context);
            } catch (RuntimeException e) {
                if (cached != null) {
                    continue;
                }
                throw e;
            }
            if (sameContent(old, updated)) {
                if (cached != null) {
                    continue;
                }
                return old;
            }
            if (dryRun) {
                return updated;
            }
            Claims.Claim claim = isFinalized(updated) ? Claims.Claim.NONE : claims.claim(type, updated, old);
            try {
                if (isFinalized(updated)) {
                    long revision = storage.delete(key, entry.modRevision());
                awaitCache(type, revision);
                    claims.release(type, old, null);
                    ObjectCodec.setResourceVersion(updated, revision);
                    return updated;
                }
                try (EncodedWrite write = EncodedWrite.of(caches.get(type), key, updated)) {
                    long revision = storage.update(key, write.bytes(), entry.modRevision());
                    awaitCache(type, revision);
                    claims.release(type, old, updated);
                    ObjectCodec.setResourceVersion(updated, revision);
                    return updated;
                }
            } catch (StorageException e) {
                claim.undo();
                if (e.kind() == StorageException.Kind.CONFLICT && (cached != null || !pinned && attempt < MAX_CONFLICT_RETRIES)) {
                    continue;
                }
                if (e.kind() == StorageException.Kind.CONFLICT) {
                    throw StatusException.modified(type.groupResource(), name);
                }
                throw translate(e, type, name);
            }
        }
    }

    private ObjectNode prepareUpdate(ResourceType type, String namespace, String name, ObjectNode old,
                                     ObjectNode proposed, Part part, WriteContext context) {
        checkKind(type, proposed);
        ObjectNode meta = Nodes.object(proposed, "metadata");
        String bodyName = meta.path("name").asText("");
        if (!bodyName.isEmpty() && !bodyName.equals(name)) {
            throw StatusException.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + name + ")");
        }
        if (type.namespaced()) {
            String bodyNs = meta.path("namespace").asText("");
            if (!bodyNs.isEmpty() && !bodyNs.equals(namespace)) {
                throw StatusException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
        }
        ObjectNode updated;
        if (part == Part.STATUS) {
            updated = old.deepCopy();
            JsonNode status = proposed.get("status");
            if (status == null) {
                updated.remove("status");
            } else {
                updated.set("status", status);
            }
            // the one part of metadata a status write changes: who manages which status fields
            JsonNode managed = proposed.path("metadata").get("managedFields");
            if (managed != null && !managed.equals(old.path("metadata").get("managedFields"))) {
                Nodes.object(updated, "metadata").set("managedFields", managed);
            }
            AdmissionRequest request = new AdmissionRequest(AdmissionRequest.Operation.UPDATE, type,
                    context.subresource().isEmpty() ? "status" : context.subresource(), namespace, name, updated, old,
                    context.user(), context.dryRun());
            admission.admit(request);
            admission.validate(request);
        } else {
            updated = proposed;
            if (part == Part.MAIN && type.hasStatus()) {
                JsonNode status = old.get("status");
                if (status == null) {
                    updated.remove("status");
                } else {
                    updated.set("status", status.deepCopy());
                }
            }
            ObjectNode newMeta = Nodes.object(updated, "metadata");
            JsonNode oldMeta = old.path("metadata");
            newMeta.put("name", name);
            if (type.namespaced()) {
                newMeta.put("namespace", namespace);
            }
            for (String field : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation")) {
                if (oldMeta.has(field)) {
                    newMeta.set(field, oldMeta.get(field).deepCopy());
                } else {
                    newMeta.remove(field);
                }
            }
            if (oldMeta.has("deletionTimestamp")) {
                // finalizers may only be removed from an object that is being deleted
                JsonNode finalizers = newMeta.get("finalizers");
                for (JsonNode f : finalizers == null ? Json.MAPPER.createArrayNode() : finalizers) {
                    if (!contains(oldMeta.path("finalizers"), f.asText())) {
                        throw StatusException.forbidden("no new finalizers can be added if the object is being deleted, found new finalizers [\""
                                + f.asText() + "\"]");
                    }
                }
            }
            AdmissionRequest request = new AdmissionRequest(AdmissionRequest.Operation.UPDATE, type,
                    context.subresource(), namespace, name, updated, old, context.user(), context.dryRun());
            if (part == Part.ALL) {
                // server-internal writes (binding, scale, finalize) change fields users may not touch
                admission.admit(request);
                validate(type, updated, List.of());
            } else {
                type.strategy().defaultOnUpdate(updated, old);
                admission.admit(request);
                validate(type, updated, type.strategy().validateUpdate(updated, old));
            }
            admission.validate(request);
            if (type.strategy().tracksGeneration() && specChanged(old, updated)) {
                newMeta.put("generation", oldMeta.path("generation").asLong(0) + 1);
            }
        }
        return updated;
    }

    static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Everything but metadata and status, the part whose change bumps generation. */
    private static boolean specChanged(ObjectNode old, ObjectNode updated) {
        ObjectNode a = old.deepCopy();
        ObjectNode b = updated.deepCopy();
        a.remove(List.of("metadata", "status"));
        b.remove(List.of("metadata", "status"));
        return !a.equals(b);
    }

    private static boolean sameContent(ObjectNode old, ObjectNode updated) {
        ObjectNode a = old.deepCopy();
        ObjectNode b = updated.deepCopy();
        ((ObjectNode) a.path("metadata")).remove("resourceVersion");
        if (b.get("metadata") instanceof ObjectNode m) {
            m.remove("resourceVersion");
        }
        return a.equals(b);
    }

    private static boolean isFinalized(ObjectNode object) {
        JsonNode meta = object.path("metadata");
        if (!meta.has("deletionTimestamp")) {
            return false;
        }
        if (meta.path("finalizers").size() > 0) {
            return false;
        }
        if (object.path("kind").asText().equals("Namespace") && object.path("spec").path("finalizers").size() > 0) {
            return false;
        }
        if (object.path("kind").asText().equals("Pod") && meta.path("deletionGracePeriodSeconds").asLong(0) > 0) {
            return false;
        }
        return true;
    }

    // ---- delete

    /** The object as it was when deleted, or as it is now when its deletion waits for a kubelet or finalizers. */
    public record DeleteResult(ObjectNode object, boolean pending) {
    }

    public DeleteResult delete(ResourceType type, String namespace, String name, DeleteOptions options,
                               WriteContext context) {
        String key = type.key(root, namespace, name);
        for (int attempt = 0; ; attempt++) {
            Storage.Entry entry = storage(() -> storage.get(key))
                    .orElseThrow(() -> StatusException.notFound(type.groupResource(), name));
            ObjectNode old = ObjectCodec.decode(entry.value(), entry.modRevision());
            ObjectNode meta = (ObjectNode) old.path("metadata");
            if (!options.preconditionUid().isEmpty() && !options.preconditionUid().equals(meta.path("uid").asText())) {
                throw StatusException.conflict(type.groupResource(), name, "Precondition failed: UID in precondition: "
                        + options.preconditionUid() + ", UID in object meta: " + meta.path("uid").asText());
            }
            if (!options.preconditionResourceVersion().isEmpty()
                    && !options.preconditionResourceVersion().equals(Long.toString(entry.modRevision()))) {
                throw StatusException.conflict(type.groupResource(), name, "Precondition failed: ResourceVersion in precondition: "
                        + options.preconditionResourceVersion() + ", ResourceVersion in object meta: " + entry.modRevision());
            }
            admission.validate(new AdmissionRequest(AdmissionRequest.Operation.DELETE, type, context.subresource(),
                    namespace, name, null, old, context.user(), options.dryRun()));
            ObjectNode pending = deletionRules.pending(type, old, options);
            try {
                if (pending == null) {
                    if (options.dryRun()) {
                        return new DeleteResult(old, false);
                    }
                    long revision = storage.delete(key, entry.modRevision());
                awaitCache(type, revision);
                    claims.release(type, old, null);
                    ObjectCodec.setResourceVersion(old, revision);
                    return new DeleteResult(old, false);
                }
                if (options.dryRun() || sameContent(old, pending)) {
                    return new DeleteResult(old, true);
                }
                try (EncodedWrite write = EncodedWrite.of(caches.get(type), key, pending)) {
                    long revision = storage.update(key, write.bytes(), entry.modRevision());
                    awaitCache(type, revision);
                    ObjectCodec.setResourceVersion(pending, revision);
                    return new DeleteResult(pending, true);
                }
            } catch (StorageException e) {
                if (e.kind() == StorageException.Kind.CONFLICT && attempt < MAX_CONFLICT_RETRIES) {
                    continue;
                }
                throw translate(e, type, name);
            }
        }
    }

    // ---- helpers

    /**
     * The wire JSON of an object this store just returned: the watch cache's bytes when it holds
     * the object at that version (they are the same bytes), else a fresh encoding. A dry run's result
     * still carries the version it was computed from, but not that version's content: always encoded.
     */
    public byte[] wire(ResourceType type, ObjectNode object, WriteContext context) {
        WatchCache cache = caches.get(type);
        JsonNode meta = object.path("metadata");
        long version = meta.path("resourceVersion").asLong(0);
        if (cache != null && version > 0 && !context.dryRun()) {
            CachedObject cached = cache.get(type.key(root, meta.path("namespace").asText(""), meta.path("name").asText("")));
            if (cached != null && cached.revision() == version) {
                return cached.json();
            }
        }
        return Json.bytes(object);
    }

    /**
     * Waits (briefly) until this type's watch cache has seen a write, so that whatever this
     * apiserver reads from its caches next — admission checks, RBAC, consistent lists — includes it.
     */
    private void awaitCache(ResourceType type, long revision) {
        WatchCache cache = caches.get(type);
        if (cache != null) {
            cache.awaitRevision(revision, 2_000);
        }
    }

    private void validate(ResourceType type, ObjectNode object, List<StatusCause> kindCauses) {
        List<StatusCause> causes = new ArrayList<>();
        JsonNode meta = object.path("metadata");
        String name = meta.path("name").asText("");
        causes.addAll(MetaValidation.validate(meta, type.strategy().nameRule()));
        causes.addAll(kindCauses);
        if (!causes.isEmpty()) {
            throw StatusException.invalid(type.kind(), name, causes);
        }
    }

    private static void checkKind(ResourceType type, ObjectNode object) {
        MetaValidation.checkTypes(type.kind(), object.path("metadata"));
        String kind = object.path("kind").asText("");
        String apiVersion = object.path("apiVersion").asText("");
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw StatusException.badRequest("the kind of the provided object (" + kind
                    + ") does not match the resource " + type.groupResource() + " (kind " + type.kind() + ")");
        }
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw StatusException.badRequest("the apiVersion of the provided object (" + apiVersion
                    + ") does not match the resource's " + type.apiVersion());
        }
        object.put("kind", type.kind());
        object.put("apiVersion", type.apiVersion());
        // keep kind and apiVersion first, as clients print them
        ObjectNode reordered = Json.object();
        reordered.put("kind", type.kind());
        reordered.put("apiVersion", type.apiVersion());
        reordered.setAll(object);
        object.removeAll();
        object.setAll(reordered);
    }

    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private interface StorageCall<T> {
        T call();
    }

    private static <T> T storage(StorageCall<T> call) {
        try {
            return call.call();
        } catch (StorageException e) {
            throw translate(e, null, "");
        }
    }

    /** The Status a store failure answers with. */
    public static StatusException translate(StorageException e, ResourceType type, String name) {
        String resource = type == null ? "object" : type.groupResource();
        return switch (e.kind()) {
            case NOT_FOUND -> StatusException.notFound(resource, name);
            case EXISTS -> StatusException.alreadyExists(resource, name);
            case CONFLICT -> StatusException.modified(resource, name);
            case COMPACTED -> StatusException.gone(e.getMessage());
            case UNAVAILABLE -> StatusException.unavailable("etcd is unavailable: " + e.getMessage(), e);
            case TIMEOUT -> StatusException.timeout("the request did not complete within the request timeout: " + e.getMessage());
            case INTERNAL -> StatusException.internal(e.getMessage(), e);
        };
    }
}
