package io.kube4j.apiserver.registry;

import io.kube4j.apiserver.auth.UserInfo;

/**
 * Who writes, through which subresource, and whether for real: what admission needs to know.
 *
 * @param subresource "" for the main resource
 */
public record WriteContext(UserInfo user, String subresource, boolean dryRun) {

    /** Writes the apiserver makes on its own behalf (bootstrap objects). */
    public static final WriteContext SYSTEM = new WriteContext(
            new UserInfo("system:apiserver", "", java.util.List.of("system:masters", UserInfo.AUTHENTICATED)), "", false);

    public WriteContext withSubresource(String sub) {
        return new WriteContext(user, sub, dryRun);
    }
}
