package io.kube4j.controllermanager.util;

import io.kube4j.common.api.Kind;

/** Kinds the controllers use that common has no typed class for; shared so informers are shared. */
public final class Kinds {

    public static final Kind<Unstructured> JOB = new Kind<>("batch", "v1", "jobs", "Job", true, Unstructured::new);

    private Kinds() {
    }
}
