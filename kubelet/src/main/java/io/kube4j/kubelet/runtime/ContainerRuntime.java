package io.kube4j.kubelet.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Runs the containers of the pods bound to this node. A container is named by its pod's uid and
 * its name; each start makes a new attempt, and the runtime remembers the latest two (the
 * previous one for {@code logs --previous}).
 *
 * <p>Threading: every method is safe to call from any thread. The pod workers never call two
 * methods for the same pod at once, but calls for different pods overlap. {@link #start} and
 * {@link #stop} block (stop for up to the grace period); the others return at once.
 *
 * <p>Idempotency: starting a running container returns it unchanged; stopping a container that
 * is not running, and removing a pod that is gone, do nothing. A runtime survives the kubelet:
 * {@link #close()} leaves containers running, and a new runtime over the same state adopts them.
 */
public interface ContainerRuntime extends AutoCloseable {

    /** The version reported in the Node's {@code nodeInfo.containerRuntimeVersion}. */
    String version();

    /**
     * Prepares the pod's sandbox before its containers start, and returns the pod's IP when the
     * runtime gives each pod a network of its own; empty when the kubelet assigns pod IPs itself
     * (the default). Idempotent: a later call returns the same IP.
     *
     * @throws ContainerStartException when the sandbox cannot be made; the pod's containers wait
     */
    default Optional<String> sandbox(String podUid, String podKey) throws ContainerStartException {
        return Optional.empty();
    }

    /**
     * Starts a new attempt of {@code spec}, or returns the running one.
     *
     * @throws ContainerStartException when the container cannot run; its reason becomes the
     *                                 container's waiting reason ({@code RunContainerError}, …)
     */
    ContainerState start(ContainerSpec spec) throws ContainerStartException;

    /** The state of the latest attempt; empty when the container never started. */
    Optional<ContainerState> state(String podUid, String container);

    /**
     * Asks the container's processes to stop (SIGTERM), and kills what is left of them (SIGKILL)
     * after {@code grace}. Returns once nothing of the container runs.
     */
    void stop(String podUid, String container, Duration grace);

    /**
     * Runs {@code command} inside the running container (exec probes) and returns its exit code, or
     * empty when this runtime has no inside to run in (the default: the caller runs the command on
     * the host). Blocks up to {@code timeout}.
     *
     * @throws IOException when the command could not be run or did not finish in time
     */
    default OptionalInt exec(String podUid, String container, List<String> command, Duration timeout)
            throws IOException, InterruptedException {
        return OptionalInt.empty();
    }

    /** The uids of the pods the runtime holds containers or state for, including adopted ones. */
    Set<String> pods();

    /** Kills what still runs of the pod at once and forgets it, logs included. */
    void removePod(String podUid);

    /** The log file of the latest attempt, or of the one before it when {@code previous}; empty for runtimes without files. */
    Optional<Path> logFile(String podUid, String container, boolean previous);

    /** The output of the latest attempt, or of the one before it when {@code previous}; empty when there is none. */
    Optional<ContainerLog> log(String podUid, String container, boolean previous);

    /** Releases the runtime's own resources; containers keep running. */
    @Override
    void close();
}
