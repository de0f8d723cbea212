package io.kube4j.apiserver.patch;

import static io.kube4j.apiserver.patch.Trees.assertNoDirectives;
import static io.kube4j.apiserver.patch.Trees.bytes;
import static io.kube4j.apiserver.patch.Trees.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The strategic merge patches kubectl's client-side apply sends for a Deployment edited step by
 * step (written as kubectl v1.32 computes them), applied to the stored object in turn. Fields
 * the server filled in (imagePullPolicy, status) must survive every step.
 */
class KubectlApplySequenceTest {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    static final String CREATED = """
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'web','namespace':'default','uid':'u1','resourceVersion':'1',
                         'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v0'}},
             'spec':{'replicas':2,'selector':{'matchLabels':{'app':'web'}},
                     'template':{'metadata':{'labels':{'app':'web'}},
                                 'spec':{'containers':[
                                    {'name':'app','image':'app:1','imagePullPolicy':'IfNotPresent',
                                     'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],
                                     'ports':[{'containerPort':80,'protocol':'TCP'},
                                              {'containerPort':9090,'name':'metrics','protocol':'TCP'}]},
                                    {'name':'sidecar','image':'side:1','imagePullPolicy':'IfNotPresent'}]}}},
             'status':{'replicas':2,'conditions':[{'type':'Available','status':'True'}]}}
            """;

    static final String[] PATCHES = {
        // 1. image of app changed
        """
        {'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v1'}},
         'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'app'},{'name':'sidecar'}],
                                     'containers':[{'image':'app:2','name':'app'}]}}}}
        """,
        // 2. sidecar removed from the file
        """
        {'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v2'}},
         'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'app'}],
                                     'containers':[{'$patch':'delete','name':'sidecar'}]}}}}
        """,
        // 3. env var B removed
        """
        {'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v3'}},
         'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'app'}],
                                     'containers':[{'$setElementOrder/env':[{'name':'A'}],
                                                    'env':[{'$patch':'delete','name':'B'}],'name':'app'}]}}}}
        """,
        // 4. metrics port removed
        """
        {'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v4'}},
         'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'app'}],
                                     'containers':[{'$setElementOrder/ports':[{'containerPort':80}],'name':'app',
                                                    'ports':[{'$patch':'delete','containerPort':9090}]}]}}}}
        """,
    };

    static final String FINAL = """
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'web','namespace':'default','uid':'u1','resourceVersion':'1',
                         'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v4'}},
             'spec':{'replicas':2,'selector':{'matchLabels':{'app':'web'}},
                     'template':{'metadata':{'labels':{'app':'web'}},
                                 'spec':{'containers':[
                                    {'name':'app','image':'app:2','imagePullPolicy':'IfNotPresent',
                                     'env':[{'name':'A','value':'1'}],
                                     'ports':[{'containerPort':80,'protocol':'TCP'}]}]}}},
             'status':{'replicas':2,'conditions':[{'type':'Available','status':'True'}]}}
            """;

    @Test
    void createChangeImageRemoveContainerRemoveEnvVarRemovePortEndsInTheAppliedObject() {
        ObjectNode live = obj(CREATED);
        for (String patch : PATCHES) {
            live = Patches.apply(Patches.type("application/strategic-merge-patch+json"), live, bytes(patch), "Deployment");
            assertNoDirectives(live);
        }

        assertThat(live).isEqualTo(obj(FINAL));
        assertThat(live.at("/metadata/annotations").get(LAST_APPLIED).asText()).isEqualTo("v4");
    }

    @Test
    void addsAContainerBetweenTwoAsTheFileOrdersThem() {
        ObjectNode live = obj(CREATED);
        String patch = """
                {'spec':{'template':{'spec':{
                    '$setElementOrder/containers':[{'name':'app'},{'name':'proxy'},{'name':'sidecar'}],
                    'containers':[{'name':'proxy','image':'proxy:1'}]}}}}
                """;

        ObjectNode result = Patches.apply(PatchType.STRATEGIC, live, bytes(patch), "Deployment");

        assertThat(result.at("/spec/template/spec/containers").valueStream().map(c -> c.get("name").asText()))
                .containsExactly("app", "proxy", "sidecar");
        assertThat(result.at("/spec/template/spec/containers/0/env")).hasSize(2);
    }
}
