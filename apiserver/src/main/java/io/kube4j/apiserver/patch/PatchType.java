package io.kube4j.apiserver.patch;

/**
 * The four patch formats of a PATCH request, named by the request's Content-Type as Kubernetes
 * names them. Server-side apply is accepted only as {@code application/apply-patch+yaml} (its body
 * may still be JSON), as Kubernetes does.
 */
public enum PatchType {
    /** RFC 6902: a list of operations. */
    JSON("application/json-patch+json"),
    /** RFC 7386: a partial object; null deletes, everything but objects replaces. */
    MERGE("application/merge-patch+json"),
    /** Kubernetes' strategic merge patch: lists merge item by item on a merge key. */
    STRATEGIC("application/strategic-merge-patch+json"),
    /** Server-side apply: the applier's whole configuration. */
    APPLY("application/apply-patch+yaml");

    private final String mediaType;

    PatchType(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The Content-Type that selects this patch type. */
    public String mediaType() {
        return mediaType;
    }
}
