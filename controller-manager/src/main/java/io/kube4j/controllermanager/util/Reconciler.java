package io.kube4j.controllermanager.util;

/**
 * Brings the world in line with one object, named by its queue key. Called on a worker thread,
 * never twice at once for one key. Reads caches, writes through the API, returns its decision;
 * throwing makes the worker retry the key with exponential backoff.
 */
@FunctionalInterface
public interface Reconciler {

    Result reconcile(String key) throws Exception;
}
