package io.kube4j.common.client.leader;

/**
 * What a candidate does as leadership comes and goes. Called on the elector's thread:
 * {@link #startedLeading()} should start work elsewhere and return; {@link #stoppedLeading()}
 * must stop that work promptly — another process may already be leading.
 */
public interface LeaderCallbacks {

    void startedLeading();

    void stoppedLeading();

    /** Some process (maybe this one) is now the leader. */
    default void newLeader(String identity) {
    }
}
