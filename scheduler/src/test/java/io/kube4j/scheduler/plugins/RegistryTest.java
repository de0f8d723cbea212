package io.kube4j.scheduler.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.scheduler.config.ConfigException;
import io.kube4j.scheduler.config.ConfigLoader;
import io.kube4j.scheduler.config.ProfileConfig;
import io.kube4j.scheduler.framework.Plugin;
import io.kube4j.scheduler.framework.Profile;
import io.kube4j.scheduler.framework.WeightedScore;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {

    static Profile build(String yaml) {
        return Registry.profile(ConfigLoader.parse(yaml).profiles().get(0), 0, null);
    }

    static List<String> scoreNames(Profile profile) {
        return profile.scores().stream().map(s -> s.plugin().name() + "=" + s.weight()).toList();
    }

    @Test
    void theDefaultsAreEveryFilterAndTheSeedsThreePrioritiesAtWeightOne() {
        Profile profile = Registry.profile(ProfileConfig.defaults("default-scheduler"), 0, null);
        assertThat(profile.filters().stream().map(Plugin::name)).containsExactly("NodeUnschedulable", "NodeReady",
                "NodeName", "TaintToleration", "NodeAffinity", "NodePorts", "NodeResourcesFit");
        assertThat(scoreNames(profile)).containsExactly("NodeResourcesLeastAllocated=1",
                "NodeResourcesBalancedAllocation=1", "NodeLabel=1");
    }

    @Test
    void enablingADefaultPluginReweighsItInPlace() {
        Profile profile = build("profiles: [{plugins: {score: {enabled: [{name: NodeResourcesLeastAllocated, weight: 5}]}}}]");
        assertThat(scoreNames(profile)).containsExactly("NodeResourcesLeastAllocated=5",
                "NodeResourcesBalancedAllocation=1", "NodeLabel=1");
    }

    @Test
    void disablingAllThenEnablingOneLeavesOnlyThatOne() {
        Profile profile = build("profiles: [{plugins: {score: {disabled: [{name: '*'}], enabled: [{name: NodeLabel}]}}}]");
        assertThat(profile.scores()).extracting(WeightedScore::weight).containsExactly(1);
        assertThat(scoreNames(profile)).containsExactly("NodeLabel=1");
    }

    @Test
    void unknownPluginsAndPluginsAtTheWrongExtensionPointAreConfigErrors() {
        assertThatThrownBy(() -> build("profiles: [{plugins: {score: {enabled: [{name: Magic}]}}}]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("profile default-scheduler, score: Magic is not a score plugin (known: NodeLabel,");
        assertThatThrownBy(() -> build("profiles: [{plugins: {filter: {enabled: [{name: NodeLabel}]}}}]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NodeLabel is not a filter plugin");
        assertThatThrownBy(() -> build("profiles: [{plugins: {filter: {disabled: [{name: Nope}]}}}]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Nope is not a filter plugin");
    }
}
