package io.kube4j.controllermanager.gc;

import io.kube4j.common.api.Kind;
import io.kube4j.common.api.KubeObject;
import io.kube4j.common.api.meta.OwnerReference;
import io.kube4j.common.client.informer.SharedInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The owner graph over the tracked kinds, read from the informer caches: objects by uid and
 * dependents by owner uid (two indexes added to each shared informer). Keys are
 * {@code <kind index>|<namespace/name>}.
 */
final class OwnerGraph {

    static final String OWNER_UID = "gc-owner-uid";
    static final String UID = "gc-uid";

    /** An object of a tracked kind, with its queue key. */
    record Node(int kind, KubeObject object) {

        String key() {
            return kind + "|" + object.key();
        }
    }

    private final List<Kind<? extends KubeObject>> kinds;
    private final List<SharedInformer<? extends KubeObject>> informers;

    OwnerGraph(List<Kind<? extends KubeObject>> kinds, List<SharedInformer<? extends KubeObject>> informers) {
        this.kinds = kinds;
        this.informers = informers;
    }

    static List<String> ownerUids(KubeObject object) {
        List<String> uids = new ArrayList<>();
        object.metadata().ownerReferences().forEach(r -> uids.add(r.uid()));
        return uids;
    }

    Kind<? extends KubeObject> kind(int index) {
        return kinds.get(index);
    }

    /** The tracked kind an owner reference names, if any. */
    Optional<Integer> kindOf(OwnerReference ref) {
        for (int i = 0; i < kinds.size(); i++) {
            Kind<?> kind = kinds.get(i);
            if (kind.kind().equals(ref.kind()) && kind.apiVersion().equals(ref.apiVersion())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    Optional<Node> get(int kind, String key) {
        return informers.get(kind).indexer().get(key).map(o -> new Node(kind, o));
    }

    Optional<Node> byUid(String uid) {
        for (int i = 0; i < informers.size(); i++) {
            List<? extends KubeObject> found = informers.get(i).indexer().byIndex(UID, uid);
            if (!found.isEmpty()) {
                return Optional.of(new Node(i, found.get(0)));
            }
        }
        return Optional.empty();
    }

    List<Node> dependents(String ownerUid) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < informers.size(); i++) {
            for (KubeObject o : informers.get(i).indexer().byIndex(OWNER_UID, ownerUid)) {
                out.add(new Node(i, o));
            }
        }
        return out;
    }
}
