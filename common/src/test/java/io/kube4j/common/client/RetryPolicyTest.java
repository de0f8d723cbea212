package io.kube4j.common.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    final RetryPolicy policy = RetryPolicy.DEFAULT;

    /** Only verbs that may run twice, and only on the codes that mean "not now". */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, 429, true", "GET, 503, true", "GET, 504, true",
            "GET, 500, false", "GET, 502, false", "GET, 404, false", "GET, 409, false", "GET, 410, false",
            "HEAD, 503, true", "OPTIONS, 429, true", "PUT, 503, true", "PUT, 409, false",
            "POST, 429, false", "POST, 503, false", "POST, 504, false",
            "PATCH, 503, false", "DELETE, 503, false", "DELETE, 429, false"})
    void retriesOnlyIdempotentVerbsOnTransientCodes(String method, int code, boolean retried) {
        assertThat(policy.retries(method, code)).isEqualTo(retried);
    }

    @ParameterizedTest(name = "{0} after {1} (responded {2}) -> {3}")
    @CsvSource({
            "GET, connect refused, false, true",
            "GET, connect timeout, false, true",
            "GET, reset before reply, false, true",
            "GET, reset during body, true, false",
            "GET, request timeout, false, false",
            "GET, bad certificate, false, false",
            "GET, interrupted, false, false",
            "PUT, connect refused, false, true",
            "POST, connect refused, false, false",
            "POST, reset before reply, false, false",
            "PATCH, connect timeout, false, false",
            "DELETE, connect refused, false, false"})
    void retriesOnlyIdempotentVerbsWhenNoReplyCame(String method, String failure, boolean responded, boolean retried) {
        IOException e = switch (failure) {
            case "connect refused" -> new ConnectException();
            case "connect timeout" -> new HttpConnectTimeoutException("HTTP connect timed out");
            case "reset before reply", "reset during body" -> new EOFException("EOF reached while reading");
            case "request timeout" -> new HttpTimeoutException("request timed out");
            case "bad certificate" -> (IOException) new SSLHandshakeException("PKIX path building failed")
                    .initCause(new CertificateException("unable to find valid certification path"));
            case "interrupted" -> new InterruptedIOException();
            default -> throw new IllegalArgumentException(failure);
        };
        assertThat(policy.retries(method, e, responded)).isEqualTo(retried);
    }

    /** 100 ms doubling per attempt, capped at 2 s; a Retry-After replaces it, capped at 10 s. */
    @ParameterizedTest(name = "attempt {0}, Retry-After {1} -> {2} ms")
    @CsvSource({
            "1, , 100", "2, , 200", "3, , 400", "4, , 800", "5, , 1600", "6, , 2000", "40, , 2000",
            "1, 0, 0", "1, 3, 3000", "4, 1, 1000", "1, 10, 10000", "1, 11, 10000", "1, 86400, 10000"})
    void waitsTheBackoffOrWhatTheServerAsked(int attempt, Long retryAfterSeconds, long expectedMillis) {
        Duration retryAfter = retryAfterSeconds == null ? null : Duration.ofSeconds(retryAfterSeconds);

        assertThat(policy.delay(attempt, retryAfter)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1} s")
    @CsvSource(delimiter = '|', value = {"1|1", "0|0", "120|120", " 7 |7", "99999999999999999999|999999999999"})
    void readsRetryAfterSeconds(String header, long seconds) {
        assertThat(RetryPolicy.parseRetryAfter(header)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "\"{0}\" is ignored")
    @NullAndEmptySource
    @ValueSource(strings = {"Wed, 21 Oct 2015 07:28:00 GMT", "-1", "1.5", "soon"})
    void ignoresRetryAfterThatIsNotSeconds(String header) {
        assertThat(RetryPolicy.parseRetryAfter(header)).isNull();
    }

    @Test
    void defaultsToFiveAttempts() {
        assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(5);
    }
}
