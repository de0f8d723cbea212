package io.kube4j.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.registry.Strategy.NameRule;
import io.kube4j.common.api.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the fuzz run (deploy FuzzIT) found: metadata of the wrong JSON type and over-long generateName prefixes. */
class MetaValidationTest {

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
            "{\"name\":123}|metadata.name", "{\"name\":[\"a\"]}|metadata.name", "{\"name\":\"a\",\"generateName\":123}|metadata.generateName",
            "{\"name\":\"a\",\"finalizers\":\"x\"}|metadata.finalizers", "{\"name\":\"a\",\"finalizers\":[1]}|metadata.finalizers",
            "{\"name\":\"a\",\"uid\":{}}|metadata.uid", "{\"name\":\"a\",\"creationTimestamp\":12}|metadata.creationTimestamp",
            "{\"name\":\"a\",\"ownerReferences\":\"x\"}|metadata.ownerReferences", "{\"name\":\"a\",\"generation\":\"1\"}|metadata.generation",
            "{\"name\":\"a\",\"deletionGracePeriodSeconds\":1.5}|metadata.deletionGracePeriodSeconds",
            "{\"name\":\"a\",\"labels\":\"a=b\"}|metadata.labels", "{\"name\":\"a\",\"labels\":{\"a\":7}}|metadata.labels.a",
            "{\"name\":\"a\",\"annotations\":[\"a\"]}|metadata.annotations"})
    void refusesMetadataFieldsOfTheWrongType(String meta, String field) {
        assertThat(MetaValidation.validate(Json.parse(meta), NameRule.SUBDOMAIN)).extracting(c -> c.field()).containsExactly(field);
    }

    @Test
    void acceptsWellTypedMetadataAndNullsAsAbsent() {
        JsonNode meta = Json.parse("{\"name\":\"a\",\"generateName\":\"a-\",\"uid\":\"u\",\"resourceVersion\":\"5\",\"generation\":2,"
                + "\"creationTimestamp\":null,\"finalizers\":[\"x/y\"],\"ownerReferences\":[{\"name\":\"o\"}],\"managedFields\":null,"
                + "\"labels\":{\"a\":\"b\"},\"annotations\":{\"c\":\"d\"},\"deletionGracePeriodSeconds\":30}");
        assertThat(MetaValidation.validate(meta, NameRule.SUBDOMAIN)).isEmpty();
    }

    @Test
    void checksTheGenerateNamePrefixLikeANameWithItsTrailingDashMasked() {
        assertThat(MetaValidation.generateName("cfg-", NameRule.SUBDOMAIN)).isEmpty();
        assertThat(MetaValidation.generateName("g".repeat(253), NameRule.SUBDOMAIN)).isEmpty();
        assertThat(MetaValidation.generateName("g".repeat(254), NameRule.SUBDOMAIN)).extracting(c -> c.message())
                .containsExactly("Invalid value: \"" + "g".repeat(254) + "\": must be no more than 253 characters");
        assertThat(MetaValidation.generateName("UPPER-", NameRule.SUBDOMAIN)).extracting(c -> c.field()).containsExactly("metadata.generateName");
        assertThat(MetaValidation.generateName("ns-".repeat(22), NameRule.LABEL)).extracting(c -> c.field()).containsExactly("metadata.generateName");
        assertThat(MetaValidation.generateName("a/b-", NameRule.PATH_SEGMENT)).hasSize(1);
        assertThat(MetaValidation.generateName("..", NameRule.PATH_SEGMENT)).isEmpty();
    }

    @Test
    void aGeneratedNameUsesTheFirst58CharactersOfAnAcceptedPrefix() {
        JsonNode meta = Json.parse("{\"name\":\"" + "g".repeat(58) + "abcde\",\"generateName\":\"" + "g".repeat(200) + "\"}");
        assertThat(MetaValidation.validate(meta, NameRule.SUBDOMAIN)).isEmpty();
    }
}
