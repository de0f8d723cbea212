package io.kube4j.kubelet.probe;

/**
 * What the probes say of one container attempt.
 *
 * @param started  the startup probe has passed (or there is none)
 * @param ready    the readiness probe passes (or there is none), and the container has started
 * @param failed   the liveness probe failed, or the startup probe gave up: restart the container
 */
public record ProbeStatus(boolean started, boolean ready, boolean failed) {

    public static final ProbeStatus NO_PROBES = new ProbeStatus(true, true, false);
}
