package io.kube4j.controllermanager;

import io.kube4j.common.client.ClientConfig;
import java.util.List;

/**
 * How to run a controller manager.
 *
 * @param identity   this process in the leader Lease (host name and a random suffix)
 * @param securePort the /healthz and /metrics port, 0 for none
 */
public record ControllerManagerOptions(ClientConfig client, String identity, List<String> controllers, boolean leaderElect,
                                       String bindAddress, int securePort, ControllerOptions controllerOptions) {

    public ControllerManagerOptions {
        controllers = List.copyOf(controllers);
    }

    /** Every controller, no leader election, no port: what in-process tests want. */
    public static ControllerManagerOptions defaults(ClientConfig client, String identity) {
        return new ControllerManagerOptions(client, identity, List.copyOf(Registry.names()), false, "127.0.0.1", 0,
                ControllerOptions.DEFAULT);
    }

    public ControllerManagerOptions withControllers(List<String> names) {
        return new ControllerManagerOptions(client, identity, names, leaderElect, bindAddress, securePort, controllerOptions);
    }

    public ControllerManagerOptions withLeaderElect(boolean elect) {
        return new ControllerManagerOptions(client, identity, controllers, elect, bindAddress, securePort, controllerOptions);
    }

    public ControllerManagerOptions withServing(String address, int port) {
        return new ControllerManagerOptions(client, identity, controllers, leaderElect, address, port, controllerOptions);
    }

    public ControllerManagerOptions withControllerOptions(ControllerOptions options) {
        return new ControllerManagerOptions(client, identity, controllers, leaderElect, bindAddress, securePort, options);
    }
}
