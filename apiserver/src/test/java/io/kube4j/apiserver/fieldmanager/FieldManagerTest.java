package io.kube4j.apiserver.fieldmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.patch.Patches;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldManagerTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    static final BinaryOperator<ObjectNode> MERGE = (live, config) -> Patches.mergeApplied(live, config, "ConfigMap");
    static final BinaryOperator<ObjectNode> POD_MERGE = (live, config) -> Patches.mergeApplied(live, config, "Pod");

    final FieldManager manager = new FieldManager(CLOCK);

    static ObjectNode json(String text) {
        return (ObjectNode) Json.parse(text.replace('\'', '"'));
    }

    static ObjectNode configMap(String data) {
        return json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cm','namespace':'ns'},'data':" + data + "}");
    }

    static JsonNode entries(ObjectNode object) {
        return object.path("metadata").path("managedFields");
    }

    @Test
    void aPodsFieldSetNamesContainersByKeyFinalizersByValueAndSkipsServerMetadata() {
        ObjectNode pod = json("""
                {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'ns','uid':'u','labels':{'app':'web'},
                 'finalizers':['x']},
                 'spec':{'containers':[{'name':'main','image':'nginx','ports':[{'containerPort':80}],'args':['a','b']}]},
                 'status':{'phase':'Running'}}""");

        FieldSet set = new ObjectFields("Pod").of(pod);

        assertThat(set.toFieldsV1()).isEqualTo(json("""
                {'f:metadata':{'f:finalizers':{'v:\\'x\\'':{}},'f:labels':{'f:app':{}}},
                 'f:spec':{'f:containers':{'k:{\\'name\\':\\'main\\'}':{'.':{},'f:args':{},'f:image':{},'f:name':{},
                   'f:ports':{'k:{\\'containerPort\\':80}':{'.':{},'f:containerPort':{}}}}}}}""".replace("\\'", "\\\"")));
        assertThat(FieldSet.fromFieldsV1(set.toFieldsV1())).isEqualTo(set);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            f:spec,f:replicas                                   | .spec.replicas
            f:spec,f:containers,k:{"name":"main"},f:image        | .spec.containers[name="main"].image
            f:metadata,f:finalizers,v:"x"                      | .metadata.finalizers[="x"]
            """)
    void pathsAreDescribedAsKubernetesPrintsThem(String path, String text) {
        assertThat(FieldSet.describe(List.of(path.split(",(?=[fkv]:)")))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            kubectl/v1.32.0 (linux/amd64) kubernetes/abc | kubectl
            fabric8-kubernetes-client/7.3.1              | fabric8-kubernetes-client
            ''                                           | unknown
            """)
    void theDefaultManagerIsTheUserAgentUpToItsFirstSlash(String userAgent, String expected) {
        assertThat(FieldManager.defaultManager(userAgent)).isEqualTo(expected);
    }

    @Test
    void anApplyThatCreatesOwnsExactlyItsConfiguration() {
        ObjectNode created = manager.apply(null, configMap("{'a':'1','b':'2'}"), "alice", false, "ConfigMap", "v1", MERGE);

        assertThat(created.path("data")).isEqualTo(json("{'a':'1','b':'2'}"));
        assertThat(entries(created)).isEqualTo(Json.parse("""
                [{"manager":"alice","operation":"Apply","apiVersion":"v1","time":"2026-11-25T10:00:00Z",
                  "fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{},"f:b":{}}}}]"""));
    }

    @Test
    void applyingTheSameConfigurationTwiceChangesNothing() {
        ObjectNode first = manager.apply(null, configMap("{'a':'1'}"), "alice", false, "ConfigMap", "v1", MERGE);
        FieldManager later = new FieldManager(Clock.offset(CLOCK, java.time.Duration.ofHours(1)));

        ObjectNode second = later.apply(first, configMap("{'a':'1'}"), "alice", false, "ConfigMap", "v1", MERGE);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void anotherManagerChangingAnOwnedFieldConflictsNamingFieldAndOwner() {
        ObjectNode live = manager.apply(null, configMap("{'a':'1','b':'2'}"), "alice", false, "ConfigMap", "v1", MERGE);

        assertThatThrownBy(() -> manager.apply(live, configMap("{'a':'9'}"), "bob", false, "ConfigMap", "v1", MERGE))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("Conflict");
                    assertThat(e.status().message()).isEqualTo("Apply failed with 1 conflict: conflict with \"alice\" using v1: .data.a");
                    assertThat(e.status().causes()).singleElement().satisfies(c -> {
                        assertThat(c.reason()).isEqualTo("FieldManagerConflict");
                        assertThat(c.field()).isEqualTo(".data.a");
                    });
                });
    }

    @Test
    void severalConflictsAreListedUnderTheirManager() {
        ObjectNode live = manager.apply(null, configMap("{'a':'1','b':'2'}"), "alice", false, "ConfigMap", "v1", MERGE);

        assertThatThrownBy(() -> manager.apply(live, configMap("{'a':'8','b':'9'}"), "bob", false, "ConfigMap", "v1", MERGE))
                .hasMessage("Apply failed with 2 conflicts: conflicts with \"alice\" using v1:\n- .data.a\n- .data.b");
    }

    @Test
    void applyingTheSameValueSharesOwnershipWithoutConflict() {
        ObjectNode live = manager.apply(null, configMap("{'a':'1','b':'2'}"), "alice", false, "ConfigMap", "v1", MERGE);

        ObjectNode shared = manager.apply(live, configMap("{'a':'1'}"), "bob", false, "ConfigMap", "v1", MERGE);

        assertThat(entries(shared)).extracting(e -> e.path("manager").asText() + " " + e.path("fieldsV1"))
                .containsExactly("bob {\"f:data\":{\"f:a\":{}}}", "alice {\"f:data\":{\"f:a\":{},\"f:b\":{}}}");
    }

    @Test
    void forceTakesTheFieldOverFromItsOwner() {
        ObjectNode live = manager.apply(null, configMap("{'a':'1','b':'2'}"), "alice", false, "ConfigMap", "v1", MERGE);

        ObjectNode forced = manager.apply(live, configMap("{'a':'9'}"), "bob", true, "ConfigMap", "v1", MERGE);

        assertThat(forced.path("data")).isEqualTo(json("{'a':'9','b':'2'}"));
        assertThat(entries(forced)).extracting(e -> e.path("manager").asText() + " " + e.path("fieldsV1"))
                .containsExactly("bob {\"f:data\":{\"f:a\":{}}}", "alice {\"f:data\":{\"f:b\":{}}}");
    }

    @Test
    void aFieldTheApplierStopsSettingIsRemovedUnlessSomeoneElseOwnsIt() {
        ObjectNode live = manager.apply(null, configMap("{'a':'1','b':'2','c':'3'}"), "alice", false, "ConfigMap", "v1", MERGE);
        live = manager.apply(live, configMap("{'c':'3'}"), "bob", false, "ConfigMap", "v1", MERGE);

        ObjectNode applied = manager.apply(live, configMap("{'a':'1'}"), "alice", false, "ConfigMap", "v1", MERGE);

        // b was only alice's: gone; c is bob's too: kept
        assertThat(applied.path("data")).isEqualTo(json("{'a':'1','c':'3'}"));
    }

    @Test
    void aContainerRemovedFromTheConfigurationLeavesTheList() {
        String two = "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':["
                + "{'name':'a','image':'x'},{'name':'b','image':'y'}]}}";
        ObjectNode live = manager.apply(null, json(two), "alice", false, "Pod", "v1", POD_MERGE);

        ObjectNode applied = manager.apply(live, json(two.replace(",{'name':'b','image':'y'}", "")), "alice", false,
                "Pod", "v1", POD_MERGE);

        assertThat(applied.path("spec").path("containers")).isEqualTo(Json.parse("[{\"name\":\"a\",\"image\":\"x\"}]"));
    }

    @Test
    void aListEmptiedByTheApplierGoesToo() {
        String withEnv = "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':["
                + "{'name':'a','image':'x','env':[{'name':'E','value':'1'}]}]}}";
        ObjectNode live = manager.apply(null, json(withEnv), "alice", false, "Pod", "v1", POD_MERGE);

        ObjectNode applied = manager.apply(live, json(withEnv.replace(",'env':[{'name':'E','value':'1'}]", "")), "alice",
                false, "Pod", "v1", POD_MERGE);

        assertThat(applied.path("spec").path("containers")).isEqualTo(Json.parse("[{\"name\":\"a\",\"image\":\"x\"}]"));
    }

    @Test
    void anUpdateOwnsWhatItChangedAndTakesItFromOthers() {
        ObjectNode live = manager.apply(null, configMap("{'a':'1','b':'2'}"), "alice", false, "ConfigMap", "v1", MERGE);
        ObjectNode edited = live.deepCopy();
        ((ObjectNode) edited.get("data")).put("a", "5").put("z", "new");

        ObjectNode recorded = manager.recordUpdate(live, edited, "kubectl-edit", "ConfigMap", "v1");

        assertThat(entries(recorded)).extracting(e -> e.path("manager").asText() + " " + e.path("operation").asText()
                        + " " + e.path("fieldsV1"))
                .containsExactly("alice Apply {\"f:data\":{\"f:b\":{}}}",
                        "kubectl-edit Update {\"f:data\":{\"f:a\":{},\"f:z\":{}}}");
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheManagedFields() {
        ObjectNode live = manager.apply(null, configMap("{'a':'1'}"), "alice", false, "ConfigMap", "v1", MERGE);

        ObjectNode recorded = manager.recordUpdate(live, live.deepCopy(), "other", "ConfigMap", "v1");

        assertThat(entries(recorded)).isEqualTo(entries(live));
    }

    @Test
    void aStatusWriteIsRecordedForTheStatusSubresourceOnly() {
        ObjectNode live = manager.recordUpdate(null, json("{'kind':'Pod','metadata':{'name':'p'},'spec':{'nodeName':'n1'}}"),
                "kubectl-create", "Pod", "v1");
        ObjectNode written = live.deepCopy();
        written.set("status", json("{'phase':'Running','conditions':[{'type':'Ready','status':'True'}]}"));

        ObjectNode recorded = manager.recordStatusUpdate(live, written, "kubelet", "Pod", "v1");

        assertThat(entries(recorded)).hasSize(2);
        assertThat(entries(recorded).get(0).path("manager").asText()).isEqualTo("kubectl-create");
        assertThat(entries(recorded).get(1)).isEqualTo(Json.parse("""
                {"manager":"kubelet","operation":"Update","apiVersion":"v1","time":"2026-11-25T10:00:00Z",
                 "fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:conditions":{"k:{\\"type\\":\\"Ready\\"}":
                 {".":{},"f:status":{},"f:type":{}}},"f:phase":{}}},"subresource":"status"}"""));
    }

    @Test
    void anUpdateMaySetTheManagedFieldsOutright() {
        ObjectNode live = manager.apply(null, configMap("{'a':'1'}"), "alice", false, "ConfigMap", "v1", MERGE);
        ObjectNode sent = live.deepCopy();
        ((ObjectNode) sent.get("metadata")).set("managedFields", Json.parse(
                "[{\"manager\":\"carol\",\"operation\":\"Update\",\"apiVersion\":\"v1\",\"fieldsType\":\"FieldsV1\","
                        + "\"fieldsV1\":{\"f:data\":{\"f:a\":{}}}}]"));

        ObjectNode recorded = manager.recordUpdate(live, sent, "dave", "ConfigMap", "v1");

        assertThat(entries(recorded)).extracting(e -> e.path("manager").asText()).containsExactly("carol");
    }

    @Test
    void anEmptyManagedFieldsListClearsThem() {
        ObjectNode live = manager.apply(null, configMap("{'a':'1'}"), "alice", false, "ConfigMap", "v1", MERGE);
        ObjectNode sent = live.deepCopy();
        ((ObjectNode) sent.get("metadata")).putArray("managedFields");

        ObjectNode recorded = manager.recordUpdate(live, sent, "dave", "ConfigMap", "v1");

        assertThat(recorded.path("metadata").has("managedFields")).isFalse();
    }

    @Test
    void fieldsAClientSideApplyConfiguredPassToTheServerSideApplierWithoutConflict() {
        ObjectNode csa = configMap("{'a':'1','b':'2'}");
        ((ObjectNode) csa.get("metadata")).putObject("annotations")
                .put("kubectl.kubernetes.io/last-applied-configuration", "{\"data\":{\"a\":\"1\"}}");
        ObjectNode live = manager.recordUpdate(null, csa, "kubectl-client-side-apply", "ConfigMap", "v1");

        ObjectNode applied = manager.apply(live, configMap("{'a':'9'}"), "kubectl", false, "ConfigMap", "v1", MERGE);

        assertThat(applied.path("data").path("a").asText()).isEqualTo("9");
        assertThatThrownBy(() -> manager.apply(live, configMap("{'b':'9'}"), "kubectl", false, "ConfigMap", "v1", MERGE))
                .as("b was never in the client-side configuration").hasMessageContaining(".data.b");
    }

    @Test
    void aCreateOwnsEveryFieldSent() {
        ObjectNode created = manager.recordUpdate(null, configMap("{'a':'1'}"), "kubectl-create", "ConfigMap", "v1");

        assertThat(entries(created).get(0).path("fieldsV1")).isEqualTo(json("{'f:data':{'f:a':{}}}"));
        assertThat(entries(created).get(0).path("operation").asText()).isEqualTo("Update");
    }
}
