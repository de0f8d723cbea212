package io.kube4j.apiserver.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Candidates in separate JVMs contend for one Lease through a real apiserver. */
@EtcdTest
class LeaderElectionIT {

    static TestCluster cluster;
    final List<Candidate> candidates = new ArrayList<>();

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @AfterEach
    void killCandidates() throws Exception {
        for (Candidate c : candidates) {
            c.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** One candidate process and what its output says about it. */
    static final class Candidate {
        final String name;
        final Process process;
        final AtomicBoolean leading = new AtomicBoolean();
        volatile long leadingSinceNanos;

        Candidate(String name, Process process) {
            this.name = name;
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("LEADING")) {
                            leadingSinceNanos = System.nanoTime();
                            leading.set(true);
                        } else if (line.startsWith("STOPPED")) {
                            leading.set(false);
                        }
                    }
                } catch (Exception ignored) {
                    // process ended
                }
                leading.set(false);
            }, "candidate-" + name);
            reader.setDaemon(true);
            reader.start();
        }
    }

    Candidate launch(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), LeaderProbeMain.class.getName(),
                cluster.url().toString(), cluster.pki().toString(), name)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Candidate candidate = new Candidate(name, process);
        candidates.add(candidate);
        return candidate;
    }

    /** Polls (every 50 ms) until {@code condition} or the deadline, checking that never two lead at once. */
    boolean sample(Duration within, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            long leaders = candidates.stream().filter(c -> c.leading.get()).count();
            assertThat(leaders).as("leaders at once").isLessThanOrEqualTo(1);
            if (condition.getAsBoolean()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(50); // sampling interval
        }
        return false;
    }

    @Test
    void exactlyOneLeadsAndAStandbyTakesOverAfterSigkillWithinTheLeaseDuration() throws Exception {
        Candidate a = launch("a");
        Candidate b = launch("b");
        assertThat(sample(Duration.ofSeconds(30), () -> a.leading.get() || b.leading.get())).as("someone leads").isTrue();
        // watch both for a while: never two leaders
        sample(Duration.ofSeconds(5), () -> false);
        Candidate leader = a.leading.get() ? a : b;
        Candidate standby = leader == a ? b : a;

        long killed = System.nanoTime();
        leader.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        leader.leading.set(false);
        assertThat(sample(Duration.ofSeconds(20), () -> standby.leading.get())).as("standby took over").isTrue();
        double seconds = (standby.leadingSinceNanos - killed) / 1e9;
        System.out.printf("leader failover after SIGKILL: %.1f s%n", seconds);
        assertThat(seconds).as("within the 15 s lease duration").isLessThanOrEqualTo(15.5);
    }

    @Test
    void aGracefulStopHandsTheLeaseOverWithinTwoSeconds() throws Exception {
        Candidate a = launch("c");
        assertThat(sample(Duration.ofSeconds(30), () -> a.leading.get())).isTrue();
        Candidate b = launch("d");
        // let the standby start and begin contending
        sample(Duration.ofSeconds(4), () -> false);
        assertThat(b.leading.get()).isFalse();

        long stopped = System.nanoTime();
        a.process.destroy();
        assertThat(a.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        a.leading.set(false);
        assertThat(sample(Duration.ofSeconds(10), () -> b.leading.get())).isTrue();
        double seconds = (b.leadingSinceNanos - stopped) / 1e9;
        System.out.printf("leader hand-over after SIGTERM: %.2f s%n", seconds);
        assertThat(seconds).isLessThanOrEqualTo(2.0);
    }
}
