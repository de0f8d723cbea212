package io.kube4j.kubelet.pod;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Hands out pod IPs from the node's {@code --pod-cidr} (IPv4), skipping the network address and
 * the first host (the "gateway"). Thread-safe. The process runtime's pods share the host's network,
 * so on Linux every address of 127.0.0.0/8 is usable without setup.
 */
final class PodIps {

    private final long base;
    private final long size;
    private final Map<String, Long> byPod = new HashMap<>();
    private long next;

    PodIps(String cidr) {
        String[] parts = cidr.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("pod CIDR \"" + cidr + "\" is not a.b.c.d/n");
        }
        int prefix = Integer.parseInt(parts[1]);
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("pod CIDR \"" + cidr + "\": prefix must be 8 to 30");
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        this.base = toLong(parts[0]) & mask;
        this.size = 1L << (32 - prefix);
        this.next = 2;
    }

    static long toLong(String ip) {
        String[] octets = ip.split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("\"" + ip + "\" is not an IPv4 address");
        }
        long value = 0;
        for (String o : octets) {
            int b = Integer.parseInt(o);
            if (b < 0 || b > 255) {
                throw new IllegalArgumentException("\"" + ip + "\" is not an IPv4 address");
            }
            value = value << 8 | b;
        }
        return value;
    }

    static String toText(long ip) {
        return (ip >> 24 & 255) + "." + (ip >> 16 & 255) + "." + (ip >> 8 & 255) + "." + (ip & 255);
    }

    /** The pod's address, allocating one the first time. */
    synchronized String allocate(String podUid) {
        Long existing = byPod.get(podUid);
        if (existing != null) {
            return toText(existing);
        }
        for (long tried = 0; tried < size; tried++) {
            long candidate = base + next;
            next = next + 1 >= size - 1 ? 2 : next + 1;
            if (!byPod.containsValue(candidate)) {
                byPod.put(podUid, candidate);
                return toText(candidate);
            }
        }
        throw new IllegalStateException("pod CIDR is full: " + byPod.size() + " pods");
    }

    /** Records an address given before a restart. */
    synchronized void restore(String podUid, String ip) {
        byPod.put(podUid, toLong(ip));
    }

    synchronized Optional<String> of(String podUid) {
        return Optional.ofNullable(byPod.get(podUid)).map(PodIps::toText);
    }

    synchronized void release(String podUid) {
        byPod.remove(podUid);
    }
}
