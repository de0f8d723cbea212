package io.kube4j.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kube4j.apiserver.testing.TestCluster;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.testing.etcd.Etcd;
import io.kube4j.common.testing.etcd.EtcdTest;
import io.kube4j.common.client.ClientConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Static pods from --pod-manifest-path run on the node and appear in the apiserver as mirror pods. */
@EtcdTest
class KubeletStaticPodIT {

    static TestCluster cluster;
    static KubeletHarness harness;
    static Path manifests;

    @BeforeAll
    static void start(Etcd etcd) throws Exception {
        cluster = TestCluster.start(etcd);
        harness = new KubeletHarness(cluster);
        manifests = Files.createTempDirectory("kube4j-manifests-");
        harness.startKubelet(o -> o.withPodManifestPath(manifests));
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static String mirrorHash(Pod pod) {
        return pod.metadata().annotations().getOrDefault("kubernetes.io/config.mirror", "");
    }

    @Test
    void runsAManifestPublishesItsMirrorPodRecreatesItAndStopsWhenTheFileGoes() throws Exception {
        Files.writeString(manifests.resolve("web.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  labels: {app: web}
                spec:
                  terminationGracePeriodSeconds: 2
                  containers:
                  - name: main
                    image: busybox
                    command: ["sh", "-c", "echo static; sleep 3600"]
                """);
        Files.writeString(manifests.resolve("README.txt"), "not a manifest");

        Pod mirror = harness.awaitPod("web-n1", KubeletHarness::running);
        String staticUid = mirrorHash(mirror);
        assertThat(staticUid).isNotEmpty().isNotEqualTo(mirror.metadata().uid());
        assertThat(mirror.metadata().labels()).containsEntry("app", "web");
        assertThat(mirror.metadata().ownerReferences()).singleElement().satisfies(o -> assertThat(o.name()).isEqualTo("n1"));
        var runtime = harness.kubelet.runtime();
        assertThat(runtime.state(staticUid, "main")).hasValueSatisfying(s -> assertThat(s.running()).isTrue());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(harness.kubeletGet("admin", "/containerLogs/default/web-n1/main").body()).isEqualTo("static\n"));

        // a deleted mirror comes back; the static pod itself runs on, untouched
        long pid = KubeletHarness.pid(mirror);
        harness.deleteNow("web-n1");
        Pod again = harness.awaitPod("web-n1", p -> !p.metadata().uid().equals(mirror.metadata().uid()) && KubeletHarness.running(p));
        assertThat(mirrorHash(again)).isEqualTo(staticUid);
        assertThat(KubeletHarness.pid(again)).isEqualTo(pid);

        Files.delete(manifests.resolve("web.yaml"));
        harness.awaitGone("web-n1");
        await().atMost(Duration.ofSeconds(20)).until(() -> !runtime.pods().contains(staticUid));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void runsStaticPodsWhileTheApiserverIsUnreachable() throws Exception {
        Path offlineManifests = Files.createTempDirectory("kube4j-manifests-offline-");
        Files.writeString(offlineManifests.resolve("offline.json"), """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"offline"},
                 "spec":{"containers":[{"name":"main","image":"busybox","command":["sh","-c","echo offline; sleep 3600"]}]}}""");
        // nothing listens there: the kubelet cannot register, list or mirror anything
        ClientConfig nowhere = cluster.clientConfig("kubelet-n1")
                .withServer(URI.create("https://127.0.0.1:" + KubeletHarness.freePort()));
        KubeletOptions options = KubeletOptions.defaults(nowhere, "n1", Files.createTempDirectory("kube4j-kubelet-offline-"))
                .withNode(Map.of(), List.of(), 110, "2", "4Gi", "127.9.0.0/16", "127.0.0.1")
                .withPodManifestPath(offlineManifests);
        Kubelet offline = new Kubelet(options, Clock.systemUTC());
        try {
            offline.start();
            var runtime = offline.runtime();
            await().atMost(Duration.ofSeconds(20)).until(() -> runtime.pods().size() == 1);
            String uid = runtime.pods().iterator().next();
            await().atMost(Duration.ofSeconds(10)).until(() -> runtime.state(uid, "main").map(s -> s.running()).orElse(false));
            Path log = runtime.logFile(uid, "main", false).orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).equals("offline\n"));
        } finally {
            List.copyOf(offline.runtime().pods()).forEach(offline.runtime()::removePod);
            offline.close();
        }
    }
}
