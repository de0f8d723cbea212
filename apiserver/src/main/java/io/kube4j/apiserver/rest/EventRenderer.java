package io.kube4j.apiserver.rest;

import io.kube4j.apiserver.cache.WatchEvent;

/** Turns a watch event into the bytes of one stream line; called on a writer thread, in event order. */
@FunctionalInterface
public interface EventRenderer {

    byte[] render(WatchEvent event);

    /** Kubernetes' JSON event lines, encoded once per event and shared by all watchers. */
    EventRenderer JSON = WatchEvent::line;
}
