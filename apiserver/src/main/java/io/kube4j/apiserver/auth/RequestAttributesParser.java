package io.kube4j.apiserver.auth;

import io.kube4j.apiserver.rest.RequestInfo;
import java.util.List;

/** Derives {@link RequestAttributes} from an HTTP request, as Kubernetes' RequestInfoFactory does. */
public final class RequestAttributesParser {

    private RequestAttributesParser() {
    }

    /**
     * @param watchParam the {@code watch} query parameter, or null
     */
    public static RequestAttributes parse(UserInfo user, String method, String path, String watchParam) {
        List<String> parts = RequestInfo.segments(path);
        RequestInfo info = null;
        if (!parts.isEmpty() && (parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
            info = RequestInfo.parse(parts.get(0).equals("api"), parts.subList(1, parts.size()));
        }
        if (info == null) {
            return new RequestAttributes(user, method.toLowerCase(), "", "", "", "", "", "", false, path);
        }
        boolean watch = info.watchPath() || "true".equalsIgnoreCase(watchParam) || "1".equals(watchParam);
        String verb = switch (method) {
            case "GET", "HEAD" -> watch ? "watch" : info.hasName() ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> info.hasName() ? "delete" : "deletecollection";
            default -> method.toLowerCase();
        };
        String namespace = info.resource().equals("namespaces") ? info.name() : info.namespace();
        if (info.resource().equals("namespaces") && info.namespace().isEmpty() && !info.hasName()) {
            namespace = "";
        }
        return new RequestAttributes(user, verb, info.group(), info.version(), info.resource(), info.subresource(),
                info.resource().equals("namespaces") ? "" : namespace, info.name(), true, path);
    }
}
