package io.kube4j.scheduler;

import io.kube4j.common.client.ClientConfig;
import io.kube4j.scheduler.config.SchedulerConfig;
import java.nio.file.Path;
import java.time.Clock;

/**
 * How to run one kube-scheduler: whom to talk to, the configuration, leader election, and where
 * to serve health and metrics.
 *
 * @param identity     this candidate's name in the Lease (Kubernetes: {@code <host>_<uuid>})
 * @param securePort   the HTTPS health/metrics port; 0 disables it
 * @param tlsCertFile  the serving certificate, null for a self-signed one made at start
 * @param bindThreads  how many bindings may be in flight at once; they wait on the apiserver, not the CPU, so
 *                     there are many (a busy apiserver answers a binding in 50–100 ms)
 */
public record SchedulerOptions(ClientConfig client, SchedulerConfig config, boolean leaderElect, String identity,
                               String bindAddress, int securePort, Path tlsCertFile, Path tlsKeyFile, int bindThreads,
                               Clock clock) {

    public static final int DEFAULT_SECURE_PORT = 10259;
    public static final int DEFAULT_BIND_THREADS = 64;

    /** Default configuration, leader election on, health on 0.0.0.0:10259 with a self-signed certificate. */
    public static SchedulerOptions defaults(ClientConfig client, String identity) {
        return new SchedulerOptions(client, SchedulerConfig.DEFAULT, true, identity, "0.0.0.0", DEFAULT_SECURE_PORT,
                null, null, DEFAULT_BIND_THREADS, Clock.systemUTC());
    }

    public SchedulerOptions withConfig(SchedulerConfig newConfig) {
        return new SchedulerOptions(client, newConfig, leaderElect, identity, bindAddress, securePort, tlsCertFile,
                tlsKeyFile, bindThreads, clock);
    }

    public SchedulerOptions withLeaderElect(boolean elect) {
        return new SchedulerOptions(client, config, elect, identity, bindAddress, securePort, tlsCertFile, tlsKeyFile,
                bindThreads, clock);
    }

    public SchedulerOptions withBindThreads(int threads) {
        return new SchedulerOptions(client, config, leaderElect, identity, bindAddress, securePort, tlsCertFile, tlsKeyFile,
                threads, clock);
    }

    public SchedulerOptions withServing(String address, int port, Path certFile, Path keyFile) {
        return new SchedulerOptions(client, config, leaderElect, identity, address, port, certFile, keyFile,
                bindThreads, clock);
    }
}
