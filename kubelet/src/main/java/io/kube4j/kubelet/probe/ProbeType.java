package io.kube4j.kubelet.probe;

import java.util.Locale;

/** The three probes of a container, by their field in the container spec. */
public enum ProbeType {
    LIVENESS, READINESS, STARTUP;

    String field() {
        return name().toLowerCase(Locale.ROOT) + "Probe";
    }
}
