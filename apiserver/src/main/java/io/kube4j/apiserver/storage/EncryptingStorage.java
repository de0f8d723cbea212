package io.kube4j.apiserver.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encryption at rest as a {@link Storage} decorator: values of the configured resources are
 * sealed on the way in and opened on the way out of every read, list and watch, so everything
 * above (the generic store, the watch caches) sees plain JSON. Keys, revisions and the values of
 * other resources pass through untouched.
 */
final class EncryptingStorage implements Storage {

    private final Storage inner;
    private final String root;
    private final List<ResourceEncryption> rules;
    private final Map<String, Optional<ResourceEncryption>> byResource = new ConcurrentHashMap<>();

    EncryptingStorage(Storage inner, String root, List<ResourceEncryption> rules) {
        this.inner = inner;
        this.root = root;
        this.rules = List.copyOf(rules);
    }

    /** The entry covering the resource of {@code key} ({@code <root>/<group|core>/<plural>/…}), the first that matches. */
    private Optional<ResourceEncryption> rule(String key) {
        if (!key.startsWith(root + "/")) {
            return Optional.empty();
        }
        String[] parts = key.substring(root.length() + 1).split("/", 3);
        if (parts.length < 2) {
            return Optional.empty();
        }
        String groupResource = parts[0].equals("core") ? parts[1] : parts[1] + "." + parts[0];
        return byResource.computeIfAbsent(groupResource,
                gr -> rules.stream().filter(r -> r.covers(gr)).findFirst());
    }

    private byte[] seal(String key, byte[] value) {
        Optional<ResourceEncryption> rule = rule(key);
        return rule.isPresent() ? rule.get().seal(key, value) : value;
    }

    private Entry open(Entry entry) {
        if (entry == null || entry.value().length == 0) {
            return entry; // absent, or the empty value of a delete event
        }
        Optional<ResourceEncryption> rule = rule(entry.key());
        return rule.isPresent() ? new Entry(entry.key(), rule.get().open(entry.key(), entry.value()), entry.modRevision()) : entry;
    }

    @Override
    public Optional<Entry> get(String key) {
        return inner.get(key).map(this::open);
    }

    @Override
    public Page list(String prefix, String fromKey, int limit, long revision) {
        Page page = inner.list(prefix, fromKey, limit, revision);
        List<Entry> entries = new ArrayList<>(page.entries().size());
        for (Entry entry : page.entries()) {
            entries.add(open(entry));
        }
        return new Page(entries, page.revision(), page.remaining());
    }

    @Override
    public long create(String key, byte[] value) {
        return inner.create(key, seal(key, value));
    }

    @Override
    public long update(String key, byte[] value, long expectedModRevision) {
        return inner.update(key, seal(key, value), expectedModRevision);
    }

    @Override
    public long delete(String key, long expectedModRevision) {
        return inner.delete(key, expectedModRevision);
    }

    @Override
    public long currentRevision() {
        return inner.currentRevision();
    }

    @Override
    public void compact(long revision) {
        inner.compact(revision);
    }

    @Override
    public AutoCloseable watch(String prefix, long afterRevision, Listener listener) {
        return inner.watch(prefix, afterRevision, new Listener() {
            private volatile boolean failed;

            @Override
            public void onChanges(List<Change> changes, long revision) {
                if (failed) {
                    return;
                }
                List<Change> opened = new ArrayList<>(changes.size());
                try {
                    for (Change change : changes) {
                        opened.add(new Change(change.type(), open(change.entry()), open(change.previous())));
                    }
                } catch (StorageException e) {
                    // a value no provider can read ends this watch like any store failure: the watcher re-lists
                    failed = true;
                    listener.onError(e);
                    return;
                }
                listener.onChanges(opened, revision);
            }

            @Override
            public void onError(StorageException error) {
                if (!failed) {
                    listener.onError(error);
                }
            }
        });
    }

    @Override
    public void requestProgress() {
        inner.requestProgress();
    }

    @Override
    public boolean healthy() {
        return inner.healthy();
    }

    @Override
    public void close() {
        inner.close();
    }
}
