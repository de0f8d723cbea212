package io.kube4j.scheduler.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
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

    private ConfigLoader() {
    }

    public static SchedulerConfig load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    public static SchedulerConfig parse(String yaml) {
        JsonNode root;
        try {
            root = Json.YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException("the config is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return SchedulerConfig.DEFAULT;
        }
        object(root, "the config");
        allow(root, "", "apiVersion", "kind", "percentageOfNodesToScore", "clientConnection", "profiles");
        String apiVersion = text(root, "apiVersion", "");
        if (!apiVersion.isEmpty() && !apiVersion.startsWith(API_GROUP)) {
            throw new ConfigException("apiVersion: expected " + API_GROUP + "<version>, got \"" + apiVersion + "\"");
        }
        String kind = text(root, "kind", KIND);
        if (!kind.equals(KIND)) {
            throw new ConfigException("kind: expected " + KIND + ", got \"" + kind + "\"");
        }
        int percentage = integer(root, "percentageOfNodesToScore", 0);
        if (percentage < 0 || percentage > 100) {
            throw new ConfigException("percentageOfNodesToScore: must be 0 (adaptive) to 100, got " + percentage);
        }
        JsonNode client = root.path("clientConnection");
        double qps = SchedulerConfig.DEFAULT_QPS;
        int burst = SchedulerConfig.DEFAULT_BURST;
        if (!client.isMissingNode()) {
            object(client, "clientConnection");
            allow(client, "clientConnection.", "qps", "burst");
            qps = number(client, "qps", "clientConnection.qps", qps);
            burst = integer(client, "burst", "clientConnection.burst", burst);
            if (qps <= 0 || burst < 1) {
                throw new ConfigException("clientConnection: qps must be above 0 and burst at least 1");
            }
        }
        List<ProfileConfig> profiles = new ArrayList<>();
        JsonNode list = root.path("profiles");
        if (list.isMissingNode() || list.isNull() || list.isEmpty()) {
            profiles.add(ProfileConfig.defaults(ProfileConfig.DEFAULT_SCHEDULER_NAME));
        } else {
            array(list, "profiles");
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
        object(node, at);
        allow(node, at + ".", "schedulerName", "plugins", "pluginConfig");
        String name = text(node, "schedulerName", ProfileConfig.DEFAULT_SCHEDULER_NAME);
        if (name.isBlank()) {
            throw new ConfigException(at + ".schedulerName: must not be empty");
        }
        PluginSet filter = PluginSet.DEFAULTS;
        PluginSet score = PluginSet.DEFAULTS;
        JsonNode plugins = node.path("plugins");
        if (!plugins.isMissingNode()) {
            object(plugins, at + ".plugins");
            allow(plugins, at + ".plugins.", "filter", "score");
            filter = pluginSet(plugins.path("filter"), at + ".plugins.filter", false);
            score = pluginSet(plugins.path("score"), at + ".plugins.score", true);
        }
        NodeLabelArgs nodeLabel = NodeLabelArgs.NONE;
        JsonNode configs = node.path("pluginConfig");
        if (!configs.isMissingNode()) {
            array(configs, at + ".pluginConfig");
            for (int i = 0; i < configs.size(); i++) {
                String cat = at + ".pluginConfig[" + i + "]";
                JsonNode entry = configs.get(i);
                object(entry, cat);
                allow(entry, cat + ".", "name", "args");
                String plugin = text(entry, "name", "");
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
        object(node, at);
        allow(node, at + ".", "enabled", "disabled");
        List<PluginRef> enabled = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        JsonNode on = node.path("enabled");
        if (!on.isMissingNode()) {
            array(on, at + ".enabled");
            for (int i = 0; i < on.size(); i++) {
                String pat = at + ".enabled[" + i + "]";
                JsonNode ref = on.get(i);
                object(ref, pat);
                allow(ref, pat + ".", weighted ? new String[] {"name", "weight"} : new String[] {"name"});
                int weight = integer(ref, "weight", pat + ".weight", 0);
                if (weight < 0 || weight > 100) {
                    throw new ConfigException(pat + ".weight: must be 1 to 100, got " + weight);
                }
                enabled.add(new PluginRef(required(ref, "name", pat), weight));
            }
        }
        JsonNode off = node.path("disabled");
        if (!off.isMissingNode()) {
            array(off, at + ".disabled");
            for (int i = 0; i < off.size(); i++) {
                String pat = at + ".disabled[" + i + "]";
                object(off.get(i), pat);
                allow(off.get(i), pat + ".", "name");
                disabled.add(required(off.get(i), "name", pat));
            }
        }
        return new PluginSet(enabled, disabled);
    }

    private static NodeLabelArgs nodeLabelArgs(JsonNode args, String at) {
        if (args.isMissingNode() || args.isNull()) {
            return NodeLabelArgs.NONE;
        }
        object(args, at);
        allow(args, at + ".", "presentLabelsPreference", "absentLabelsPreference");
        return new NodeLabelArgs(strings(args.path("presentLabelsPreference"), at + ".presentLabelsPreference"),
                strings(args.path("absentLabelsPreference"), at + ".absentLabelsPreference"));
    }

    private static List<String> strings(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        array(node, at);
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
                throw new ConfigException(at + "[" + i + "]: expected a label key");
            }
            out.add(node.get(i).asText());
        }
        return out;
    }

    // ---- strict readers

    private static void allow(JsonNode node, String prefix, String... fields) {
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ConfigException(prefix + name + ": unknown field (known: " + String.join(", ", fields) + ")");
            }
        }
    }

    private static void object(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new ConfigException(at + ": expected a mapping");
        }
    }

    private static void array(JsonNode node, String at) {
        if (!node.isArray()) {
            throw new ConfigException(at + ": expected a list");
        }
    }

    private static String required(JsonNode node, String field, String at) {
        String value = text(node, field, "", at + "." + field);
        if (value.isBlank()) {
            throw new ConfigException(at + "." + field + ": required");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String fallback) {
        return text(node, field, fallback, field);
    }

    private static String text(JsonNode node, String field, String fallback, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new ConfigException(at + ": expected a string, got " + value);
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field, int fallback) {
        return integer(node, field, field, fallback);
    }

    private static int integer(JsonNode node, String field, String at, int fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new ConfigException(at + ": expected an integer, got " + value);
        }
        return value.asInt();
    }

    private static double number(JsonNode node, String field, String at, double fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new ConfigException(at + ": expected a number, got " + value);
        }
        return value.asDouble();
    }
}
