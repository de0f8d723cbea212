package io.kube4j.proxy.userspace;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Live counters of one Service port: open relayed connections and bytes relayed both ways. */
public final class ServiceStats {

    final AtomicInteger active = new AtomicInteger();
    final LongAdder bytes = new LongAdder();

    public int activeConnections() {
        return active.get();
    }

    public long bytesRelayed() {
        return bytes.sum();
    }
}
