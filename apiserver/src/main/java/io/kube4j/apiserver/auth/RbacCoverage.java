package io.kube4j.apiserver.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a set of rules holds every permission of another set, as Kubernetes' escalation check
 * decides it: each requested rule is split into single-verb, single-resource (and single-name)
 * rules, and each of those must be covered by one held rule.
 */
final class RbacCoverage {

    private RbacCoverage() {
    }

    /** The single permissions of {@code requested} that {@code held} does not cover; empty when all are. */
    static List<RbacRule> uncovered(List<RbacRule> held, List<RbacRule> requested) {
        List<RbacRule> missing = new ArrayList<>();
        for (RbacRule rule : requested) {
            for (RbacRule atom : atoms(rule)) {
                if (held.stream().noneMatch(h -> covers(h, atom))) {
                    missing.add(atom);
                }
            }
        }
        return missing;
    }

    /** One rule per verb × group × resource × name, and per verb × URL. */
    static List<RbacRule> atoms(RbacRule rule) {
        List<RbacRule> atoms = new ArrayList<>();
        for (String verb : rule.verbs()) {
            for (String group : rule.apiGroups()) {
                for (String resource : rule.resources()) {
                    if (rule.resourceNames().isEmpty()) {
                        atoms.add(RbacRule.verbs(verb).groups(group).resources(resource));
                    }
                    for (String name : rule.resourceNames()) {
                        atoms.add(RbacRule.verbs(verb).groups(group).resources(resource).names(name));
                    }
                }
            }
            for (String url : rule.nonResourceURLs()) {
                atoms.add(RbacRule.verbs(verb).urls(url));
            }
        }
        return atoms;
    }

    /** Whether {@code held} grants everything the single permission {@code atom} does. */
    static boolean covers(RbacRule held, RbacRule atom) {
        String verb = atom.verbs().get(0);
        if (!held.verbs().contains(RbacRule.ALL) && !held.verbs().contains(verb)) {
            return false;
        }
        if (!atom.nonResourceURLs().isEmpty()) {
            return coversUrl(held, atom.nonResourceURLs().get(0));
        }
        String group = atom.apiGroups().get(0);
        String resource = atom.resources().get(0);
        return (held.apiGroups().contains(RbacRule.ALL) || held.apiGroups().contains(group))
                && coversResource(held, resource)
                && (held.resourceNames().isEmpty() || !atom.resourceNames().isEmpty()
                        && held.resourceNames().contains(atom.resourceNames().get(0)));
    }

    private static boolean coversResource(RbacRule held, String resource) {
        if (held.resources().contains(RbacRule.ALL) || held.resources().contains(resource)) {
            return true;
        }
        int slash = resource.indexOf('/');
        return slash > 0 && held.resources().contains("*" + resource.substring(slash));
    }

    private static boolean coversUrl(RbacRule held, String url) {
        for (String mine : held.nonResourceURLs()) {
            if (mine.equals(RbacRule.ALL) || mine.equals(url)
                    || mine.endsWith("*") && url.startsWith(mine.substring(0, mine.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
