package io.kube4j.apiserver.admission;

import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusException;

/** The error shape every Kubernetes admission plugin answers with: {@code pods "p" is forbidden: <why>}. */
final class Rejections {

    private Rejections() {
    }

    static StatusException forbidden(AdmissionRequest request, String why) {
        String name = request.name() == null ? "" : request.name();
        String group = request.type().group().isEmpty() ? null : request.type().group();
        return new StatusException(Status.failure(403, "Forbidden",
                request.type().groupResource() + " \"" + name + "\" is forbidden: " + why)
                .withDetails(name, group, request.type().plural()));
    }

    /** Kubernetes' aggregate error text: one message alone, several in brackets. */
    static String aggregate(java.util.List<String> messages) {
        return messages.size() == 1 ? messages.get(0) : "[" + String.join(", ", messages) + "]";
    }
}
