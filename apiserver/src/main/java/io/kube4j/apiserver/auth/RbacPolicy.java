package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.cache.CachedObject;
import io.kube4j.apiserver.cache.WatchCache;
import io.kube4j.apiserver.cache.WatchEvent;
import io.kube4j.apiserver.cache.WatchSink;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import io.kube4j.common.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RbacRuleResolver} over the watch caches: an {@link RbacSnapshot} rebuilt lazily, by the
 * first request after a change. A watch on each of the four caches counts changes; between
 * changes a request costs two counter reads and the snapshot lookups.
 */
final class RbacPolicy implements RbacRuleResolver {

    private static final String GROUP = "rbac.authorization.k8s.io";
    private static final List<String> PLURALS = List.of("roles", "rolebindings", "clusterroles", "clusterrolebindings");

    private final List<WatchCache> caches = new ArrayList<>();
    /** Bumped by every change to an RBAC object and whenever one of the watches ends. */
    private final AtomicLong changes = new AtomicLong();
    /** The live watch of each cache; guarded by this. */
    private final Counter[] watches = new Counter[PLURALS.size()];
    private volatile Indexed current = new Indexed(-1, RbacSnapshot.EMPTY);

    private record Indexed(long changes, RbacSnapshot snapshot) {
    }

    RbacPolicy(ResourceTypes types, Map<ResourceType, WatchCache> caches) {
        for (String plural : PLURALS) {
            ResourceType type = types.find(GROUP, "v1", plural)
                    .orElseThrow(() -> new IllegalStateException("RBAC needs " + plural + "." + GROUP + " to be served"));
            this.caches.add(caches.get(type));
        }
    }

    @Override
    public Optional<String> grant(RequestAttributes request) {
        return snapshot().grant(request);
    }

    @Override
    public List<RbacRule> rulesFor(UserInfo user, String namespace) {
        return snapshot().rulesFor(user, namespace);
    }

    @Override
    public Optional<List<RbacRule>> roleRules(String roleKind, String roleName, String namespace) {
        return snapshot().roleRules(roleKind, roleName, namespace);
    }

    private RbacSnapshot snapshot() {
        Indexed indexed = current;
        if (indexed.changes() == changes.get()) {
            return indexed.snapshot();
        }
        synchronized (this) {
            for (int i = 0; i < watches.length; i++) {
                if (watches[i] == null || !watches[i].alive) {
                    watches[i] = new Counter();
                    // from revision 0 the watch first replays what exists: harmless, it only counts
                    caches.get(i).watch("", o -> true, 0, watches[i]);
                }
            }
            // read the counter before listing: a change during the listing makes the next request rebuild
            long seen = changes.get();
            if (current.changes() != seen) {
                current = new Indexed(seen, RbacSnapshot.of(objects(0), objects(1), objects(2), objects(3)));
            }
            return current.snapshot();
        }
    }

    private List<JsonNode> objects(int index) {
        List<JsonNode> out = new ArrayList<>();
        for (CachedObject object : caches.get(index).list("", o -> true).items()) {
            try {
                out.add(Json.MAPPER.readTree(object.json()));
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable RBAC object " + object.key(), e);
            }
        }
        return out;
    }

    /** Counts the events of one cache; called under that cache's lock, so it takes no lock of its own. */
    private final class Counter implements WatchSink {
        private volatile boolean alive = true;

        @Override
        public boolean offer(WatchEvent event) {
            changes.incrementAndGet();
            return true;
        }

        @Override
        public void terminate(String reason, boolean expired) {
            // the cache re-listed or is closing: watch again on the next request
            alive = false;
            changes.incrementAndGet();
        }
    }
}
