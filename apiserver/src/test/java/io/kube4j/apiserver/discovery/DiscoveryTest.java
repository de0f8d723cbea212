package io.kube4j.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    private final Discovery discovery = new Discovery(ResourceTypes.standard(), "127.0.0.1:6443");

    @Test
    void versionReportsMinor32SoKubectlsDispatcherPicksKubectl132() {
        ObjectNode version = discovery.version();

        assertThat(version.get("major").asText()).isEqualTo("1");
        assertThat(version.get("minor").asText()).isEqualTo("32");
        assertThat(version.get("gitVersion").asText()).isEqualTo("v1.32.0-kube4j");
        assertThat(version.get("platform").asText()).isEqualTo("linux/amd64");
    }

    @Test
    void coreVersionsListV1AndTheServerAddress() {
        ObjectNode api = discovery.coreVersions();

        assertThat(api.get("kind").asText()).isEqualTo("APIVersions");
        assertThat(api.get("versions").toString()).isEqualTo("[\"v1\"]");
        assertThat(api.at("/serverAddressByClientCIDRs/0/clientCIDR").asText()).isEqualTo("0.0.0.0/0");
        assertThat(api.at("/serverAddressByClientCIDRs/0/serverAddress").asText()).isEqualTo("127.0.0.1:6443");
    }

    @Test
    void groupListNamesEveryNamedGroupWithItsPreferredVersion() {
        ObjectNode groups = discovery.groups();

        assertThat(groups.get("kind").asText()).isEqualTo("APIGroupList");
        assertThat(groups.get("groups").findValuesAsText("name"))
                .containsExactly("apps", "batch", "coordination.k8s.io", "rbac.authorization.k8s.io",
                        "authorization.k8s.io", "authentication.k8s.io");
        JsonNode apps = groups.at("/groups/0");
        assertThat(apps.at("/versions/0/groupVersion").asText()).isEqualTo("apps/v1");
        assertThat(apps.at("/preferredVersion/version").asText()).isEqualTo("v1");
    }

    @Test
    void groupIsServedOnlyForNamedGroups() {
        assertThat(discovery.group("batch")).hasValueSatisfying(g -> {
            assertThat(g.get("kind").asText()).isEqualTo("APIGroup");
            assertThat(g.at("/preferredVersion/groupVersion").asText()).isEqualTo("batch/v1");
        });
        assertThat(discovery.group("")).isEmpty();
        assertThat(discovery.group("policy")).isEmpty();
    }

    @Test
    void coreResourcesIncludePodsWithShortNamesAndCategories() {
        JsonNode pods = entry("", "v1", "pods");

        assertThat(pods.get("singularName").asText()).isEqualTo("pod");
        assertThat(pods.get("namespaced").asBoolean()).isTrue();
        assertThat(pods.get("kind").asText()).isEqualTo("Pod");
        assertThat(pods.get("shortNames").toString()).isEqualTo("[\"po\"]");
        assertThat(pods.get("categories").toString()).isEqualTo("[\"all\"]");
        assertThat(pods.get("verbs").toString())
                .isEqualTo("[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]");
    }

    @Test
    void emptyShortNamesAndCategoriesAreOmitted() {
        JsonNode secrets = entry("", "v1", "secrets");

        assertThat(secrets.has("shortNames")).isFalse();
        assertThat(secrets.has("categories")).isFalse();
        assertThat(entry("", "v1", "nodes").get("namespaced").asBoolean()).isFalse();
    }

    @Test
    void podStatusIsTheParentKindWithReadWriteVerbs() {
        JsonNode status = entry("", "v1", "pods/status");

        assertThat(status.get("kind").asText()).isEqualTo("Pod");
        assertThat(status.has("group")).isFalse();
        assertThat(status.get("verbs").toString()).isEqualTo("[\"get\",\"patch\",\"update\"]");
    }

    @Test
    void scaleSubresourcesAreAutoscalingV1ScaleSoKubectlScaleWorks() {
        for (String scale : List.of("apps/v1/deployments/scale", "apps/v1/replicasets/scale", "/v1/replicationcontrollers/scale")) {
            String[] parts = scale.split("/", 3);
            JsonNode entry = entry(parts[0], parts[1], parts[2]);

            assertThat(entry.get("group").asText()).as(scale).isEqualTo("autoscaling");
            assertThat(entry.get("version").asText()).as(scale).isEqualTo("v1");
            assertThat(entry.get("kind").asText()).as(scale).isEqualTo("Scale");
            assertThat(entry.get("verbs").toString()).as(scale).isEqualTo("[\"get\",\"patch\",\"update\"]");
        }
    }

    @Test
    void podEvictionIsPolicyV1EvictionSoDrainEvicts() {
        JsonNode eviction = entry("", "v1", "pods/eviction");

        assertThat(eviction.get("group").asText()).isEqualTo("policy");
        assertThat(eviction.get("version").asText()).isEqualTo("v1");
        assertThat(eviction.get("kind").asText()).isEqualTo("Eviction");
        assertThat(eviction.get("verbs").toString()).isEqualTo("[\"create\"]");
    }

    @Test
    void otherPodAndNamespaceSubresources() {
        assertThat(entry("", "v1", "pods/binding").get("kind").asText()).isEqualTo("Binding");
        assertThat(entry("", "v1", "pods/log").get("verbs").toString()).isEqualTo("[\"get\"]");
        assertThat(entry("", "v1", "namespaces/finalize").get("verbs").toString()).isEqualTo("[\"update\"]");
        assertThat(entry("", "v1", "namespaces/finalize").get("namespaced").asBoolean()).isFalse();
    }

    @Test
    void coreListHasTheBindingsResourceOnlyThere() {
        JsonNode bindings = entry("", "v1", "bindings");

        assertThat(bindings.get("kind").asText()).isEqualTo("Binding");
        assertThat(bindings.get("namespaced").asBoolean()).isTrue();
        assertThat(bindings.get("verbs").toString()).isEqualTo("[\"create\"]");
        assertThat(names("apps", "v1")).doesNotContain("bindings");
    }

    @Test
    void resourcesAreSortedByNameWithSubresourcesAfterTheirParent() {
        List<String> names = names("apps", "v1");

        assertThat(names).containsExactly("deployments", "deployments/scale", "deployments/status",
                "replicasets", "replicasets/scale", "replicasets/status");
        assertThat(discovery.resources("apps", "v1").orElseThrow().get("groupVersion").asText()).isEqualTo("apps/v1");
        assertThat(discovery.resources("", "v1").orElseThrow().get("groupVersion").asText()).isEqualTo("v1");
    }

    @Test
    void unservedGroupVersionsHaveNoResourceList() {
        assertThat(discovery.resources("apps", "v1beta1")).isEmpty();
        assertThat(discovery.resources("policy", "v1")).isEmpty();
    }

    @Test
    void storageVersionHashMatchesKubernetes() {
        // Kubernetes publishes "xPOwRZ+Yhw8=" for core/v1 Pod: base64(sha256("/v1/Pod")[:8])
        assertThat(entry("", "v1", "pods").get("storageVersionHash").asText()).isEqualTo("xPOwRZ+Yhw8=");
    }

    private JsonNode entry(String group, String version, String name) {
        for (JsonNode resource : discovery.resources(group, version).orElseThrow().get("resources")) {
            if (resource.get("name").asText().equals(name)) {
                return resource;
            }
        }
        throw new AssertionError("no discovery entry " + name + " in " + group + "/" + version);
    }

    private List<String> names(String group, String version) {
        List<String> names = new ArrayList<>();
        discovery.resources(group, version).orElseThrow().get("resources").forEach(r -> names.add(r.get("name").asText()));
        return names;
    }
}
