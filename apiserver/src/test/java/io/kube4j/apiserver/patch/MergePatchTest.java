package io.kube4j.apiserver.patch;

import static io.kube4j.apiserver.patch.Trees.bytes;
import static io.kube4j.apiserver.patch.Trees.obj;
import static io.kube4j.apiserver.patch.Trees.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.common.api.meta.StatusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MergePatchTest {

    /** RFC 7386 Appendix A, every example, through the RFC's MergePatch(Target, Patch). */
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'a':'b'}             | {'a':'c'}                   | {'a':'c'}
            {'a':'b'}             | {'b':'c'}                   | {'a':'b','b':'c'}
            {'a':'b'}             | {'a':null}                  | {}
            {'a':'b','b':'c'}     | {'a':null}                  | {'b':'c'}
            {'a':['b']}           | {'a':'c'}                   | {'a':'c'}
            {'a':'c'}             | {'a':['b']}                 | {'a':['b']}
            {'a':{'b':'c'}}       | {'a':{'b':'d','c':null}}    | {'a':{'b':'d'}}
            {'a':[{'b':'c'}]}     | {'a':[1]}                   | {'a':[1]}
            ['a','b']             | ['c','d']                   | ['c','d']
            {'a':'b'}             | ['c']                       | ['c']
            {'a':'foo'}           | null                        | null
            {'a':'foo'}           | 'bar'                       | 'bar'
            {'e':null}            | {'a':1}                     | {'e':null,'a':1}
            [1,2]                 | {'a':'b','c':null}          | {'a':'b'}
            {}                    | {'a':{'bb':{'ccc':null}}}   | {'a':{'bb':{}}}
            """)
    void followsEveryExampleOfRfc7386(String target, String patch, String expected) {
        assertThat(MergePatch.merge(tree(target).deepCopy(), tree(patch))).isEqualTo(tree(expected));
    }

    @Test
    void replacesListsWholeAndMergesNestedObjects() {
        var patched = Patches.apply(PatchType.MERGE,
                obj("{'metadata':{'labels':{'a':'1','b':'2'}},'spec':{'replicas':1,'containers':[{'name':'x'},{'name':'y'}]}}"),
                bytes("{'metadata':{'labels':{'b':null,'c':'3'}},'spec':{'replicas':3,'containers':[{'name':'z'}]}}"),
                "Deployment");

        assertThat(patched).isEqualTo(
                obj("{'metadata':{'labels':{'a':'1','c':'3'}},'spec':{'replicas':3,'containers':[{'name':'z'}]}}"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"['c']", "null", "'bar'", "3"})
    void rejectsAMergePatchThatWouldReplaceTheWholeObjectWith400(String patch) {
        assertThatThrownBy(() -> Patches.apply(PatchType.MERGE, obj("{'a':'b'}"), bytes(patch), "ConfigMap"))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("a merge patch must be a JSON object");
                });
    }

    @Test
    void rejectsAMalformedMergePatchWith400() {
        assertThatThrownBy(() -> Patches.apply(PatchType.MERGE, obj("{'a':'b'}"), bytes("{'a':"), "ConfigMap"))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("invalid merge patch: ");
                });
    }
}
