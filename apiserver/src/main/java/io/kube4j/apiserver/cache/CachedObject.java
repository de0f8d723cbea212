package io.kube4j.apiserver.cache;

import java.util.Map;

/**
 * One object as the watch cache keeps it: the wire JSON (resourceVersion already set) plus the
 * few values selectors need, so filtering never parses JSON and encoding happens once.
 *
 * @param labels metadata.labels
 * @param fields the kind's selectable fields (metadata.name, spec.nodeName, …) with their values
 * @param json   the object as sent to clients
 */
public record CachedObject(String key, String namespace, String name, Map<String, String> labels,
                           Map<String, String> fields, byte[] json, long revision) {
}
