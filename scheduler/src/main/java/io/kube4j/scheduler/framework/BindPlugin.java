package io.kube4j.scheduler.framework;

/**
 * Makes a scheduling decision durable: assigns the pod to the node in the API. Called on a
 * binding thread (never the scheduling thread) after the pod was assumed onto the node in the
 * scheduler's cache; it may block on the network.
 */
public interface BindPlugin extends Plugin {

    /**
     * @return {@link Status#SUCCESS} when the pod is bound; {@link Status.Code#UNSCHEDULABLE_AND_UNRESOLVABLE}
     *         when the pod no longer needs scheduling (deleted, or bound by someone else), so the
     *         scheduler forgets it; {@link Status.Code#ERROR} when the attempt failed and the pod
     *         should be retried after a backoff
     */
    Status bind(PodInfo pod, String nodeName);
}
