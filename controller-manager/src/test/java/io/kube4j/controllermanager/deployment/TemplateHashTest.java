package io.kube4j.controllermanager.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.Json;
import org.junit.jupiter.api.Test;

class TemplateHashTest {

    @Test
    void ignoresKeyOrderAndThePodTemplateHashLabel() {
        var a = Json.parse("{\"metadata\":{\"labels\":{\"app\":\"x\",\"tier\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");
        var b = Json.parse("{\"spec\":{\"containers\":[{\"image\":\"i\",\"name\":\"c\"}]},\"metadata\":{\"labels\":"
                + "{\"pod-template-hash\":\"zzz\",\"tier\":\"web\",\"app\":\"x\"}}}");
        assertThat(TemplateHash.of(a)).isEqualTo(TemplateHash.of(b));
        assertThat(TemplateHash.sameTemplate(a, b)).isTrue();
    }

    @Test
    void treatsANullFieldAsAbsentAsTheTemplatesKubectlSendsHaveANullCreationTimestamp() {
        var stored = Json.parse("{\"metadata\":{\"labels\":{\"app\":\"x\",\"pod-template-hash\":\"abc\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"v1\",\"resources\":{}}]}}");
        var fromKubectl = Json.parse("{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"x\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"v1\",\"resources\":{}}]}}");
        assertThat(TemplateHash.of(fromKubectl)).isEqualTo(TemplateHash.of(stored));
        assertThat(TemplateHash.sameTemplate(stored, fromKubectl)).isTrue();
    }

    @Test
    void changesWithTheImageAndUsesOnlyTheSafeAlphabet() {
        var v1 = Json.parse("{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"v1\"}]}}");
        var v2 = Json.parse("{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"v2\"}]}}");
        assertThat(TemplateHash.of(v1)).isNotEqualTo(TemplateHash.of(v2)).matches("[bcdfghjklmnpqrstvwxz2456789]+");
    }
}
