package io.kube4j.scheduler.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.daemon.StrictYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the scheduler's YAML configuration, strictly: an unknown field, a wrong type or an
 * impossible value is a {@link ConfigException} naming the field, so a typo never silently
 * falls back to a default. The accepted shape:
 * <pre>
 * apiVersion: kubescheduler.config.k8s.io/v1      # optional
 * kind: KubeSchedulerConfiguration                 # optional
 * percentageOfNodesToScore: 0                      # 0 = adaptive
 * clientConnection: {qps: 50, burst: 100}
 * profiles:
 * - schedulerName: default-scheduler
 *   plugins:
 *     filter: {enabled: [{name: …}], disabled: [{name: '*'}]}
 *     score:  {enabled: [{name: NodeLabel, weight: 2}], disabled: [{name: …}]}
 *   pluginConfig:
 *   - name: NodeLabel
 *     args: {presentLabelsPreference: [disktype], absentLabelsPreference: [spot]}
 * </pre>
 * Which plugin names exist is checked when the profiles are built.
 */
public final class ConfigLoader {

    private static final String API_GROUP = "kubescheduler.config.k8s.io/";
    private static final String KIND = "KubeSchedulerConfiguration";
    private static final StrictYaml YAML = new StrictYaml(API_GROUP, KIND, ConfigException::new);

    private ConfigLoader() {
    }

    public static SchedulerConfig load(Path file) {
        return parse(YAML.read(file));
    }

    public static SchedulerConfig parse(String yaml) {
        JsonNode root = YAML.document(yaml, "percentageOfNodesToScore", "clientConnection", "profiles");
        if (root == null) {
            return SchedulerConfig.DEFAULT;
        }
        int percentage = YAML.integer(root, "percentageOfNodesToScore", 0);
        if (percentage < 0 || percentage > 100) {
            throw new ConfigException("percentageOfNodesToScore: must be 0 (adaptive) to 100, got " + percentage);
        }
        JsonNode client = root.path("clientConnection");
        double qps = SchedulerConfig.DEFAULT_QPS;
        int burst = SchedulerConfig.DEFAULT_BURST;
        if (!client.isMissingNode()) {
            YAML.object(client, "clientConnection");
            YAML.allow(client, "clientConnection.", "qps", "burst");
            qps = YAML.number(client, "qps", "clientConnection.qps", qps);
            burst = YAML.integer(client, "burst", "clientConnection.burst", burst);
            if (qps <= 0 || burst < 1) {
                throw new ConfigException("clientConnection: qps must be above 0 and burst at least 1");
            }
        }
        List<ProfileConfig> profiles = new ArrayList<>();
        JsonNode list = root.path("profiles");
        if (list.isMissingNode() || list.isNull() || list.isEmpty()) {
            profiles.add(ProfileConfig.defaults(ProfileConfig.DEFAULT_SCHEDULER_NAME));
        } else {
            YAML.array(list, "profiles");
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                ProfileConfig profile = profile(list.get(i), "profiles[" + i + "]");
                if (!names.add(profile.schedulerName())) {
                    throw new ConfigException("profiles[" + i + "].schedulerName: \"" + profile.schedulerName()
                            + "\" is used by another profile");
                }
                profiles.add(profile);
            }
        }
        return new SchedulerConfig(percentage, qps, burst, profiles);
    }

    private static ProfileConfig profile(JsonNode node, String at) {
        YAML.object(node, at);
        YAML.allow(node, at + ".", "schedulerName", "plugins", "pluginConfig");
        String name = YAML.text(node, "schedulerName", ProfileConfig.DEFAULT_SCHEDULER_NAME);
        if (name.isBlank()) {
            throw new ConfigException(at + ".schedulerName: must not be empty");
        }
        PluginSet filter = PluginSet.DEFAULTS;
        PluginSet score = PluginSet.DEFAULTS;
        JsonNode plugins = node.path("plugins");
        if (!plugins.isMissingNode()) {
            YAML.object(plugins, at + ".plugins");
            YAML.allow(plugins, at + ".plugins.", "filter", "score");
            filter = pluginSet(plugins.path("filter"), at + ".plugins.filter", false);
            score = pluginSet(plugins.path("score"), at + ".plugins.score", true);
        }
        NodeLabelArgs nodeLabel = NodeLabelArgs.NONE;
        JsonNode configs = node.path("pluginConfig");
        if (!configs.isMissingNode()) {
            YAML.array(configs, at + ".pluginConfig");
            for (int i = 0; i < configs.size(); i++) {
                String cat = at + ".pluginConfig[" + i + "]";
                JsonNode entry = configs.get(i);
                YAML.object(entry, cat);
                YAML.allow(entry, cat + ".", "name", "args");
                String plugin = YAML.text(entry, "name", "");
                if (!plugin.equals("NodeLabel")) {
                    throw new ConfigException(cat + ".name: only NodeLabel takes arguments, got \"" + plugin + "\"");
                }
                nodeLabel = nodeLabelArgs(entry.path("args"), cat + ".args");
            }
        }
        return new ProfileConfig(name, filter, score, nodeLabel);
    }

    private static PluginSet pluginSet(JsonNode node, String at, boolean weighted) {
        if (node.isMissingNode() || node.isNull()) {
            return PluginSet.DEFAULTS;
        }
        YAML.object(node, at);
        YAML.allow(node, at + ".", "enabled", "disabled");
        List<PluginRef> enabled = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        JsonNode on = node.path("enabled");
        if (!on.isMissingNode()) {
            YAML.array(on, at + ".enabled");
            for (int i = 0; i < on.size(); i++) {
                String pat = at + ".enabled[" + i + "]";
                JsonNode ref = on.get(i);
                YAML.object(ref, pat);
                YAML.allow(ref, pat + ".", weighted ? new String[] {"name", "weight"} : new String[] {"name"});
                int weight = YAML.integer(ref, "weight", pat + ".weight", 0);
                if (weight < 0 || weight > 100) {
                    throw new ConfigException(pat + ".weight: must be 1 to 100, got " + weight);
                }
                enabled.add(new PluginRef(YAML.required(ref, "name", pat), weight));
            }
        }
        JsonNode off = node.path("disabled");
        if (!off.isMissingNode()) {
            YAML.array(off, at + ".disabled");
            for (int i = 0; i < off.size(); i++) {
                String pat = at + ".disabled[" + i + "]";
                YAML.object(off.get(i), pat);
                YAML.allow(off.get(i), pat + ".", "name");
                disabled.add(YAML.required(off.get(i), "name", pat));
            }
        }
        return new PluginSet(enabled, disabled);
    }

    private static NodeLabelArgs nodeLabelArgs(JsonNode args, String at) {
        if (args.isMissingNode() || args.isNull()) {
            return NodeLabelArgs.NONE;
        }
        YAML.object(args, at);
        YAML.allow(args, at + ".", "presentLabelsPreference", "absentLabelsPreference");
        return new NodeLabelArgs(strings(args.path("presentLabelsPreference"), at + ".presentLabelsPreference"),
                strings(args.path("absentLabelsPreference"), at + ".absentLabelsPreference"));
    }

    private static List<String> strings(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        YAML.array(node, at);
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
                throw new ConfigException(at + "[" + i + "]: expected a label key");
            }
            out.add(node.get(i).asText());
        }
        return out;
    }
}
