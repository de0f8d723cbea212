package io.kube4j.apiserver.reviews;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.auth.Authorizer;
import io.kube4j.apiserver.auth.RbacRuleResolver;
import io.kube4j.apiserver.rest.ResourceEndpoint;
import java.util.List;
import java.util.Map;

/**
 * The review resources: create-only, answered from the authenticator's and authorizers' view of
 * the requester, never stored. Keys are {@link io.kube4j.apiserver.registry.ResourceType#groupResource()}.
 * Who may create each one is the authorizer's business, like any request (RBAC's
 * {@code system:basic-user} grants the self reviews to every authenticated user).
 */
public final class Reviews {

    private Reviews() {
    }

    /**
     * @param authorizer the server's authorizer chain, which the access reviews ask
     * @param modes      {@code --authorization-mode}, for what the rules review can list
     */
    public static Map<String, ResourceEndpoint.Computed> resources(Authorizer authorizer, RbacRuleResolver rbac,
                                                                   List<String> modes) {
        return Map.of(
                "selfsubjectaccessreviews.authorization.k8s.io", new AccessReview(authorizer, "SelfSubjectAccessReview", true),
                "subjectaccessreviews.authorization.k8s.io", new AccessReview(authorizer, "SubjectAccessReview", false),
                "selfsubjectrulesreviews.authorization.k8s.io", new RulesReview(rbac, modes),
                "selfsubjectreviews.authentication.k8s.io", new SelfSubjectReview());
    }

    /** The request object as the answer: its spec kept, kind and apiVersion set, no stored metadata. */
    static ObjectNode answer(ObjectNode body, String apiVersion, String kind) {
        ObjectNode review = body.deepCopy();
        review.put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode metadata = review.get("metadata") instanceof ObjectNode m ? m : review.putObject("metadata");
        metadata.putNull("creationTimestamp");
        review.remove("status");
        return review;
    }
}
