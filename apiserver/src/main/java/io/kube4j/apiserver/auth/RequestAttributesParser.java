package io.kube4j.apiserver.auth;

import io.kube4j.apiserver.rest.RequestInfo;
import java.util.List;

/** Derives {@link RequestAttributes} from an HTTP request, as Kubernetes' RequestInfoFactory does. */
public final class RequestAttributesParser {

    private RequestAttributesParser() {
    }

    private static String exactName(String fieldSelector) {
        try {
            return io.kube4j.common.selector.FieldSelector.parse(fieldSelector).exactValue("metadata.name").orElse("");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * @param watchParam    the {@code watch} query parameter, or null
     * @param fieldSelector the {@code fieldSelector} query parameter, or null
     */
    public static RequestAttributes parse(UserInfo user, String method, String path, String watchParam,
                                          String fieldSelector) {
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
        // like Kubernetes: a namespace object's own requests are in that namespace
        boolean namespaceObject = info.group().isEmpty() && info.resource().equals("namespaces");
        String namespace = namespaceObject ? info.name() : info.namespace();
        String name = info.name();
        if (name.isEmpty() && (verb.equals("list") || verb.equals("watch")) && fieldSelector != null) {
            // a list or watch pinned to one name by metadata.name is authorized as a request for that name
            name = exactName(fieldSelector);
        }
        return new RequestAttributes(user, verb, info.group(), info.version(), info.resource(), info.subresource(),
                namespace, name, true, path);
    }
}
