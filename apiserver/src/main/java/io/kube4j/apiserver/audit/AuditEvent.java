package io.kube4j.apiserver.audit;

import io.kube4j.apiserver.auth.RequestAttributes;
import java.time.Instant;

/**
 * One completed request, at Kubernetes' Metadata level: who, what, on which object, with what
 * result — never request or response bodies, so secrets' data and tokens never reach the log.
 */
public record AuditEvent(String auditId, RequestAttributes attributes, String method, String requestUri,
                         String sourceIp, String userAgent, int code, Instant received, Instant completed) {
}
