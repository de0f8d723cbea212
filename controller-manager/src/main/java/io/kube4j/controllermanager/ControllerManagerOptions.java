package io.kube4j.controllermanager;

import io.kube4j.common.client.ClientConfig;
import io.kube4j.common.client.leader.LeaderElectionConfig;
import java.time.Duration;
import java.util.List;

/**
 * How to run a controller manager.
 *
 * @param identity       this process in the leader Lease (host name and a random suffix)
 * @param securePort     the /healthz and /metrics port, 0 for none
 * @param leaderElection the timing of the election, when {@code leaderElect}
 */
public record ControllerManagerOptions(ClientConfig client, String identity, List<String> controllers, boolean leaderElect,
                                       String bindAddress, int securePort, ControllerOptions controllerOptions,
                                       ElectionTiming leaderElection) {

    /** The {@code --leader-elect-*} durations; the renew deadline is shorter than the lease, the retry period shorter still. */
    public record ElectionTiming(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

        public static final ElectionTiming DEFAULT = new ElectionTiming(LeaderElectionConfig.LEASE_DURATION,
                LeaderElectionConfig.RENEW_DEADLINE, LeaderElectionConfig.RETRY_PERIOD);

        LeaderElectionConfig config(String namespace, String name, String identity) {
            return new LeaderElectionConfig(namespace, name, identity, leaseDuration, renewDeadline, retryPeriod);
        }
    }

    public ControllerManagerOptions {
        controllers = List.copyOf(controllers);
        leaderElection.config("", "", identity); // the same checks as the elector's, at once
    }

    /** Every controller, no leader election, no port: what in-process tests want. */
    public static ControllerManagerOptions defaults(ClientConfig client, String identity) {
        return new ControllerManagerOptions(client, identity, List.copyOf(Registry.names()), false, "127.0.0.1", 0,
                ControllerOptions.DEFAULT, ElectionTiming.DEFAULT);
    }

    public ControllerManagerOptions withControllers(List<String> names) {
        return new ControllerManagerOptions(client, identity, names, leaderElect, bindAddress, securePort, controllerOptions,
                leaderElection);
    }

    public ControllerManagerOptions withLeaderElect(boolean elect) {
        return new ControllerManagerOptions(client, identity, controllers, elect, bindAddress, securePort, controllerOptions,
                leaderElection);
    }

    public ControllerManagerOptions withLeaderElection(ElectionTiming timing) {
        return new ControllerManagerOptions(client, identity, controllers, leaderElect, bindAddress, securePort,
                controllerOptions, timing);
    }

    public ControllerManagerOptions withServing(String address, int port) {
        return new ControllerManagerOptions(client, identity, controllers, leaderElect, address, port, controllerOptions,
                leaderElection);
    }

    public ControllerManagerOptions withControllerOptions(ControllerOptions options) {
        return new ControllerManagerOptions(client, identity, controllers, leaderElect, bindAddress, securePort, options,
                leaderElection);
    }
}
