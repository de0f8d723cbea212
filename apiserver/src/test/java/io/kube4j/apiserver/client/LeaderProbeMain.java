package io.kube4j.apiserver.client;

import io.kube4j.common.api.coordination.Lease;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ClientConfig;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.leader.LeaderCallbacks;
import io.kube4j.common.client.leader.LeaderElectionConfig;
import io.kube4j.common.client.leader.LeaderElector;
import io.kube4j.common.tls.Pem;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * A candidate in its own JVM for {@link LeaderElectionIT}: prints LEADING / STOPPED as its
 * leadership changes, runs until killed, and releases the lease on SIGTERM.
 * Arguments: server URL, PKI directory, identity.
 */
public final class LeaderProbeMain {

    private LeaderProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        URI server = URI.create(args[0]);
        Path pki = Path.of(args[1]);
        String identity = args[2];
        ClientConfig config = ClientConfig.forServer(server)
                .withCertificateAuthorities(Pem.certificates(pki.resolve("ca.crt")))
                .withClientCertificate(Pem.certificates(pki.resolve("admin.crt")), Pem.privateKey(pki.resolve("admin.key")));
        ApiClient api = ApiClient.create(config);
        LeaderElector elector = new LeaderElector(new ResourceClient<>(api, Lease.KIND),
                LeaderElectionConfig.of("kube-system", "probe-lock", identity), new LeaderCallbacks() {
                    @Override
                    public void startedLeading() {
                        System.out.println("LEADING " + identity);
                        System.out.flush();
                    }

                    @Override
                    public void stoppedLeading() {
                        System.out.println("STOPPED " + identity);
                        System.out.flush();
                    }
                }, Clock.systemUTC());
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            elector.close();
            api.close();
            done.countDown();
        }));
        elector.start();
        System.out.println("STARTED " + identity);
        System.out.flush();
        done.await();
    }
}
