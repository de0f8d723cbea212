package io.kube4j.apiserver.patch;

/**
 * How a strategic merge patch treats one list field.
 *
 * @param type     atomic (the patch's list replaces the stored one), set (a list of primitives
 *                 merged as a set union) or merge-by-key (items merged on {@code mergeKey})
 * @param mergeKey the field that identifies an item, only for {@link Type#MERGE_BY_KEY}
 */
record ListStrategy(Type type, String mergeKey) {

    enum Type { ATOMIC, SET, MERGE_BY_KEY }

    static final ListStrategy ATOMIC = new ListStrategy(Type.ATOMIC, null);
    static final ListStrategy SET = new ListStrategy(Type.SET, null);

    static ListStrategy byKey(String mergeKey) {
        return new ListStrategy(Type.MERGE_BY_KEY, mergeKey);
    }
}
