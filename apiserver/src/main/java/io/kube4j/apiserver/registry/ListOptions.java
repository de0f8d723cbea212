package io.kube4j.apiserver.registry;

import io.kube4j.common.selector.FieldSelector;
import io.kube4j.common.selector.LabelSelector;

/**
 * The query of a list or watch.
 *
 * @param resourceVersion "" for a consistent read from etcd, "0" for the watch cache, else a revision
 * @param limit           page size, 0 for everything
 * @param continueToken   opaque token of the previous page, "" for the first
 */
public record ListOptions(LabelSelector labels, FieldSelector fields, String resourceVersion, int limit,
                          String continueToken, boolean allowBookmarks, long timeoutSeconds) {

    public static final ListOptions ALL = new ListOptions(LabelSelector.everything(), FieldSelector.everything(),
            "", 0, "", false, 0);

    public boolean fromCache() {
        return "0".equals(resourceVersion) && continueToken.isEmpty();
    }
}
