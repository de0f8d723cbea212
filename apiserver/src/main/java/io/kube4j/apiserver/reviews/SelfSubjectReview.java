package io.kube4j.apiserver.reviews;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.auth.UserInfo;
import io.kube4j.apiserver.rest.ResourceEndpoint;

/** {@code SelfSubjectReview} ({@code kubectl auth whoami}): who authentication found the requester to be. */
final class SelfSubjectReview implements ResourceEndpoint.Computed {

    @Override
    public ObjectNode create(ObjectNode body, UserInfo requester) {
        ObjectNode review = Reviews.answer(body, "authentication.k8s.io/v1", "SelfSubjectReview");
        ObjectNode user = review.putObject("status").putObject("userInfo").put("username", requester.name());
        if (!requester.uid().isEmpty()) {
            user.put("uid", requester.uid());
        }
        ArrayNode groups = user.putArray("groups");
        requester.groups().forEach(groups::add);
        return review;
    }
}
