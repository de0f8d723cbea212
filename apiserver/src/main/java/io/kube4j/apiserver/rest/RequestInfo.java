package io.kube4j.apiserver.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a resource URL names, parsed the way Kubernetes' RequestInfoFactory does:
 * {@code /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}},
 * {@code /apis/{group}/{version}/…}, the legacy {@code …/watch/…} prefix, and the namespace
 * subresources {@code namespaces/{name}/status|finalize}.
 */
public record RequestInfo(String group, String version, String namespace, String resource, String name,
                          String subresource, boolean watchPath) {

    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    /**
     * Parses the path after {@code /api} or {@code /apis}.
     *
     * @param core  true for {@code /api}, whose first segment is the version
     * @param parts path segments after the prefix, URL-decoded
     * @return the request info, or null when the path is not a resource path (discovery)
     */
    public static RequestInfo parse(boolean core, List<String> parts) {
        List<String> p = new ArrayList<>(parts);
        p.removeIf(String::isEmpty);
        String group;
        String version;
        if (core) {
            if (p.size() < 2) {
                return null;
            }
            group = "";
            version = p.remove(0);
        } else {
            if (p.size() < 3) {
                return null;
            }
            group = p.remove(0);
            version = p.remove(0);
        }
        boolean watch = false;
        if (!p.isEmpty() && p.get(0).equals("watch")) {
            watch = true;
            p.remove(0);
        }
        String namespace = "";
        if (!p.isEmpty() && p.get(0).equals("namespaces") && p.size() > 1) {
            namespace = p.get(1);
            if (p.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(p.get(2))) {
                p = new ArrayList<>(p.subList(2, p.size()));
            } else {
                // the namespace object itself: namespaces/{name}[/status|finalize]
                namespace = "";
                p = new ArrayList<>(Arrays.asList("namespaces", p.get(1)));
                if (parts.size() > 0 && parts.get(parts.size() - 1) != null) {
                    List<String> original = new ArrayList<>(parts);
                    original.removeIf(String::isEmpty);
                    String last = original.get(original.size() - 1);
                    if (NAMESPACE_SUBRESOURCES.contains(last) && original.size() >= (core ? 4 : 5)) {
                        p.add(last);
                    }
                }
            }
        }
        if (p.isEmpty() || p.size() > 3) {
            return null;
        }
        String resource = p.get(0);
        String name = p.size() > 1 ? p.get(1) : "";
        String sub = p.size() > 2 ? p.get(2) : "";
        return new RequestInfo(group, version, namespace, resource, name, sub, watch);
    }

    public boolean hasName() {
        return !name.isEmpty();
    }

    public boolean hasSubresource() {
        return !subresource.isEmpty();
    }

    /** Segments of a raw path, each URL-decoded. */
    public static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
