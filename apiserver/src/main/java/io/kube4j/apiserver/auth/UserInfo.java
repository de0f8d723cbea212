package io.kube4j.apiserver.auth;

import java.util.List;

/** Who made a request, as authentication found out. Groups include {@code system:authenticated}. */
public record UserInfo(String name, String uid, List<String> groups) {

    public static final String AUTHENTICATED = "system:authenticated";
    public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", "", List.of("system:unauthenticated"));

    public UserInfo {
        groups = List.copyOf(groups);
    }

    /** The same user with {@code system:authenticated} added, as every authenticated user has it. */
    public UserInfo authenticated() {
        if (groups.contains(AUTHENTICATED)) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(groups);
        all.add(AUTHENTICATED);
        return new UserInfo(name, uid, all);
    }
}
