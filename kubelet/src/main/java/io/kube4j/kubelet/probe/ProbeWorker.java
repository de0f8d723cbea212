package io.kube4j.kubelet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.BooleanSupplier;

/**
 * One probe of one container attempt: runs it every {@code periodSeconds} after
 * {@code initialDelaySeconds} and turns raw outcomes into a result with the thresholds. Ticks
 * come from one scheduled task, so they never overlap; the result is read from any thread.
 */
final class ProbeWorker {

    private final ProbeType type;
    private final JsonNode probe;
    private final ProbeTarget target;
    private final Prober prober;
    private final BooleanSupplier mayRun;
    private int successes;
    private int failures;
    private volatile boolean result;
    private volatile boolean decided;

    ProbeWorker(ProbeType type, JsonNode probe, ProbeTarget target, Prober prober, BooleanSupplier mayRun) {
        this.type = type;
        this.probe = probe;
        this.target = target;
        this.prober = prober;
        this.mayRun = mayRun;
        // liveness passes until proven otherwise; readiness and startup fail until they pass
        this.result = type == ProbeType.LIVENESS;
    }

    long initialDelayMillis() {
        return probe.path("initialDelaySeconds").asLong(0) * 1000;
    }

    long periodMillis() {
        return Math.max(1, probe.path("periodSeconds").asLong(10)) * 1000;
    }

    ProbeType type() {
        return type;
    }

    boolean result() {
        return result;
    }

    /** True once a startup probe has succeeded (it then stops probing). */
    boolean decided() {
        return decided;
    }

    /** Runs the probe once; true when the result changed. */
    boolean tick() {
        if (!mayRun.getAsBoolean() || type == ProbeType.STARTUP && decided) {
            return false;
        }
        boolean ok = prober.probe(probe, target);
        return record(ok);
    }

    boolean record(boolean ok) {
        int successThreshold = Math.max(1, probe.path("successThreshold").asInt(1));
        int failureThreshold = Math.max(1, probe.path("failureThreshold").asInt(3));
        if (ok) {
            successes++;
            failures = 0;
        } else {
            failures++;
            successes = 0;
        }
        boolean before = result;
        boolean gaveUpBefore = gaveUp();
        if (ok && successes >= successThreshold) {
            result = true;
            decided = type == ProbeType.STARTUP || decided;
        } else if (!ok && failures >= failureThreshold) {
            result = false;
        }
        return before != result || gaveUpBefore != gaveUp();
    }

    /** A startup probe that failed {@code failureThreshold} times in a row before ever passing. */
    boolean gaveUp() {
        return type == ProbeType.STARTUP && !decided && failures >= Math.max(1, probe.path("failureThreshold").asInt(3));
    }
}
