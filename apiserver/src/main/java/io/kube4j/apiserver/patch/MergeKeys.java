package io.kube4j.apiserver.patch;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The strategic-merge metadata Kubernetes keeps in Go struct tags ({@code patchStrategy},
 * {@code patchMergeKey}), as one table over JSON paths instead of code per kind. A rule matches
 * the end of a list's path ({@code containers|initContainers/*}{@code /ports}), or the whole path
 * when it starts with "/", optionally only for one kind. The first matching rule wins; a list no
 * rule names is atomic: the patch's list replaces the stored one (tolerations, args, command, …).
 */
final class MergeKeys {

    private static final String CONTAINERS = "containers|initContainers|ephemeralContainers";

    private static final List<Rule> RULES = List.of(
            // kind-specific lists, whose field names mean something else elsewhere
            new Rule("Service", "/spec/ports", ListStrategy.byKey("port")),
            new Rule("ServiceAccount", "/secrets", ListStrategy.byKey("name")),
            new Rule("Node", "/status/addresses", ListStrategy.byKey("type")),
            // pod spec, wherever it is embedded (Pod, pod templates, job templates)
            new Rule(null, CONTAINERS, ListStrategy.byKey("name")),
            new Rule(null, CONTAINERS + "/*/ports", ListStrategy.byKey("containerPort")),
            new Rule(null, CONTAINERS + "/*/env", ListStrategy.byKey("name")),
            new Rule(null, CONTAINERS + "/*/volumeMounts", ListStrategy.byKey("mountPath")),
            new Rule(null, CONTAINERS + "/*/volumeDevices", ListStrategy.byKey("devicePath")),
            new Rule(null, CONTAINERS + "/*/args", ListStrategy.ATOMIC),
            new Rule(null, CONTAINERS + "/*/command", ListStrategy.ATOMIC),
            new Rule(null, "spec/tolerations", ListStrategy.ATOMIC),
            new Rule(null, "spec/imagePullSecrets", ListStrategy.byKey("name")),
            new Rule(null, "spec/volumes", ListStrategy.byKey("name")),
            new Rule(null, "spec/hostAliases", ListStrategy.byKey("ip")),
            new Rule(null, "spec/topologySpreadConstraints", ListStrategy.byKey("topologyKey")),
            // status and metadata of every kind
            new Rule(null, "status/conditions", ListStrategy.byKey("type")),
            new Rule(null, "status/podIPs", ListStrategy.byKey("ip")),
            new Rule(null, "status/hostIPs", ListStrategy.byKey("ip")),
            new Rule(null, "metadata/ownerReferences", ListStrategy.byKey("uid")),
            new Rule(null, "metadata/finalizers", ListStrategy.SET));

    private MergeKeys() {
    }

    /** The strategy of the list at {@code path} (the list field's own name last) in a {@code kind}. */
    static ListStrategy forList(String kind, FieldPath path) {
        for (Rule rule : RULES) {
            if (rule.matches(kind, path.segments())) {
                return rule.strategy();
            }
        }
        return ListStrategy.ATOMIC;
    }

    /**
     * @param kind     the only kind the rule applies to, or null for all
     * @param anchored whether the segments must match the whole path rather than its end
     * @param segments the names each path segment may have
     * @param strategy what to do with a matching list
     */
    private record Rule(String kind, boolean anchored, List<Set<String>> segments, ListStrategy strategy) {

        /**
         * @param pattern "/"-separated segments; "a|b" matches either name, "*" an item of a list;
         *                a leading "/" anchors the pattern at the object's root
         */
        Rule(String kind, String pattern, ListStrategy strategy) {
            this(kind, pattern.startsWith("/"), parse(pattern), strategy);
        }

        private static List<Set<String>> parse(String pattern) {
            String body = pattern.startsWith("/") ? pattern.substring(1) : pattern;
            return Arrays.stream(body.split("/")).map(s -> Set.of(s.split("\\|"))).toList();
        }

        boolean matches(String objectKind, List<String> path) {
            if (kind != null && !kind.equals(objectKind)) {
                return false;
            }
            int offset = path.size() - segments.size();
            if (offset < 0 || (anchored && offset != 0)) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                if (!segments.get(i).contains(path.get(offset + i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
