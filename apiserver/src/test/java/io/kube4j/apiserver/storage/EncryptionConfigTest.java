package io.kube4j.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncryptionConfigTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final String KEY_BASE64 = Base64.getEncoder().encodeToString(KEY);
    static final byte[] PLAIN = "{\"kind\":\"Secret\",\"data\":{\"password\":\"aHVudGVyMg==\"}}".getBytes(StandardCharsets.UTF_8);
    static final String ETCD_KEY = "/registry/core/secrets/default/db";

    static AesProvider provider(AesProvider.Mode mode, String name) {
        return new AesProvider(mode, name, KEY, new SecureRandom());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"GCM, k8s:enc:aesgcm:v1:key1:, 12, 16", "CBC, k8s:enc:aescbc:v1:key1:, 16, 0"})
    void sealsValuesWithKubernetesPrefixARandomNonceAndReadsThemBack(AesProvider.Mode mode, String prefix, int nonce, int tag) {
        AesProvider aes = provider(mode, "key1");

        byte[] first = aes.seal(ETCD_KEY, PLAIN);
        byte[] second = aes.seal(ETCD_KEY, PLAIN);

        assertThat(new String(first, StandardCharsets.ISO_8859_1)).startsWith(prefix).doesNotContain("password");
        // GCM: no padding, a 16-byte tag; CBC: PKCS#7 pads to the next 16-byte block
        int body = mode == AesProvider.Mode.GCM ? PLAIN.length + tag : (PLAIN.length / 16 + 1) * 16;
        assertThat(first).hasSize(prefix.length() + nonce + body);
        assertThat(Arrays.equals(first, second)).as("a fresh nonce per write").isFalse();
        assertThat(aes.owns(first)).isTrue();
        assertThat(aes.open(ETCD_KEY, first)).isEqualTo(PLAIN);
    }

    @Test
    void refusesAnAesGcmValueMovedUnderAnotherKeyOrTamperedWith() {
        AesProvider aes = provider(AesProvider.Mode.GCM, "key1");
        byte[] sealed = aes.seal(ETCD_KEY, PLAIN);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> aes.open("/registry/core/secrets/default/other", sealed))
                .isInstanceOf(StorageException.class).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> aes.open(ETCD_KEY, tampered)).isInstanceOf(StorageException.class);
    }

    @Test
    void readsWithWhicheverProviderWroteAValueAndWritesWithTheFirst() {
        AesProvider oldKey = provider(AesProvider.Mode.GCM, "old");
        ResourceEncryption rotated = new ResourceEncryption(List.of("secrets"),
                List.of(provider(AesProvider.Mode.CBC, "new"), oldKey, new IdentityProvider()));

        assertThat(rotated.open(ETCD_KEY, oldKey.seal(ETCD_KEY, PLAIN))).isEqualTo(PLAIN);
        assertThat(rotated.open(ETCD_KEY, PLAIN)).isEqualTo(PLAIN);
        assertThat(new String(rotated.seal(ETCD_KEY, PLAIN), StandardCharsets.US_ASCII)).startsWith("k8s:enc:aescbc:v1:new:");
    }

    @Test
    void refusesPlainValuesWhenIdentityIsNotListed() {
        ResourceEncryption strict = new ResourceEncryption(List.of("secrets"), List.of(provider(AesProvider.Mode.GCM, "k")));

        assertThatThrownBy(() -> strict.open(ETCD_KEY, PLAIN)).isInstanceOf(StorageException.class)
                .hasMessageContaining("was written by no provider");
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
            "secrets, secrets, true", "secrets, configmaps, false", "deployments.apps, deployments.apps, true",
            "*.apps, replicasets.apps, true", "*.apps, secrets, false", "*., configmaps, true", "*., jobs.batch, false",
            "*.*, leases.coordination.k8s.io, true",
    })
    void coversResourcesByNameGroupOrWildcard(String pattern, String resource, boolean covered) {
        ResourceEncryption rule = new ResourceEncryption(List.of(pattern), List.of(new IdentityProvider()));

        assertThat(rule.covers(resource)).isEqualTo(covered);
    }

    @Test
    void parsesKubernetesEncryptionConfiguration() {
        EncryptionConfig config = EncryptionConfig.parse("""
                apiVersion: apiserver.config.k8s.io/v1
                kind: EncryptionConfiguration
                resources:
                  - resources: [secrets, configmaps]
                    providers:
                      - aesgcm:
                          keys:
                            - name: key1
                              secret: %s
                            - name: key0
                              secret: %s
                      - identity: {}
                """.formatted(KEY_BASE64, KEY_BASE64), new SecureRandom());

        assertThat(config).isNotNull();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "kind: Other                                                                  | expected apiVersion",
            "resources: []                                                                | no resources are configured",
            "resources: [{resources: [secrets], providers: []}]                           | have no providers",
            "resources: [{resources: [secrets], providers: [{secretbox: {}}]}]            | provider secretbox is not supported",
            "resources: [{resources: [secrets], providers: [{aesgcm: {keys: []}}]}]        | aesgcm provider has no keys",
            "resources: [{resources: [secrets], providers: [{aescbc: {keys: [{name: k, secret: c2hvcnQ=}]}}]}] | must be 16, 24 or 32 bytes, not 5",
            "resources: [{resources: [secrets], providers: [{aesgcm: {keys: [{name: k, secret: '%%%'}]}}]}] | is not base64",
            "resources: [{resources: [secrets], providers: [{identity: {}, aesgcm: {}}]}]  | exactly one type",
    })
    void explainsWhatIsWrongWithAConfiguration(String body, String message) {
        String yaml = body.startsWith("kind:") ? "apiVersion: apiserver.config.k8s.io/v1\n" + body
                : "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n" + body;

        assertThatThrownBy(() -> EncryptionConfig.parse(yaml, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
