package io.kube4j.apiserver.bench;

import java.lang.management.ManagementFactory;

/** Heap in use after full collections: what this JVM keeps alive, garbage excluded. */
final class HeapProbe {

    private HeapProbe() {
    }

    static long usedAfterGc() throws InterruptedException {
        // twice: objects with finalizers or reference queues need a second collection to go
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
