package io.kube4j.common.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * When {@link ApiClient} tries a request again, and after how long. Only verbs that may safely run
 * twice are retried (GET, HEAD, OPTIONS, and PUT, which Kubernetes guards with the
 * resourceVersion precondition); POST, PATCH and DELETE never are, because the first attempt
 * may have taken effect. Retried are the answers that mean "not now" (429, 503, 504) and
 * failures to get any answer at all.
 *
 * @param maxAttempts    attempts in total, the first included
 * @param initialBackoff the wait before the second attempt; it doubles for each further one
 * @param maxBackoff     the longest computed wait
 * @param maxRetryAfter  the longest wait a server's {@code Retry-After} can impose
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2),
            Duration.ofSeconds(10));

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT");
    private static final Set<Integer> TRANSIENT = Set.of(429, 503, 504);
    private static final Pattern SECONDS = Pattern.compile("\\d+");

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    static boolean idempotent(String method) {
        return IDEMPOTENT.contains(method);
    }

    /** Whether a reply with this code is worth another attempt. */
    boolean retries(String method, int code) {
        return idempotent(method) && TRANSIENT.contains(code);
    }

    /**
     * Whether a failure to get a reply is worth another attempt: a refused or timed-out connection,
     * or any I/O failure before the response headers arrived. A request that timed out waiting for
     * its reply is not retried (the server is busy with it), nor is a certificate the client
     * rejected, which no retry will fix.
     *
     * @param responded whether response headers had arrived before the failure
     */
    boolean retries(String method, IOException failure, boolean responded) {
        if (!idempotent(method) || failure instanceof InterruptedIOException || rejectedCertificate(failure)) {
            return false;
        }
        if (failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException) {
            return true;
        }
        return !responded && !(failure instanceof HttpTimeoutException);
    }

    /**
     * The wait before attempt {@code attempt + 1}.
     *
     * @param attempt    the attempt that just failed, from 1
     * @param retryAfter what the server asked for, null when it did not
     */
    Duration delay(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        // 100 ms, 200 ms, 400 ms, … : the shift is bounded so it cannot overflow
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    /**
     * The {@code Retry-After} header in its delay-seconds form; null when absent or an HTTP date
     * (which apiservers do not send), so the computed backoff applies instead.
     */
    static Duration parseRetryAfter(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (!SECONDS.matcher(value).matches()) {
            return null;
        }
        // more digits than a long holds is still "a very long time"; the cap takes care of it
        return value.length() > 12 ? Duration.ofSeconds(999_999_999_999L) : Duration.ofSeconds(Long.parseLong(value));
    }

    private static boolean rejectedCertificate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }
}
