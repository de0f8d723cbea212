package io.kube4j.apiserver.reviews;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.auth.Authorizer;
import io.kube4j.apiserver.auth.RequestAttributes;
import io.kube4j.apiserver.auth.UserInfo;
import io.kube4j.apiserver.rest.ResourceEndpoint;
import io.kube4j.common.api.meta.StatusCause;
import io.kube4j.common.api.meta.StatusException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SelfSubjectAccessReview} (may the requester…?) and {@code SubjectAccessReview} (may the
 * user of {@code spec}…?): the authorizer chain's answer to the attributes in {@code spec}, as
 * {@code status.allowed}, {@code status.denied} (an authorizer said no, rather than nobody said
 * yes) and {@code status.reason}.
 */
final class AccessReview implements ResourceEndpoint.Computed {

    private final Authorizer authorizer;
    private final String kind;
    private final boolean self;

    AccessReview(Authorizer authorizer, String kind, boolean self) {
        this.authorizer = authorizer;
        this.kind = kind;
        this.self = self;
    }

    @Override
    public ObjectNode create(ObjectNode body, UserInfo requester) {
        JsonNode spec = body.path("spec");
        UserInfo subject = self ? requester : subject(spec);
        Authorizer.Decision decision = authorizer.authorize(attributes(subject, spec));
        ObjectNode review = Reviews.answer(body, "authorization.k8s.io/v1", kind);
        ObjectNode status = review.putObject("status").put("allowed", decision.allowed());
        if (decision.outcome() == Authorizer.Decision.Outcome.DENY && !decision.reason().isEmpty()) {
            status.put("denied", true);
        }
        if (!decision.reason().isEmpty()) {
            status.put("reason", decision.reason());
        }
        return review;
    }

    private UserInfo subject(JsonNode spec) {
        List<String> groups = new ArrayList<>();
        spec.path("groups").forEach(g -> groups.add(g.asText()));
        String user = spec.path("user").asText("");
        if (user.isEmpty() && groups.isEmpty()) {
            throw invalid(StatusCause.required("spec.user"), "at least one of user or group must be specified");
        }
        return new UserInfo(user, spec.path("uid").asText(""), groups);
    }

    private RequestAttributes attributes(UserInfo subject, JsonNode spec) {
        JsonNode resource = spec.path("resourceAttributes");
        JsonNode nonResource = spec.path("nonResourceAttributes");
        if (resource.isObject() == nonResource.isObject()) {
            throw invalid(StatusCause.required("spec.resourceAttributes"),
                    "exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }
        if (nonResource.isObject()) {
            return new RequestAttributes(subject, text(nonResource, "verb"), "", "", "", "", "", "", false,
                    text(nonResource, "path"));
        }
        return new RequestAttributes(subject, text(resource, "verb"), text(resource, "group"), text(resource, "version"),
                text(resource, "resource"), text(resource, "subresource"), text(resource, "namespace"),
                text(resource, "name"), true, "");
    }

    private StatusException invalid(StatusCause cause, String message) {
        return StatusException.invalid(kind, "", List.of(new StatusCause(cause.reason(), message, cause.field())));
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText("");
    }
}
