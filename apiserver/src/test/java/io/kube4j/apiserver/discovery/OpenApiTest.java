package io.kube4j.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.registry.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiTest {

    private static final ResourceTypes TYPES = ResourceTypes.standard();
    private final OpenApi openApi = new OpenApi(TYPES);

    @Test
    void rootListsEveryGroupVersionWithItsHashedUrl() {
        ObjectNode root = openApi.root();

        List<String> paths = new ArrayList<>();
        root.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactly("api/v1", "apis/apps/v1", "apis/batch/v1",
                "apis/coordination.k8s.io/v1", "apis/rbac.authorization.k8s.io/v1", "apis/authorization.k8s.io/v1",
                "apis/authentication.k8s.io/v1");
        assertThat(root.at("/paths/apis~1apps~1v1/serverRelativeURL").asText())
                .isEqualTo("/openapi/v3/apis/apps/v1?hash=" + openApi.hash("apis/apps/v1"));
    }

    @Test
    void podPatchDeclaresFieldValidationAndItsGroupVersionKind() {
        JsonNode patch = openApi.document("api/v1").orElseThrow()
                .at("/paths/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}/patch");

        assertThat(patch.get("x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"}");
        assertThat(patch.get("parameters").findValuesAsText("name"))
                .containsExactly("dryRun", "fieldManager", "fieldValidation", "force");
        JsonNode fieldValidation = patch.get("parameters").get(2);
        assertThat(fieldValidation.get("in").asText()).isEqualTo("query");
        assertThat(fieldValidation.get("schema").toString()).isEqualTo("{\"type\":\"string\",\"uniqueItems\":true}");
        List<String> contentTypes = new ArrayList<>();
        patch.at("/requestBody/content").fieldNames().forEachRemaining(contentTypes::add);
        // no strategic-merge-patch+json: it would make kubectl apply derive patches from the stub schemas
        assertThat(contentTypes).containsExactlyInAnyOrder("application/json-patch+json", "application/merge-patch+json",
                "application/apply-patch+yaml");
        assertThat(patch.at("/requestBody/content/application~1merge-patch+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
        assertThat(patch.at("/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.core.v1.Pod");
    }

    @Test
    void everyKindHasObjectOperationsACollectionPostAndASchema() {
        for (ResourceType type : TYPES.all()) {
            String gvPath = OpenApi.path(type.group(), type.version());
            JsonNode document = openApi.document(gvPath).orElseThrow();
            String collection = "/" + gvPath + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
            JsonNode item = document.get("paths").get(collection + "/{name}");

            assertThat(item).as(collection).isNotNull();
            for (String verb : List.of("get", "put", "delete", "patch")) {
                assertThat(item.at("/" + verb + "/x-kubernetes-group-version-kind/kind").asText()).as(collection + " " + verb)
                        .isEqualTo(type.kind());
            }
            JsonNode post = document.get("paths").get(collection).get("post");
            assertThat(post.get("parameters").findValuesAsText("name")).as(collection).contains("fieldValidation");
            assertThat(post.at("/x-kubernetes-group-version-kind/kind").asText()).isEqualTo(type.kind());
            String schemaName = item.at("/patch/responses/200/content/application~1json/schema/$ref").asText()
                    .substring("#/components/schemas/".length());
            JsonNode schema = document.at("/components/schemas").get(schemaName);
            assertThat(schema).as(schemaName).isNotNull();
            assertThat(schema.get("x-kubernetes-group-version-kind").toString()).isEqualTo("[{\"group\":\"" + type.group()
                    + "\",\"version\":\"" + type.version() + "\",\"kind\":\"" + type.kind() + "\"}]");
        }
    }

    @Test
    void schemasAreNamedLikeKubernetesAndStayPermissive() {
        JsonNode schemas = openApi.document("apis/rbac.authorization.k8s.io/v1").orElseThrow().at("/components/schemas");

        assertThat(schemas.has("io.k8s.api.rbac.v1.ClusterRoleBinding")).isTrue();
        assertThat(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.Patch")).isTrue();
        assertThat(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")).isTrue();
        assertThat(schemas.findValues("required")).isEmpty();
        assertThat(schemas.findValues("additionalProperties")).isEmpty();
        assertThat(schemas.at("/io.k8s.api.rbac.v1.Role/properties/metadata/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    }

    @Test
    void documentIsOpenApi3WithKubernetesInfo() {
        JsonNode document = openApi.document("apis/apps/v1").orElseThrow();

        assertThat(document.get("openapi").asText()).isEqualTo("3.0.0");
        assertThat(document.at("/info/title").asText()).isEqualTo("Kubernetes");
        assertThat(document.at("/info/version").asText()).isEqualTo("v1.32.0");
        assertThat(openApi.document("apis/policy/v1")).isEmpty();
    }

    @Test
    void hashIsStableAndChangesWithTheDocument() {
        List<ResourceType> withoutLeases = TYPES.all().stream().filter(t -> !t.plural().equals("leases")).toList();
        List<ResourceType> withoutReplicaSets = TYPES.all().stream()
                .filter(t -> !(t.group().equals("apps") && t.plural().equals("replicasets"))).toList();

        assertThat(new OpenApi(ResourceTypes.standard()).hash("api/v1")).isEqualTo(openApi.hash("api/v1"));
        assertThat(openApi.hash("api/v1")).hasSize(64).isNotEqualTo(openApi.hash("apis/apps/v1"));
        assertThat(new OpenApi(ResourceTypes.of(withoutLeases)).hash("api/v1")).isEqualTo(openApi.hash("api/v1"));
        assertThat(new OpenApi(ResourceTypes.of(withoutReplicaSets)).hash("apis/apps/v1")).isNotEqualTo(openApi.hash("apis/apps/v1"));
        assertThatThrownBy(() -> openApi.hash("apis/policy/v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apis/policy/v1");
    }

    @Test
    void documentsAreFreshCopies() {
        openApi.document("api/v1").orElseThrow().remove("paths");

        assertThat(openApi.document("api/v1").orElseThrow().has("paths")).isTrue();
    }
}
