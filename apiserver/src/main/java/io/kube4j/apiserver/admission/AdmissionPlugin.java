package io.kube4j.apiserver.admission;

/**
 * One admission controller. Plugins run in the configured order: every {@link #admit} (mutating)
 * first, then, after the kind's defaulting and validation, every {@link #validate}. Rejecting is
 * throwing a {@link io.kube4j.common.api.meta.StatusException} (403 Forbidden for policy, 422 for
 * invalid content). Plugins are thread-safe.
 */
public interface AdmissionPlugin {

    /** The name used in {@code --enable-admission-plugins}. */
    String name();

    /** May change {@code request.object()}. */
    default void admit(AdmissionRequest request) {
    }

    /** Must not change anything; runs just before the write. */
    default void validate(AdmissionRequest request) {
    }
}
