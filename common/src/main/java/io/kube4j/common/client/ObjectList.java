package io.kube4j.common.client;

import java.util.List;

/**
 * One page of a list.
 *
 * @param resourceVersion the list's version: watch from here to see every later change
 * @param continueToken   "" on the last page
 */
public record ObjectList<T>(List<T> items, String resourceVersion, String continueToken) {

    public ObjectList {
        items = List.copyOf(items);
    }
}
