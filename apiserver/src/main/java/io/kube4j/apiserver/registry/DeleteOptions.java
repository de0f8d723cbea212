package io.kube4j.apiserver.registry;

/**
 * A delete's options (query parameters or a DeleteOptions body).
 *
 * @param gracePeriodSeconds null when not given
 * @param preconditionUid    "" when not given
 * @param preconditionResourceVersion "" when not given
 * @param propagationPolicy  Background, Foreground, Orphan, or "" for the type's default
 */
public record DeleteOptions(Long gracePeriodSeconds, String preconditionUid, String preconditionResourceVersion,
                            String propagationPolicy, boolean dryRun) {

    public static final DeleteOptions DEFAULT = new DeleteOptions(null, "", "", "", false);
}
