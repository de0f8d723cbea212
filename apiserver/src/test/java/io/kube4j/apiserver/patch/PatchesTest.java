package io.kube4j.apiserver.patch;

import static io.kube4j.apiserver.patch.Trees.bytes;
import static io.kube4j.apiserver.patch.Trees.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PatchesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            application/json-patch+json                   | JSON
            application/merge-patch+json                  | MERGE
            application/strategic-merge-patch+json        | STRATEGIC
            application/apply-patch+yaml                  | APPLY
            application/merge-patch+json; charset=utf-8   | MERGE
            Application/Strategic-Merge-Patch+JSON        | STRATEGIC
            ' application/json-patch+json ;charset=UTF-8' | JSON
            """)
    void mapsEachPatchContentTypeToItsPatchTypeIgnoringParametersAndCase(String contentType, PatchType expected) {
        assertThat(Patches.type(contentType)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"application/json", "application/apply-patch+json", "application/yaml", "text/plain"})
    void rejectsEveryOtherContentTypeOfAPatchWith415(String contentType) {
        assertThatThrownBy(() -> Patches.type(contentType))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(415);
                    assertThat(e.reason()).isEqualTo("UnsupportedMediaType");
                    assertThat(e.getMessage()).startsWith("the body of the request was in an unknown format");
                });
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {";;;", "; charset=utf-8", "text/plain"})
    void refusesABodyWhoseContentTypeNamesNoKnownTypeWith415(String contentType) {
        // only a missing Content-Type is read as JSON; parameters without a type are not a missing one
        assertThatThrownBy(() -> Patches.parseBody("{\"metadata\":{\"name\":\"a\"}}".getBytes(StandardCharsets.UTF_8), contentType))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(415));
    }

    @ParameterizedTest
    @EnumSource(PatchType.class)
    void neverChangesTheOriginalWhateverThePatchType(PatchType type) {
        ObjectNode original = obj("{'kind':'Pod','metadata':{'name':'p','labels':{'a':'1'}},"
                + "'spec':{'containers':[{'name':'c','image':'i:1'}]}}");
        ObjectNode before = original.deepCopy();
        String patch = switch (type) {
            case JSON -> "[{'op':'replace','path':'/spec/containers/0/image','value':'i:2'},"
                    + "{'op':'remove','path':'/metadata/labels/a'}]";
            case MERGE, STRATEGIC, APPLY -> "{'metadata':{'labels':{'a':null}},"
                    + "'spec':{'containers':[{'name':'c','image':'i:2'}]}}";
        };

        ObjectNode patched = Patches.apply(type, original, bytes(patch), "Pod");

        assertThat(original).isEqualTo(before);
        assertThat(patched.at("/spec/containers/0/image").asText()).isEqualTo("i:2");
        assertThat(patched.at("/metadata/labels").size()).isZero();
    }

    @Test
    void appliesAYamlApplyPatchOverTheLiveObjectKeepingFieldsTheApplierOmits() {
        ObjectNode live = obj("{'kind':'Deployment','metadata':{'name':'web','uid':'u1'},"
                + "'spec':{'replicas':3,'template':{'spec':{'containers':[{'name':'app','image':'app:1',"
                + "'imagePullPolicy':'IfNotPresent'}]}}},'status':{'replicas':3}}");
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                      - name: app
                        image: app:2
                """;

        ObjectNode applied = Patches.apply(PatchType.APPLY, live, yaml.getBytes(StandardCharsets.UTF_8), "Deployment");

        assertThat(applied).isEqualTo(obj("{'apiVersion':'apps/v1','kind':'Deployment',"
                + "'metadata':{'name':'web','uid':'u1'},'spec':{'replicas':3,'template':{'spec':{'containers':"
                + "[{'name':'app','image':'app:2','imagePullPolicy':'IfNotPresent'}]}}},'status':{'replicas':3}}"));
    }

    @Test
    void appliesAnApplyPatchSentAsJsonToAnEmptyObjectToCreateIt() {
        ObjectNode created = Patches.apply(PatchType.APPLY, Json.object(),
                bytes("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'k':'v'}}"), "ConfigMap");

        assertThat(created).isEqualTo(obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'k':'v'}}"));
    }

    @Test
    void rejectsAnApplyPatchThatIsNotYamlOfAnObjectWith400() {
        assertThatThrownBy(() -> Patches.apply(PatchType.APPLY, Json.object(), bytes("- a\n- b\n"), "ConfigMap"))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("invalid apply patch: expected an object, got array");
                });
    }

    @ParameterizedTest(name = "[{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "none", textBlock = """
            {'kind':'Pod','metadata':{'name':'p'}}       | none
            {'kind':'Pod','metadata':{'name':'p'}}       | application/json
            {'kind':'Pod','metadata':{'name':'p'}}       | application/json; charset=utf-8
            "kind: Pod\\nmetadata:\\n  name: p\\n" | application/yaml
            {'kind': 'Pod', 'metadata': {'name': 'p'}}   | application/yaml
            "---\\nkind: Pod\\nmetadata: {name: p}\\n---\\n" | application/yaml
            """)
    void parsesPostAndPutBodiesAsJsonByDefaultAndAsTheFirstYamlDocumentWhenSaid(String body, String contentType) {
        ObjectNode parsed = Patches.parseBody(bytes(body.replace("\\n", "\n")), contentType);

        assertThat(parsed).isEqualTo(obj("{'kind':'Pod','metadata':{'name':'p'}}"));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'kind':                 | couldn't get version/kind; json parse error: Unexpected end-of-input
            {'kind':'Pod'} trailing  | couldn't get version/kind; json parse error: Unrecognized token 'trailing'
            ['kind']                 | couldn't get version/kind; json parse error: expected an object, got array
            null                     | couldn't get version/kind; json parse error: expected an object, got null
            ""                       | couldn't get version/kind; json parse error: unexpected end of input
            """)
    void rejectsAMalformedOrNonObjectJsonBodyWith400(String body, String messageStart) {
        assertThatThrownBy(() -> Patches.parseBody(bytes(body), "application/json"))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.getMessage()).startsWith(messageStart);
                });
    }

    @Test
    void rejectsMalformedYamlWith400() {
        assertThatThrownBy(() -> Patches.parseBody(bytes("kind: Pod\n  metadata: [\n"), "application/yaml"))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("error converting YAML to JSON: ");
                });
    }

    @Test
    void rejectsABodyInAnUnknownFormatWith415() {
        assertThatThrownBy(() -> Patches.parseBody(bytes("{}"), "application/x-msgpack"))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(415));
    }

    @Test
    void rejectsAProtobufBodyWithoutTheKubernetesMagicWith400() {
        assertThatThrownBy(() -> Patches.parseBody(bytes("{}"), "application/vnd.kubernetes.protobuf"))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void rejectsNestingDeeperThanTheSharedLimitWith400() {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 10) + "]".repeat(Json.MAX_NESTING_DEPTH + 10);
        assertThatThrownBy(() -> Patches.parseBody(bytes("{'a':" + deep + "}"), null))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
