package io.kube4j.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.common.api.meta.StatusException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the fuzz run (deploy FuzzIT) found: write options Kubernetes refuses and kube4j accepted. */
class WriteOptionsTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"Junk", "all", "All,Junk", "true"})
    void refusesDryRunValuesOtherThanAll(String value) {
        assertThatThrownBy(() -> WriteOptions.check("POST", Map.of("dryRun", value)::get))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage()).startsWith("CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value");
                });
        assertThatThrownBy(() -> WriteOptions.check("DELETE", Map.of("dryRun", value)::get)).isInstanceOf(StatusException.class);
    }

    @Test
    void acceptsAllAnAbsentDryRunAndIgnoresOptionsOnReads() {
        assertThatCode(() -> WriteOptions.check("PUT", Map.of("dryRun", "All", "fieldManager", "kubectl")::get)).doesNotThrowAnyException();
        assertThatCode(() -> WriteOptions.check("PATCH", Map.<String, String>of()::get)).doesNotThrowAnyException();
        assertThatCode(() -> WriteOptions.check("GET", Map.of("dryRun", "Junk")::get)).doesNotThrowAnyException();
        assertThatCode(() -> WriteOptions.check("DELETE", Map.of("fieldManager", "m".repeat(200))::get)).doesNotThrowAnyException();
    }

    @Test
    void limitsFieldManagerTo128PrintableBytes() {
        assertThat(WriteOptions.fieldManager("m".repeat(128))).isEmpty();
        assertThat(WriteOptions.fieldManager("m".repeat(129))).extracting(c -> c.reason()).containsExactly("FieldValueTooLong");
        assertThat(WriteOptions.fieldManager("é".repeat(65))).extracting(c -> c.reason()).containsExactly("FieldValueTooLong");
        assertThat(WriteOptions.fieldManager("kubectl client-side apply")).isEmpty();
        assertThat(WriteOptions.fieldManager("héllo-Ω")).isEmpty();
        for (String bad : new String[] {"a\tb", "a\nb", "a\u0000b", "a\u200bb", "a\u00a0b", "a\u007fb"}) {
            assertThat(WriteOptions.fieldManager(bad)).as(bad).extracting(c -> c.message()).containsExactly(
                    "Invalid value: \"" + bad + "\": invalid characters");
        }
        assertThatThrownBy(() -> WriteOptions.check("PATCH", Map.of("fieldManager", "x".repeat(200))::get))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Too long: may not be more than 128 bytes"));
    }
}
