package io.kube4j.apiserver.storage;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link Storage} on etcd v3 through jetcd: every write is one compare-and-swap transaction. */
public final class EtcdStorage implements Storage {

    private final Client client;
    private final KV kv;
    private final Duration timeout;
    private final OperationTimer timer;

    /**
     * @param timeout how long one operation may take before it fails as UNAVAILABLE
     * @param timer   told the operation name and elapsed nanos of each call, for metrics
     */
    public EtcdStorage(Client client, Duration timeout, OperationTimer timer) {
        this.client = client;
        this.kv = client.getKVClient();
        this.timeout = timeout;
        this.timer = timer;
    }

    /** Records how long each etcd operation took. */
    public interface OperationTimer {
        void record(String operation, long nanos);

        OperationTimer NONE = (operation, nanos) -> { };
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Override
    public Optional<Entry> get(String key) {
        GetResponse response = call("get", kv.get(bytes(key)));
        if (response.getKvs().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(entry(response.getKvs().get(0)));
    }

    @Override
    public Page list(String prefix, String fromKey, int limit, long revision) {
        GetOption.Builder option = GetOption.builder().withRange(prefixEnd(prefix));
        if (limit > 0) {
            option.withLimit(limit);
        }
        if (revision > 0) {
            option.withRevision(revision);
        }
        GetResponse response = call("list", kv.get(bytes(fromKey), option.build()));
        List<Entry> entries = new ArrayList<>(response.getKvs().size());
        for (KeyValue kv : response.getKvs()) {
            entries.add(entry(kv));
        }
        long remaining = response.isMore() ? Math.max(1, response.getCount() - entries.size()) : 0;
        return new Page(entries, response.getHeader().getRevision(), remaining);
    }

    @Override
    public long create(String key, byte[] value) {
        ByteSequence k = bytes(key);
        TxnResponse response = call("create", kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.version(0)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .commit());
        if (!response.isSucceeded()) {
            throw new StorageException(StorageException.Kind.EXISTS, "key " + key + " exists");
        }
        return response.getHeader().getRevision();
    }

    @Override
    public long update(String key, byte[] value, long expectedModRevision) {
        ByteSequence k = bytes(key);
        TxnResponse response = call("update", kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit());
        if (!response.isSucceeded()) {
            throw failedPrecondition(key, response);
        }
        return response.getHeader().getRevision();
    }

    @Override
    public long delete(String key, long expectedModRevision) {
        ByteSequence k = bytes(key);
        TxnResponse response = call("delete", kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)))
                .Then(Op.delete(k, DeleteOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit());
        if (!response.isSucceeded()) {
            throw failedPrecondition(key, response);
        }
        return response.getHeader().getRevision();
    }

    private static StorageException failedPrecondition(String key, TxnResponse response) {
        boolean absent = response.getGetResponses().isEmpty() || response.getGetResponses().get(0).getKvs().isEmpty();
        return absent
                ? new StorageException(StorageException.Kind.NOT_FOUND, "key " + key + " not found")
                : new StorageException(StorageException.Kind.CONFLICT, "key " + key + " was modified");
    }

    @Override
    public long currentRevision() {
        // a count-only read of an empty range returns just the header
        GetResponse response = call("revision", kv.get(bytes("\0"), GetOption.builder().withCountOnly(true).build()));
        return response.getHeader().getRevision();
    }

    @Override
    public void compact(long revision) {
        call("compact", kv.compact(revision, CompactOption.DEFAULT));
    }

    @Override
    public AutoCloseable watch(String prefix, long afterRevision, Listener listener) {
        WatchOption option = WatchOption.builder()
                .withRange(prefixEnd(prefix))
                .withRevision(afterRevision + 1)
                .withPrevKV(true)
                .withProgressNotify(true)
                .build();
        Watch.Watcher watcher = client.getWatchClient().watch(bytes(prefix), option, new Watch.Listener() {
            @Override
            public void onNext(WatchResponse response) {
                List<Change> changes = new ArrayList<>(response.getEvents().size());
                for (WatchEvent event : response.getEvents()) {
                    KeyValue prev = event.getPrevKV();
                    Entry previous = prev == null || prev.getKey().isEmpty() ? null : entry(prev);
                    Change.Type type = event.getEventType() == WatchEvent.EventType.DELETE
                            ? Change.Type.DELETE : Change.Type.PUT;
                    changes.add(new Change(type, entry(event.getKeyValue()), previous));
                }
                listener.onChanges(changes, response.getHeader().getRevision());
            }

            @Override
            public void onError(Throwable error) {
                listener.onError(translate("watch", error));
            }

            @Override
            public void onCompleted() {
                listener.onError(new StorageException(StorageException.Kind.UNAVAILABLE, "etcd watch on " + prefix + " ended"));
            }
        });
        return watcher::close;
    }

    @Override
    public void requestProgress() {
        client.getWatchClient().requestProgress();
    }

    @Override
    public boolean healthy() {
        try {
            kv.get(bytes("\0"), GetOption.builder().withCountOnly(true).build()).get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T call(String operation, CompletableFuture<T> future) {
        long start = System.nanoTime();
        long remaining = RequestDeadline.remainingNanos();
        if (remaining <= 0) {
            future.cancel(true);
            throw new StorageException(StorageException.Kind.TIMEOUT, "the request timed out before etcd " + operation);
        }
        long wait = Math.min(timeout.toNanos(), remaining);
        try {
            return future.get(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "interrupted during etcd " + operation, e);
        } catch (TimeoutException e) {
            future.cancel(true);
            if (wait < timeout.toNanos()) {
                throw new StorageException(StorageException.Kind.TIMEOUT, "the request timed out during etcd " + operation, e);
            }
            throw new StorageException(StorageException.Kind.UNAVAILABLE,
                    "etcd did not answer " + operation + " within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw translate(operation, e.getCause());
        } finally {
            timer.record(operation, System.nanoTime() - start);
        }
    }

    private static StorageException translate(String operation, Throwable error) {
        if (error instanceof StorageException s) {
            return s;
        }
        if (error instanceof CompactedException c) {
            return new StorageException(StorageException.Kind.COMPACTED,
                    "revision compacted (compacted to " + c.getCompactedRevision() + ")", c);
        }
        String message = String.valueOf(error.getMessage());
        if (message.contains("RESOURCE_EXHAUSTED")) {
            return new StorageException(StorageException.Kind.INTERNAL, "etcd " + operation + " answer too large: " + message, error);
        }
        if (message.contains("compacted")) {
            return new StorageException(StorageException.Kind.COMPACTED, message, error);
        }
        if (message.contains("future revision")) {
            // a client-supplied revision (a forged continue token) beyond etcd's head: the client must re-list, as after a
            // compaction; etcd itself is fine, so this is not an outage (503)
            return new StorageException(StorageException.Kind.COMPACTED, "the requested revision is newer than etcd's: " + message, error);
        }
        if (error instanceof EtcdException || message.contains("UNAVAILABLE") || message.contains("DEADLINE")) {
            return new StorageException(StorageException.Kind.UNAVAILABLE, "etcd " + operation + " failed: " + message, error);
        }
        return new StorageException(StorageException.Kind.UNAVAILABLE, "etcd " + operation + " failed: " + message, error);
    }

    private static Entry entry(KeyValue kv) {
        return new Entry(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().getBytes(), kv.getModRevision());
    }

    /** The first key after every key that starts with {@code prefix}. */
    static ByteSequence prefixEnd(String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return ByteSequence.from(java.util.Arrays.copyOf(end, i + 1));
            }
        }
        return ByteSequence.from(new byte[] {0});
    }
}
