package io.kube4j.kubelet.runtime;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The output of one container attempt, readable any number of times. A follow blocks, copying new
 * output as it comes, until the container stops or {@code out} fails (the client went away).
 */
public interface ContainerLog {

    void copy(LogOptions options, OutputStream out) throws IOException, InterruptedException;
}
