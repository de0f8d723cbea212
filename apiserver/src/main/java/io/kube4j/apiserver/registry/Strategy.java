package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.StatusCause;
import java.util.List;

/**
 * What differs between kinds on the generic write path. The storage layer has already set the
 * server-owned metadata (uid, timestamps, generation, resourceVersion) when these run; a strategy
 * only fills defaults and judges the object. Implementations are stateless and thread-safe.
 */
public interface Strategy {

    /** Fills defaults of a new object in place (e.g. a pod's restartPolicy). */
    default void defaultOnCreate(ObjectNode object) {
    }

    /** Fills defaults of an updated object in place; {@code old} is the stored state, read-only. */
    default void defaultOnUpdate(ObjectNode object, ObjectNode old) {
        defaultOnCreate(object);
    }

    /** Field errors of a new object beyond the generic metadata checks; empty when valid. */
    default List<StatusCause> validateCreate(ObjectNode object) {
        return List.of();
    }

    /** Field errors of an update (immutable fields, …); {@code old} is the stored state. */
    default List<StatusCause> validateUpdate(ObjectNode object, ObjectNode old) {
        return validateCreate(object);
    }

    /** Whether the type keeps {@code metadata.generation} in step with its spec. */
    default boolean tracksGeneration() {
        return true;
    }

    /** The metadata.name rule: DNS-1123 subdomain by default, DNS-1123 label for a few kinds. */
    default NameRule nameRule() {
        return NameRule.SUBDOMAIN;
    }

    /** How a name must be spelled. */
    enum NameRule { SUBDOMAIN, LABEL, PATH_SEGMENT }

    /** The strategy of kinds with no rules of their own. */
    Strategy DEFAULT = new Strategy() {
    };
}
