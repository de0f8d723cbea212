package io.kube4j.certs.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @Test
    void linesAreTokenUserUidAndTheGroupsAsOneQuotedField() {
        List<TokenFile.Entry> entries = List.of(
                new TokenFile.Entry("t1", "admin", "admin", List.of("system:masters")),
                new TokenFile.Entry("t2", "bob", "42", List.of("dev", "ops")),
                new TokenFile.Entry("t3", "system:kube-proxy", "system:kube-proxy", List.of()));

        assertThat(TokenFile.render(entries)).isEqualTo("""
                t1,admin,admin,"system:masters"
                t2,bob,42,"dev,ops"
                t3,system:kube-proxy,system:kube-proxy
                """);
    }

    @Test
    void readsBackWhatItRenders(@TempDir Path dir) throws Exception {
        List<TokenFile.Entry> entries = List.of(
                new TokenFile.Entry("t1", "admin", "admin", List.of("system:masters")),
                new TokenFile.Entry("t2", "bob", "42", List.of("dev", "ops")),
                new TokenFile.Entry("t3", "carol", "carol", List.of()));
        Path file = Files.writeString(dir.resolve("tokens.csv"), TokenFile.render(entries) + "\n");

        assertThat(TokenFile.read(file)).isEqualTo(entries);
    }

    @Test
    void rejectsALineWithoutUserAndUid(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tokens.csv"), "t1,admin,admin\nt2\n");

        assertThatThrownBy(() -> TokenFile.read(file))
                .hasMessageEndingWith("line 2 is not token,user,uid[,\"groups\"]");
    }

    @Test
    void tokensAre32RandomBytesInBase64UrlWithoutPadding() {
        SecureRandom random = new SecureRandom();

        String token = TokenFile.newToken(random);

        // 32 bytes = 256 bits = ceil(256 / 6) = 43 base64 characters.
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(TokenFile.newToken(random)).isNotEqualTo(token);
    }
}
