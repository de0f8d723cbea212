package io.kube4j.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @Test
    void anEmptyFileMeansTheDefaults() {
        assertThat(ConfigLoader.parse("")).isEqualTo(SchedulerConfig.DEFAULT);
        assertThat(ConfigLoader.parse("kind: KubeSchedulerConfiguration\n").profiles())
                .containsExactly(ProfileConfig.defaults("default-scheduler"));
    }

    @Test
    void readsProfilesPluginsWeightsAndNodeLabelArguments() {
        SchedulerConfig config = ConfigLoader.parse("""
                apiVersion: kubescheduler.config.k8s.io/v1
                kind: KubeSchedulerConfiguration
                percentageOfNodesToScore: 30
                clientConnection: {qps: 500, burst: 1000}
                profiles:
                - schedulerName: default-scheduler
                  plugins:
                    score:
                      enabled: [{name: NodeLabel, weight: 3}]
                      disabled: [{name: NodeResourcesBalancedAllocation}]
                  pluginConfig:
                  - name: NodeLabel
                    args: {presentLabelsPreference: [disktype], absentLabelsPreference: [spot]}
                - schedulerName: only-fit
                  plugins:
                    filter: {disabled: [{name: '*'}], enabled: [{name: NodeResourcesFit}]}
                """);
        assertThat(config.percentageOfNodesToScore()).isEqualTo(30);
        assertThat(config.qps()).isEqualTo(500);
        assertThat(config.burst()).isEqualTo(1000);
        ProfileConfig first = config.profiles().get(0);
        assertThat(first.score()).isEqualTo(new PluginSet(List.of(new PluginRef("NodeLabel", 3)),
                List.of("NodeResourcesBalancedAllocation")));
        assertThat(first.nodeLabel()).isEqualTo(new NodeLabelArgs(List.of("disktype"), List.of("spot")));
        ProfileConfig second = config.profiles().get(1);
        assertThat(second.schedulerName()).isEqualTo("only-fit");
        assertThat(second.filter().disablesAll()).isTrue();
        assertThat(second.filter().enabled()).containsExactly(new PluginRef("NodeResourcesFit", 0));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "percentageOfNodesToScor: 10                      | percentageOfNodesToScor: unknown field",
            "percentageOfNodesToScore: 101                    | percentageOfNodesToScore: must be 0 (adaptive) to 100, got 101",
            "percentageOfNodesToScore: ten                    | percentageOfNodesToScore: expected an integer",
            "kind: Pod                                        | kind: expected KubeSchedulerConfiguration",
            "apiVersion: v1                                   | apiVersion: expected kubescheduler.config.k8s.io/<version>",
            "clientConnection: {qps: 0}                       | clientConnection: qps must be above 0",
            "profiles: {a: 1}                                 | profiles: expected a list",
            "profiles: [{schedulerName: a}, {schedulerName: a}] | profiles[1].schedulerName: \"a\" is used by another profile",
            "profiles: [{plugins: {filter: {enabled: [{}]}}}] | profiles[0].plugins.filter.enabled[0].name: required",
            "profiles: [{plugins: {filter: {enabled: [{name: X, weight: 2}]}}}] | profiles[0].plugins.filter.enabled[0].weight: unknown field",
            "profiles: [{plugins: {score: {enabled: [{name: X, weight: 200}]}}}] | profiles[0].plugins.score.enabled[0].weight: must be 1 to 100",
            "profiles: [{plugins: {preFilter: {}}}]            | profiles[0].plugins.preFilter: unknown field",
            "profiles: [{pluginConfig: [{name: NodeResourcesFit, args: {}}]}] | profiles[0].pluginConfig[0].name: only NodeLabel takes arguments",
            "profiles: [{pluginConfig: [{name: NodeLabel, args: {presentLabels: [a]}}]}] | profiles[0].pluginConfig[0].args.presentLabels: unknown field",
            "'profiles: [ {'                                  | the config is not valid YAML",
    })
    void rejectsMistakesNamingTheField(String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void loadsAFileAndSaysWhenItIsMissing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "percentageOfNodesToScore: 50\n");
        assertThat(ConfigLoader.load(file).percentageOfNodesToScore()).isEqualTo(50);
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }
}
