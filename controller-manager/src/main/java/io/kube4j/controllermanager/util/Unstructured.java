package io.kube4j.controllermanager.util;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.KubeObject;

/** Any object, for kinds without a typed class in common (batch/v1 Job, objects the GC walks). */
public final class Unstructured extends KubeObject {

    public Unstructured(ObjectNode json) {
        super(json);
    }

    @Override
    public Unstructured deepCopy() {
        return new Unstructured(json().deepCopy());
    }
}
