package io.kube4j.apiserver.patch;

import static io.kube4j.apiserver.patch.Trees.assertNoDirectives;
import static io.kube4j.apiserver.patch.Trees.obj;
import static io.kube4j.apiserver.patch.Trees.strategic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.StatusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategicMergeTest {

    /** A pod with the given containers. */
    static String pod(String containers) {
        return "{'kind':'Pod','metadata':{'name':'p'},'spec':{'containers':" + containers + "}}";
    }

    static String containersPatch(String containers) {
        return "{'spec':{'containers':" + containers + "}}";
    }

    static ObjectNode patchPod(String containers, String patchContainers) {
        ObjectNode result = strategic(pod(containers), containersPatch(patchContainers), "Pod");
        assertNoDirectives(result);
        return result;
    }

    @Test
    void changesOneContainersImageKeepingTheOtherContainersAndItsOtherFields() {
        ObjectNode result = patchPod(
                "[{'name':'a','image':'a:1','ports':[{'containerPort':80}]},{'name':'b','image':'b:1'}]",
                "[{'name':'a','image':'a:2'}]");

        assertThat(result).isEqualTo(obj(pod(
                "[{'name':'a','image':'a:2','ports':[{'containerPort':80}]},{'name':'b','image':'b:1'}]")));
    }

    @Test
    void removesAnEnvVarWithPatchDeleteKeepingTheOthers() {
        ObjectNode result = patchPod(
                "[{'name':'a','env':[{'name':'A','value':'1'},{'name':'B','value':'2'},{'name':'C','value':'3'}]}]",
                "[{'name':'a','env':[{'$patch':'delete','name':'B'}]}]");

        assertThat(result.at("/spec/containers/0/env"))
                .isEqualTo(Trees.tree("[{'name':'A','value':'1'},{'name':'C','value':'3'}]"));
    }

    /** Which list, in which kind, merges on which key: the merged item keeps its stored fields. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            service ports by port | Service | {'spec':{'ports':[{'name':'http','port':80,'targetPort':8080},{'name':'https','port':443}]}} | {'spec':{'ports':[{'port':80,'targetPort':9090}]}} | {'spec':{'ports':[{'name':'http','port':80,'targetPort':9090},{'name':'https','port':443}]}}
            container ports by containerPort | Pod | {'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'},{'containerPort':81}]}]}} | {'spec':{'containers':[{'name':'a','ports':[{'containerPort':81,'protocol':'UDP'}]}]}} | {'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'},{'containerPort':81,'protocol':'UDP'}]}]}}
            conditions by type | Pod | {'status':{'conditions':[{'type':'Ready','status':'False'},{'type':'Initialized','status':'True'}]}} | {'status':{'conditions':[{'type':'Ready','status':'True'}]}} | {'status':{'conditions':[{'type':'Ready','status':'True'},{'type':'Initialized','status':'True'}]}}
            ownerReferences by uid | ReplicaSet | {'metadata':{'ownerReferences':[{'uid':'1','name':'a'},{'uid':'2','name':'b'}]}} | {'metadata':{'ownerReferences':[{'uid':'2','controller':true}]}} | {'metadata':{'ownerReferences':[{'uid':'1','name':'a'},{'uid':'2','name':'b','controller':true}]}}
            node addresses by type | Node | {'status':{'addresses':[{'type':'InternalIP','address':'10.0.0.1'},{'type':'Hostname','address':'n1'}]}} | {'status':{'addresses':[{'type':'InternalIP','address':'10.0.0.2'}]}} | {'status':{'addresses':[{'type':'InternalIP','address':'10.0.0.2'},{'type':'Hostname','address':'n1'}]}}
            volumeMounts by mountPath | Pod | {'spec':{'containers':[{'name':'a','volumeMounts':[{'name':'v','mountPath':'/a'},{'name':'w','mountPath':'/b'}]}]}} | {'spec':{'containers':[{'name':'a','volumeMounts':[{'mountPath':'/b','readOnly':true}]}]}} | {'spec':{'containers':[{'name':'a','volumeMounts':[{'name':'v','mountPath':'/a'},{'name':'w','mountPath':'/b','readOnly':true}]}]}}
            template volumes by name | Deployment | {'spec':{'template':{'spec':{'volumes':[{'name':'v','emptyDir':{}},{'name':'w','emptyDir':{}}]}}}} | {'spec':{'template':{'spec':{'volumes':[{'name':'w','emptyDir':{'medium':'Memory'}}]}}}} | {'spec':{'template':{'spec':{'volumes':[{'name':'v','emptyDir':{}},{'name':'w','emptyDir':{'medium':'Memory'}}]}}}}
            serviceaccount secrets by name | ServiceAccount | {'secrets':[{'name':'s1'},{'name':'s2'}]} | {'secrets':[{'name':'s2','namespace':'x'}]} | {'secrets':[{'name':'s1'},{'name':'s2','namespace':'x'}]}
            tolerations are replaced | Pod | {'spec':{'tolerations':[{'key':'a'},{'key':'b'}]}} | {'spec':{'tolerations':[{'key':'c'}]}} | {'spec':{'tolerations':[{'key':'c'}]}}
            args are replaced | Pod | {'spec':{'containers':[{'name':'a','args':['x','y']}]}} | {'spec':{'containers':[{'name':'a','args':['z']}]}} | {'spec':{'containers':[{'name':'a','args':['z']}]}}
            unknown lists are replaced | ConfigMap | {'data':{'k':'v'},'items':[{'name':'a'},{'name':'b'}]} | {'items':[{'name':'b','x':1}]} | {'data':{'k':'v'},'items':[{'name':'b','x':1}]}
            ports outside a Service are replaced | Endpoints | {'spec':{'ports':[{'port':80},{'port':81}]}} | {'spec':{'ports':[{'port':82}]}} | {'spec':{'ports':[{'port':82}]}}
            """)
    void mergesEachListOnItsMergeKeyOrReplacesIt(String list, String kind, String original, String patch, String expected) {
        ObjectNode result = strategic(original, patch, kind);

        assertThat(result).isEqualTo(obj(expected));
    }

    @Test
    void reordersAListToItsSetElementOrder() {
        ObjectNode reordered = strategic(pod("[{'name':'a'},{'name':'b'},{'name':'c'}]"),
                "{'spec':{'$setElementOrder/containers':[{'name':'c'},{'name':'a'},{'name':'b'}]}}", "Pod");

        assertThat(reordered.at("/spec/containers")).isEqualTo(Trees.tree("[{'name':'c'},{'name':'a'},{'name':'b'}]"));
        assertNoDirectives(reordered);
    }

    @Test
    void placesANewItemWhereSetElementOrderSays() {
        ObjectNode result = strategic(pod("[{'name':'a'},{'name':'b'}]"),
                "{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'n'},{'name':'b'}],"
                        + "'containers':[{'name':'n','image':'n:1'}]}}", "Pod");

        assertThat(result.at("/spec/containers"))
                .isEqualTo(Trees.tree("[{'name':'a'},{'name':'n','image':'n:1'},{'name':'b'}]"));
    }

    /** Kubernetes' mergeSortedSlice: server-only x (stored 1st) is taken before b (stored 2nd). */
    @Test
    void interleavesServerOnlyItemsByTheirStoredPositionsAsKubernetesDoes() {
        ObjectNode result = strategic(pod("[{'name':'a'},{'name':'x'},{'name':'b'}]"),
                "{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}]}}", "Pod");

        assertThat(result.at("/spec/containers")).isEqualTo(Trees.tree("[{'name':'x'},{'name':'b'},{'name':'a'}]"));
    }

    @Test
    void putsANewItemFirstWhenThePatchHasNoSetElementOrderAsKubernetesDoes() {
        ObjectNode result = patchPod("[{'name':'a'}]", "[{'name':'n'}]");

        assertThat(result.at("/spec/containers")).isEqualTo(Trees.tree("[{'name':'n'},{'name':'a'}]"));
    }

    @Test
    void keepsAStoredMergeListWhenThePatchSendsAnEmptyOne() {
        ObjectNode result = patchPod("[{'name':'a'}]", "[]");

        assertThat(result.at("/spec/containers")).isEqualTo(Trees.tree("[{'name':'a'}]"));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ['x','y']     | ['y','z']  | ['x','y','z']
            ['x','y']     | ['y']      | ['x','y']
            ['x']         | ['z']      | ['z','x']
            []            | ['a','b']  | ['a','b']
            """)
    void mergesFinalizersAsASetUnion(String stored, String patch, String expected) {
        ObjectNode result = strategic("{'metadata':{'finalizers':" + stored + "}}",
                "{'metadata':{'finalizers':" + patch + "}}", "Namespace");

        assertThat(result.at("/metadata/finalizers")).isEqualTo(Trees.tree(expected));
    }

    @Test
    void removesFinalizersListedInDeleteFromPrimitiveList() {
        ObjectNode result = strategic("{'metadata':{'finalizers':['x','y','z']}}",
                "{'metadata':{'$deleteFromPrimitiveList/finalizers':['y','absent']}}", "Pod");

        assertThat(result).isEqualTo(obj("{'metadata':{'finalizers':['x','z']}}"));
    }

    @Test
    void dropsStoredKeysMissingFromRetainKeys() {
        ObjectNode result = strategic(
                "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}",
                "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}", "Deployment");

        assertThat(result).isEqualTo(obj("{'spec':{'strategy':{'type':'Recreate'}}}"));
    }

    @Test
    void switchesAVolumeSourceWithRetainKeysInsideAMergedItem() {
        ObjectNode result = strategic(
                "{'spec':{'volumes':[{'name':'v','emptyDir':{}},{'name':'w','emptyDir':{}}]}}",
                "{'spec':{'volumes':[{'$retainKeys':['configMap','name'],'name':'v','configMap':{'name':'c'}}]}}", "Pod");

        assertThat(result).isEqualTo(
                obj("{'spec':{'volumes':[{'name':'v','configMap':{'name':'c'}},{'name':'w','emptyDir':{}}]}}"));
    }

    @Test
    void rejectsAPatchThatSetsAKeyMissingFromItsRetainKeys() {
        assertBadRequest("{'spec':{'strategy':{'type':'RollingUpdate'}}}",
                "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate','rollingUpdate':{}}}}",
                "missing from $retainKeys");
    }

    @Test
    void replacesAWholeMapWithPatchReplace() {
        ObjectNode result = strategic("{'metadata':{'labels':{'a':'1','b':'2'}}}",
                "{'metadata':{'labels':{'$patch':'replace','c':'3'}}}", "Pod");

        assertThat(result).isEqualTo(obj("{'metadata':{'labels':{'c':'3'}}}"));
    }

    @Test
    void replacesAWholeListWithPatchReplaceInAnItem() {
        ObjectNode result = patchPod("[{'name':'a','image':'a:1'},{'name':'b'}]",
                "[{'$patch':'replace'},{'name':'c','image':'c:1'}]");

        assertThat(result.at("/spec/containers")).isEqualTo(Trees.tree("[{'name':'c','image':'c:1'}]"));
    }

    @Test
    void deletesAMapWithPatchDelete() {
        ObjectNode result = strategic("{'spec':{'securityContext':{'runAsUser':1},'hostNetwork':true}}",
                "{'spec':{'securityContext':{'$patch':'delete'}}}", "Pod");

        assertThat(result).isEqualTo(obj("{'spec':{'hostNetwork':true}}"));
    }

    @Test
    void acceptsPatchMergeAsTheDefaultForMapsAndListItems() {
        ObjectNode result = strategic(pod("[{'name':'a','image':'a:1'}]"),
                "{'spec':{'$patch':'merge','containers':[{'$patch':'merge','name':'a','image':'a:2'},{'$patch':'merge'}]}}",
                "Pod");

        assertThat(result).isEqualTo(obj(pod("[{'name':'a','image':'a:2'}]")));
    }

    @Test
    void deletesALabelWithNull() {
        ObjectNode result = strategic("{'metadata':{'labels':{'a':'1','b':'2'}}}",
                "{'metadata':{'labels':{'a':null,'absent':null}}}", "Pod");

        assertThat(result).isEqualTo(obj("{'metadata':{'labels':{'b':'2'}}}"));
    }

    @Test
    void replacesAValueOfAnotherType() {
        ObjectNode result = strategic("{'data':'text','spec':{'x':[1]}}", "{'data':{'k':'v'},'spec':{'x':'y'}}", "Thing");

        assertThat(result).isEqualTo(obj("{'data':{'k':'v'},'spec':{'x':'y'}}"));
    }

    @Test
    void carriesOutDirectivesInsideValuesTheStoredObjectLacks() {
        ObjectNode result = strategic(pod("[{'name':'a'}]"),
                "{'spec':{'securityContext':{'$patch':'replace','runAsUser':1,'fsGroup':null},"
                        + "'$setElementOrder/volumes':[{'name':'v'}],"
                        + "'volumes':[{'$patch':'delete','name':'gone'},{'name':'v','$retainKeys':['name','emptyDir'],'emptyDir':{}}],"
                        + "'containers':[{'name':'a','env':[{'$patch':'delete','name':'X'},{'name':'Y','value':'1'}]}]}}",
                "Pod");

        assertNoDirectives(result);
        assertThat(result).isEqualTo(obj("{'kind':'Pod','metadata':{'name':'p'},'spec':{"
                + "'securityContext':{'runAsUser':1},'volumes':[{'name':'v','emptyDir':{}}],"
                + "'containers':[{'name':'a','env':[{'name':'Y','value':'1'}]}]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            unknown directive              | {'spec':{'$frob':1}}                                                     | unknown directive $frob
            unknown $patch                 | {'spec':{'$patch':'frob'}}                                               | unknown $patch directive
            unknown $patch in an item      | {'spec':{'containers':[{'$patch':'frob','name':'a'}]}}                   | unknown $patch directive
            item without merge key         | {'spec':{'containers':[{'image':'x'}]}}                                  | no merge key name
            delete without merge key       | {'spec':{'containers':[{'$patch':'delete'}]}}                            | no merge key name
            primitive in a merge list      | {'spec':{'containers':['a']}}                                            | must be objects
            delete in an atomic list       | {'spec':{'tolerations':[{'$patch':'delete','key':'a'}]}}                 | has none
            order misses a patched item    | {'spec':{'$setElementOrder/containers':[{'name':'a'}],'containers':[{'name':'b'}]}} | not in its $setElementOrder
            order is not a list            | {'spec':{'$setElementOrder/containers':{'name':'a'}}}                    | must be a list
            order names no list            | {'spec':{'$setElementOrder/':[]}}                                        | names no list
            objects in finalizers          | {'metadata':{'finalizers':[{'a':1}]}}                                    | primitive values
            delete the whole object        | {'$patch':'delete'}                                                      | cannot delete the whole object
            """)
    void rejectsMalformedDirectivesWith400(String why, String patch, String detail) {
        assertBadRequest(pod("[{'name':'a'}]"), patch, detail);
    }

    @Test
    void namesTheKindAndPathInItsErrors() {
        assertBadRequest(pod("[{'name':'a'}]"), "{'spec':{'containers':[{'name':'a','env':[{'value':'x'}]}]}}",
                "invalid strategic merge patch for Pod at spec.containers[*].env: an item of this list has no merge key name");
    }

    @Test
    void matchesMergeKeysByNumericValue() {
        ObjectNode result = strategic("{'spec':{'ports':[{'port':80,'name':'http'}]}}",
                "{'spec':{'ports':[{'port':80.0,'targetPort':8080}]}}", "Service");

        assertThat(result.at("/spec/ports")).hasSize(1);
        assertThat(result.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8080);
    }

    @Test
    void replacesTheWholeObjectWithATopLevelPatchReplace() {
        ObjectNode result = strategic("{'kind':'ConfigMap','data':{'a':'1'}}",
                "{'$patch':'replace','kind':'ConfigMap','data':{'b':'2'}}", "ConfigMap");

        assertThat(result).isEqualTo(obj("{'kind':'ConfigMap','data':{'b':'2'}}"));
    }

    static void assertBadRequest(String original, String patch, String detail) {
        assertThatThrownBy(() -> strategic(original, patch, "Pod"))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.getMessage()).contains(detail);
                });
    }
}
