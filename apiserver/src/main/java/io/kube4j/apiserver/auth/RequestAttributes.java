package io.kube4j.apiserver.auth;

/**
 * What a request asks to do, in the terms authorizers decide on (Kubernetes' authorizer.Attributes).
 *
 * @param verb        for resource requests: get, list, watch, create, update, patch, delete,
 *                    deletecollection (or a special verb such as bind, escalate, impersonate when an
 *                    authorizer is asked directly); for other paths the lower-cased HTTP method
 * @param apiGroup    "" for the core group
 * @param resource    the resource plural, "" for non-resource requests
 * @param subresource "" when none
 * @param namespace   "" for cluster-scoped requests and all-namespace lists
 * @param name        "" for collections
 * @param path        the URL path, for non-resource requests
 */
public record RequestAttributes(UserInfo user, String verb, String apiGroup, String apiVersion, String resource,
                                String subresource, String namespace, String name, boolean resourceRequest,
                                String path) {

    /** {@code pods} or {@code pods/log}, as RBAC rules name resources. */
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    /** Kubernetes' Forbidden message for these attributes. */
    public String forbiddenMessage(String reason) {
        String who = "User \"" + user.name() + "\"";
        String message;
        if (!resourceRequest) {
            message = "forbidden: " + who + " cannot " + verb + " path \"" + path + "\"";
        } else {
            String what = resourceWithSubresource();
            String scope = namespace.isEmpty() ? " at the cluster scope" : " in the namespace \"" + namespace + "\"";
            message = (name.isEmpty() ? what : what + " \"" + name + "\"") + " is forbidden: " + who + " cannot " + verb
                    + " resource \"" + what + "\" in API group \"" + apiGroup + "\"" + scope;
        }
        return reason == null || reason.isEmpty() ? message : message + ": " + reason;
    }
}
