package io.kube4j.apiserver.patch;

import java.util.List;

/**
 * How each list field of a kind behaves, from the strategic-merge table ({@link MergeKeys}), for
 * code outside patching that walks objects the same way (server-side apply's field sets).
 */
public final class ListTypes {

    /** An associative list (items identified by a key field), a set of primitives, or an atomic list. */
    public enum Type { KEYED, SET, ATOMIC }

    /** @param key the identifying field of a {@link Type#KEYED} list's items, else null */
    public record ListType(Type type, String key) {
    }

    private ListTypes() {
    }

    /**
     * @param path the list's path from the object's root: field names, with {@code "*"} standing for
     *             an item of an enclosing list ({@code spec, containers, *, ports})
     */
    public static ListType of(String kind, List<String> path) {
        ListStrategy strategy = MergeKeys.forList(kind, new FieldPath(path));
        return switch (strategy.type()) {
            case MERGE_BY_KEY -> new ListType(Type.KEYED, strategy.mergeKey());
            case SET -> new ListType(Type.SET, null);
            case ATOMIC -> new ListType(Type.ATOMIC, null);
        };
    }
}
