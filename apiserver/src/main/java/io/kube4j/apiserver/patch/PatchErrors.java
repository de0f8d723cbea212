package io.kube4j.apiserver.patch;

import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusCause;
import io.kube4j.common.api.meta.StatusException;
import java.util.List;

/** The client errors of the patch package, spelled as Kubernetes spells them. */
final class PatchErrors {

    private PatchErrors() {
    }

    /** 400: the patch itself is malformed (bad JSON, wrong shape, unknown directive). */
    static StatusException badRequest(String message) {
        return StatusException.badRequest(message);
    }

    /**
     * 422: a well-formed patch that cannot be applied to this object (a failed {@code test}, a
     * missing path). Kubernetes answers with a fixed message and the detail in a cause of type
     * UnexpectedServerResponse; we also append the detail to the message so that kubectl, which
     * prints only the message, shows what went wrong.
     */
    static StatusException rejected(String detail) {
        return new StatusException(Status.failure(422, "Invalid",
                        "the server rejected our request due to an error in our request: " + detail)
                .withCauses(List.of(new StatusCause("UnexpectedServerResponse", detail, null))));
    }
}
