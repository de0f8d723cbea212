package io.kube4j.apiserver.patch;

import static io.kube4j.apiserver.patch.Trees.bytes;
import static io.kube4j.apiserver.patch.Trees.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.StatusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPatchesTest {

    static final String POD = "{'kind':'Pod','metadata':{'name':'p','labels':{'a':'1'}},"
            + "'spec':{'containers':[{'name':'c','image':'i:1'}]}}";

    static ObjectNode patch(String operations) {
        return Patches.apply(PatchType.JSON, obj(POD), bytes(operations), "Pod");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            add       | [{'op':'add','path':'/metadata/labels/b','value':'2'}]                    | /metadata/labels        | {'a':'1','b':'2'}
            add to -  | [{'op':'add','path':'/spec/containers/-','value':{'name':'d'}}]          | /spec/containers        | [{'name':'c','image':'i:1'},{'name':'d'}]
            remove    | [{'op':'remove','path':'/metadata/labels/a'}]                             | /metadata/labels        | {}
            replace   | [{'op':'replace','path':'/spec/containers/0/image','value':'i:2'}]        | /spec/containers/0      | {'name':'c','image':'i:2'}
            move      | [{'op':'move','from':'/metadata/labels/a','path':'/metadata/labels/z'}]   | /metadata/labels        | {'z':'1'}
            copy      | [{'op':'copy','from':'/spec/containers/0','path':'/spec/containers/1'}]   | /spec/containers        | [{'name':'c','image':'i:1'},{'name':'c','image':'i:1'}]
            test+set  | [{'op':'test','path':'/metadata/name','value':'p'},{'op':'replace','path':'/metadata/name','value':'q'}] | /metadata/name | 'q'
            """)
    void appliesEachOperationOfRfc6902(String operation, String operations, String pointer, String expected) {
        assertThat(patch(operations).at(pointer)).isEqualTo(Trees.tree(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            failed test        | [{'op':'test','path':'/metadata/name','value':'other'}]
            test missing path  | [{'op':'test','path':'/spec/nodeName','value':'n'}]
            replace missing    | [{'op':'replace','path':'/spec/nodeName','value':'n'}]
            remove missing     | [{'op':'remove','path':'/metadata/labels/zz'}]
            add missing parent | [{'op':'add','path':'/status/phase','value':'Running'}]
            index out of range | [{'op':'remove','path':'/spec/containers/5'}]
            field on an array  | [{'op':'add','path':'/spec/containers/x','value':1}]
            root to non-object | [{'op':'replace','path':'','value':[1]}]
            """)
    void rejectsAWellFormedPatchThatDoesNotApplyWith422Invalid(String why, String operations) {
        assertThatThrownBy(() -> patch(operations))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.getMessage())
                            .startsWith("the server rejected our request due to an error in our request: json patch");
                    assertThat(e.status().causes()).singleElement()
                            .satisfies(cause -> assertThat(cause.reason()).isEqualTo("UnexpectedServerResponse"));
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            bad json           | [{'op':'add',
            an object          | {'op':'add','path':'/a','value':1}
            not an operation   | [1]
            no op              | [{'path':'/a'}]
            unknown op         | [{'op':'frob','path':'/a'}]
            no value           | [{'op':'add','path':'/a'}]
            no leading slash   | [{'op':'add','path':'a','value':1}]
            empty body         | ""
            """)
    void rejectsAMalformedPatchWith400(String why, String operations) {
        assertThatThrownBy(() -> patch(operations))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                });
    }

    @Test
    void rejectsMoreOperationsThanKubernetesAllowsWith413() {
        String operations = "[" + "{'op':'test','path':'/kind','value':'Pod'},".repeat(JsonPatches.MAX_OPERATIONS)
                + "{'op':'test','path':'/kind','value':'Pod'}]";

        assertThatThrownBy(() -> patch(operations))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(413));
    }
}
