package io.kube4j.scheduler.plugins;

import io.kube4j.scheduler.config.ConfigException;
import io.kube4j.scheduler.config.PluginRef;
import io.kube4j.scheduler.config.PluginSet;
import io.kube4j.scheduler.config.ProfileConfig;
import io.kube4j.scheduler.framework.BindPlugin;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.Profile;
import io.kube4j.scheduler.framework.ScorePlugin;
import io.kube4j.scheduler.framework.WeightedScore;
import io.kube4j.scheduler.plugins.nodeaffinity.NodeAffinity;
import io.kube4j.scheduler.plugins.nodelabel.NodeLabel;
import io.kube4j.scheduler.plugins.nodename.NodeName;
import io.kube4j.scheduler.plugins.nodeports.NodePorts;
import io.kube4j.scheduler.plugins.nodeready.NodeReady;
import io.kube4j.scheduler.plugins.noderesources.BalancedAllocation;
import io.kube4j.scheduler.plugins.noderesources.Fit;
import io.kube4j.scheduler.plugins.noderesources.LeastAllocated;
import io.kube4j.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import io.kube4j.scheduler.plugins.tainttoleration.TaintToleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every plugin kube4j's scheduler knows, by name, and the defaults: all filters in Kubernetes'
 * order, and the seed's three priorities — least allocated, balanced allocation, node label — at
 * weight 1. Builds a {@link Profile} from a profile of the config file.
 */
public final class Registry {

    /** The filters, in the order they run (cheap and decisive first, as Kubernetes orders them). */
    public static final List<String> DEFAULT_FILTERS = List.of(NodeUnschedulable.NAME, NodeReady.NAME, NodeName.NAME,
            TaintToleration.NAME, NodeAffinity.NAME, NodePorts.NAME, Fit.NAME);
    public static final List<String> DEFAULT_SCORES = List.of(LeastAllocated.NAME, BalancedAllocation.NAME, NodeLabel.NAME);
    public static final int DEFAULT_WEIGHT = 1;

    private static final Map<String, FilterPlugin> FILTERS = Map.of(
            NodeUnschedulable.NAME, new NodeUnschedulable(),
            NodeReady.NAME, new NodeReady(),
            NodeName.NAME, new NodeName(),
            TaintToleration.NAME, new TaintToleration(),
            NodeAffinity.NAME, new NodeAffinity(),
            NodePorts.NAME, new NodePorts(),
            Fit.NAME, new Fit());

    private Registry() {
    }

    /**
     * @throws ConfigException for an unknown plugin, or a plugin named at an extension point it does not implement
     */
    public static Profile profile(ProfileConfig config, int percentageOfNodesToScore, BindPlugin binder) {
        Map<String, ScorePlugin> scores = Map.of(
                LeastAllocated.NAME, new LeastAllocated(),
                BalancedAllocation.NAME, new BalancedAllocation(),
                NodeLabel.NAME, new NodeLabel(config.nodeLabel().presentLabelsPreference(),
                        config.nodeLabel().absentLabelsPreference()));
        String at = "profile " + config.schedulerName();
        List<FilterPlugin> filters = new ArrayList<>();
        resolve(config.filter(), DEFAULT_FILTERS, FILTERS, at + ", filter", "a filter")
                .forEach((name, weight) -> filters.add(FILTERS.get(name)));
        List<WeightedScore> weighted = new ArrayList<>();
        resolve(config.score(), DEFAULT_SCORES, scores, at + ", score", "a score")
                .forEach((name, weight) -> weighted.add(new WeightedScore(scores.get(name), weight)));
        return new Profile(config.schedulerName(), filters, weighted, binder, percentageOfNodesToScore);
    }

    /** name → weight, defaults first (minus the disabled), then the enabled ones in file order. */
    private static Map<String, Integer> resolve(PluginSet set, List<String> defaults, Map<String, ?> known, String at,
                                                String what) {
        Function<String, ConfigException> unknown = name -> new ConfigException(at + ": " + name + " is not "
                + what + " plugin (known: " + String.join(", ", known.keySet().stream().sorted().toList()) + ")");
        for (String name : set.disabled()) {
            if (!name.equals("*") && !known.containsKey(name)) {
                throw unknown.apply(name);
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        if (!set.disablesAll()) {
            for (String name : defaults) {
                if (!set.disabled().contains(name)) {
                    out.put(name, DEFAULT_WEIGHT);
                }
            }
        }
        for (PluginRef ref : set.enabled()) {
            if (!known.containsKey(ref.name())) {
                throw unknown.apply(ref.name());
            }
            out.put(ref.name(), ref.weight() == 0 ? DEFAULT_WEIGHT : ref.weight());
        }
        return out;
    }
}
