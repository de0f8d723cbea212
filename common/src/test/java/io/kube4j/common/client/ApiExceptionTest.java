package io.kube4j.common.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusCause;
import io.kube4j.common.api.meta.StatusException;
import io.kube4j.common.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiExceptionTest {

    @Test
    void keepsTheServersStatusWithItsCauses() {
        Status sent = StatusException.invalid("Pod", "p", List.of(new StatusCause("FieldValueRequired", "Required value",
                "spec.containers"))).status();

        ApiException e = new ApiException("POST", "/api/v1/namespaces/a/pods",
                ApiException.statusOf(422, Json.bytes(sent.toJson())));

        assertThat(e.status()).isEqualTo(sent);
        assertThat(e.code()).isEqualTo(422);
        assertThat(e.reason()).isEqualTo("Invalid");
        assertThat(e.isInvalid()).isTrue();
        assertThat(e.status().causes()).extracting(StatusCause::field).containsExactly("spec.containers");
        assertThat(e.getMessage()).isEqualTo("POST /api/v1/namespaces/a/pods: 422 Invalid: " + sent.message());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            502 | <html>Bad Gateway</html>     | Unknown            | <html>Bad Gateway</html>
            503 | upstream connect error       | ServiceUnavailable | upstream connect error
            404 | ''                           | NotFound           | the server answered HTTP 404 with no body
            500 | {"not":"a status"}           | InternalError      | {"not":"a status"}
            """)
    void turnsAnyOtherBodyIntoAStatusWithTheCodesReason(int code, String body, String reason, String message) {
        Status status = ApiException.statusOf(code, body.getBytes(StandardCharsets.UTF_8));

        assertThat(status.code()).isEqualTo(code);
        assertThat(status.reason()).isEqualTo(reason);
        assertThat(status.message()).isEqualTo(message);
    }

    @Test
    void cutsLongErrorPages() {
        Status status = ApiException.statusOf(502, "x".repeat(10_000).getBytes(StandardCharsets.UTF_8));

        assertThat(status.message()).hasSize(ApiException.MAX_TEXT + 1).endsWith("…");
    }

    @Test
    void tellsConflictsFromAlreadyExists() {
        ApiException exists = new ApiException("POST", "/x", StatusException.alreadyExists("pods", "p").status());
        ApiException conflict = new ApiException("PUT", "/x", StatusException.modified("pods", "p").status());
        ApiException gone = new ApiException("GET", "/x", StatusException.gone("too old").status());

        assertThat(exists.isAlreadyExists()).isTrue();
        assertThat(exists.isConflict()).isFalse();
        assertThat(conflict.isConflict()).isTrue();
        assertThat(conflict.isAlreadyExists()).isFalse();
        assertThat(gone.isGone()).isTrue();
        assertThat(gone.isNotFound()).isFalse();
    }
}
