package io.kube4j.apiserver.server;

import io.kube4j.apiserver.auth.Authorizer;
import io.kube4j.apiserver.auth.RequestAttributes;
import io.kube4j.apiserver.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Request;

/**
 * User impersonation ({@code kubectl --as/--as-group/--as-uid}): the {@code Impersonate-User},
 * {@code Impersonate-Group} and {@code Impersonate-Uid} headers replace the authenticated user when the
 * real one may {@code impersonate} each of them (users, serviceaccounts, groups, uids), as in Kubernetes.
 * The request is then authorized, admitted and executed as the impersonated user.
 */
final class Impersonation {

    static final String USER = "Impersonate-User";
    static final String GROUP = "Impersonate-Group";
    static final String UID = "Impersonate-Uid";
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    /** The user to act as, or the real one with {@code denied} set to the 403 message. */
    record Result(UserInfo user, String denied) {
    }

    private Impersonation() {
    }

    static Result apply(UserInfo real, Request request, String path, Authorizer authorizer) {
        String name = request.getHeaders().get(USER);
        List<String> groups = request.getHeaders().getValuesList(GROUP);
        String uid = request.getHeaders().get(UID);
        String denied = check(real, path, authorizer, "", "users", "", name);
        if (name.startsWith(SERVICE_ACCOUNT_PREFIX)) {
            String[] parts = name.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", 2);
            denied = parts.length == 2 ? check(real, path, authorizer, "", "serviceaccounts", parts[0], parts[1])
                    : "\"" + name + "\" is not a service account name";
        }
        for (String group : groups) {
            denied = denied != null ? denied : check(real, path, authorizer, "", "groups", "", group);
        }
        if (uid != null && !uid.isEmpty()) {
            denied = denied != null ? denied : check(real, path, authorizer, "authentication.k8s.io", "uids", "", uid);
        }
        if (denied != null) {
            return new Result(real, denied);
        }
        List<String> all = new ArrayList<>(groups);
        if (name.startsWith(SERVICE_ACCOUNT_PREFIX) && groups.isEmpty()) {
            all.add("system:serviceaccounts");
            all.add("system:serviceaccounts:" + name.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", 2)[0]);
        }
        return new Result(new UserInfo(name, uid == null ? "" : uid, all).authenticated(), null);
    }

    private static String check(UserInfo real, String path, Authorizer authorizer, String group, String resource,
                                String namespace, String name) {
        RequestAttributes attributes = new RequestAttributes(real, "impersonate", group, "v1", resource, "",
                namespace, name, true, path);
        if (authorizer.authorize(attributes).allowed()) {
            return null;
        }
        String what = resource.equals("serviceaccounts") ? "serviceaccounts \"" + name + "\" in namespace \"" + namespace + "\""
                : resource + " \"" + name + "\"";
        return what + " is forbidden: User \"" + real.name() + "\" cannot impersonate resource \"" + resource + "\""
                + (group.isEmpty() ? " in API group \"\"" : " in API group \"" + group + "\"")
                + (namespace.isEmpty() ? " at the cluster scope" : " in the namespace \"" + namespace + "\"");
    }
}
