package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.storage.Storage;
import io.kube4j.apiserver.storage.StorageException;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusCause;
import io.kube4j.common.api.meta.StatusException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out Services' cluster IPs and node ports. Each address and each port in use is one etcd
 * key ({@code <root>/ranges/serviceips/<ip>}, {@code <root>/ranges/servicenodeports/<port>}) written
 * with etcd's "create if absent" transaction, so two creates (in one apiserver or in two sharing
 * etcd) can never both get the same value: the loser sees EXISTS and picks another (or answers 422
 * when the value was requested). A claim whose Service never got written (an apiserver died in
 * between) is taken back once it is older than {@link #STALE_AFTER} and its owner does not exist.
 */
public final class ServiceAllocator implements Claims {

    static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final int RANDOM_TRIES = 64;

    private final Storage storage;
    private final String root;
    private final ServiceRanges ranges;
    private final ServiceRanges.Ipv4Range ipRange;
    private final Clock clock;
    private volatile boolean repaired;

    public ServiceAllocator(Storage storage, String root, ServiceRanges ranges, Clock clock) {
        this.storage = storage;
        this.root = root;
        this.ranges = ranges;
        this.ipRange = ranges.ipRange();
        this.clock = clock;
    }

    private String ipPrefix() {
        return root + "/ranges/serviceips/";
    }

    private String portPrefix() {
        return root + "/ranges/servicenodeports/";
    }

    @Override
    public Claim claim(ResourceType type, ObjectNode service, ObjectNode old) {
        if (!isService(type)) {
            return Claim.NONE;
        }
        if (!repaired) {
            repair(type);
        }
        ObjectNode spec = Nodes.object(service, "spec");
        String name = service.path("metadata").path("name").asText("");
        Owner owner = owner(type, service);
        List<String> claimed = new ArrayList<>();
        try {
            if (!"ExternalName".equals(spec.path("type").asText("ClusterIP"))) {
                claimClusterIp(spec, old, owner, name, claimed);
            }
            claimNodePorts(spec, old, owner, name, claimed);
        } catch (RuntimeException e) {
            claimed.forEach(key -> free(key, owner.uid()));
            throw e;
        }
        return claimed.isEmpty() ? Claim.NONE : () -> claimed.forEach(key -> free(key, owner.uid()));
    }

    @Override
    public void release(ResourceType type, ObjectNode held, ObjectNode kept) {
        if (!isService(type)) {
            return;
        }
        Set<String> keys = keysOf(held);
        if (kept != null) {
            keys.removeAll(keysOf(kept));
        }
        String uid = held.path("metadata").path("uid").asText("");
        keys.forEach(key -> free(key, uid));
    }

    /**
     * Claims what stored Services hold but no key records (Services written before allocation
     * existed, or restored from a backup), once per apiserver before its first allocation.
     */
    private synchronized void repair(ResourceType type) {
        if (repaired) {
            return;
        }
        String prefix = type.keyPrefix(root);
        List<Storage.Entry> stored;
        try {
            stored = storage.list(prefix, prefix, 0, 0).entries();
        } catch (StorageException e) {
            return; // tried again before the next allocation
        }
        for (Storage.Entry entry : stored) {
            JsonNode service = parse(entry.value());
            if (!(service instanceof ObjectNode object)) {
                continue;
            }
            Owner owner = owner(type, object);
            for (String key : keysOf(object)) {
                String value = key.substring(key.lastIndexOf('/') + 1);
                boolean inRange = key.startsWith(ipPrefix()) ? ipRange.indexOf(value) >= 0
                        : Integer.parseInt(value) >= ranges.nodePortMin() && Integer.parseInt(value) <= ranges.nodePortMax();
                if (inRange) {
                    try {
                        storage.create(key, owner.value(clock.instant()));
                    } catch (StorageException e) {
                        // held already (EXISTS), or etcd trouble: the next apiserver start tries again
                    }
                }
            }
        }
        repaired = true;
    }

    private static boolean isService(ResourceType type) {
        return type.group().isEmpty() && type.kind().equals("Service");
    }

    // ---- cluster IP

    private void claimClusterIp(ObjectNode spec, ObjectNode old, Owner owner, String name, List<String> claimed) {
        String oldIp = old == null ? "" : old.path("spec").path("clusterIP").asText("");
        String ip = spec.path("clusterIP").asText("");
        if (ip.isEmpty() && spec.path("clusterIPs").size() > 0) {
            ip = spec.path("clusterIPs").get(0).asText("");
        }
        if (!oldIp.isEmpty() && ip.equals(oldIp)) {
            return; // already held (immutability is the strategy's rule)
        }
        if (ip.equals("None")) {
            setClusterIp(spec, "None");
            return;
        }
        if (ip.isEmpty()) {
            ip = allocateIp(owner);
            claimed.add(ipPrefix() + ip);
        } else {
            if (ServiceRanges.Ipv4Range.toLong(ip) < 0) {
                throw invalid(name, "spec.clusterIP", ip, "must be a valid IP address, (e.g. 10.9.8.7) or \"None\"");
            }
            if (ipRange.indexOf(ip) < 0) {
                throw invalid(name, "spec.clusterIP", ip, "failed to allocate IP " + ip
                        + ": the provided IP (" + ip + ") is not in the valid range. The range of valid IPs is " + ipRange);
            }
            if (!take(ipPrefix() + ip, owner)) {
                throw invalid(name, "spec.clusterIP", ip, "failed to allocate IP " + ip + ": provided IP is already allocated");
            }
            claimed.add(ipPrefix() + ip);
        }
        setClusterIp(spec, ip);
    }

    private static void setClusterIp(ObjectNode spec, String ip) {
        spec.put("clusterIP", ip);
        spec.putArray("clusterIPs").add(ip);
        if (!ip.equals("None")) {
            Nodes.defaultText(spec, "ipFamilyPolicy", "SingleStack");
            if (!spec.has("ipFamilies")) {
                spec.putArray("ipFamilies").add("IPv4");
            }
        }
    }

    private String allocateIp(Owner owner) {
        Set<Long> taken = new HashSet<>();
        for (String key : heldKeys(ipPrefix())) {
            long i = ipRange.indexOf(key.substring(ipPrefix().length()));
            if (i >= 0) {
                taken.add(i);
            }
        }
        long size = ipRange.usable();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < RANDOM_TRIES && taken.size() < size; attempt++) {
            long i = random.nextLong(size);
            if (taken.contains(i)) {
                continue;
            }
            if (take(ipPrefix() + ipRange.address(i), owner)) {
                return ipRange.address(i);
            }
            taken.add(i);
        }
        // a nearly full range: walk it once from a random start
        long start = random.nextLong(size);
        for (long n = 0; n < size; n++) {
            long i = (start + n) % size;
            if (!taken.contains(i) && take(ipPrefix() + ipRange.address(i), owner)) {
                return ipRange.address(i);
            }
        }
        throw StatusException.internal("failed to allocate a serviceIP: range " + ipRange + " is full", null);
    }

    // ---- node ports

    private void claimNodePorts(ObjectNode spec, ObjectNode old, Owner owner, String name, List<String> claimed) {
        String type = spec.path("type").asText("ClusterIP");
        boolean wantsNodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
        JsonNode ports = spec.path("ports");
        Map<String, Integer> oldPorts = new HashMap<>();
        Set<Integer> oldNodePorts = new HashSet<>();
        if (old != null) {
            for (JsonNode p : old.path("spec").path("ports")) {
                int np = p.path("nodePort").asInt(0);
                if (np > 0) {
                    oldPorts.put(portKey(p), np);
                    oldNodePorts.add(np);
                }
            }
        }
        Set<String> used = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            if (!(ports.get(i) instanceof ObjectNode port)) {
                continue;
            }
            int np = port.path("nodePort").asInt(0);
            String field = "spec.ports[" + i + "].nodePort";
            if (!wantsNodePorts) {
                if (np != 0 && oldNodePorts.contains(np)) {
                    port.remove("nodePort"); // the type no longer has node ports: drop the old one
                } else if (np != 0) {
                    throw invalid(name, field, np, "may not be used when `type` is '" + type + "'");
                }
                continue;
            }
            if (np == 0 && oldPorts.containsKey(portKey(port))) {
                np = oldPorts.get(portKey(port)); // an update that left the allocated port out keeps it
            }
            if (np == 0) {
                np = allocatePort(owner);
                claimed.add(portPrefix() + np);
            } else if (!oldNodePorts.contains(np)) {
                if (np < ranges.nodePortMin() || np > ranges.nodePortMax()) {
                    throw invalid(name, field, np, "provided port is not in the valid range. The range of valid ports is "
                            + ranges.nodePortMin() + "-" + ranges.nodePortMax());
                }
                if (!used.contains(protocol(port) + "/" + np)) {
                    if (!take(portPrefix() + np, owner)) {
                        throw invalid(name, field, np, "provided port is already allocated");
                    }
                    claimed.add(portPrefix() + np);
                }
            }
            if (!used.add(protocol(port) + "/" + np)) {
                throw StatusException.invalid("Service", name, List.of(StatusCause.duplicate(field, np)));
            }
            port.put("nodePort", np);
        }
    }

    private static String protocol(JsonNode port) {
        return port.path("protocol").asText("TCP");
    }

    private static String portKey(JsonNode port) {
        return protocol(port) + "/" + port.path("port").asInt(0);
    }

    private int allocatePort(Owner owner) {
        Set<Integer> taken = new HashSet<>();
        for (String key : heldKeys(portPrefix())) {
            try {
                taken.add(Integer.parseInt(key.substring(portPrefix().length())));
            } catch (NumberFormatException e) {
                // not ours
            }
        }
        int size = ranges.nodePortMax() - ranges.nodePortMin() + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int n = 0; n < size; n++) {
            int port = ranges.nodePortMin() + (start + n) % size;
            if (!taken.contains(port) && take(portPrefix() + port, owner)) {
                return port;
            }
        }
        throw StatusException.internal("failed to allocate a nodePort: range " + ranges.nodePortMin() + "-"
                + ranges.nodePortMax() + " is full", null);
    }

    // ---- the keys in etcd

    /** Claims {@code key}: create-if-absent, or take over a stale claim with a compare-and-swap. */
    private boolean take(String key, Owner owner) {
        byte[] value = owner.value(clock.instant());
        try {
            storage.create(key, value);
            return true;
        } catch (StorageException e) {
            if (e.kind() != StorageException.Kind.EXISTS) {
                throw GenericStore.translate(e, null, key);
            }
        }
        Optional<Storage.Entry> existing = storage.get(key);
        if (existing.isEmpty()) {
            return take(key, owner); // freed in between
        }
        JsonNode held = parse(existing.get().value());
        if (held.path("uid").asText("").equals(owner.uid())) {
            return true; // ours, from an earlier attempt of the same write
        }
        Instant at = Instant.parse(held.path("claimedAt").asText("1970-01-01T00:00:00Z"));
        if (at.plus(STALE_AFTER).isAfter(clock.instant()) || ownerExists(held)) {
            return false;
        }
        try {
            storage.update(key, value, existing.get().modRevision());
            return true;
        } catch (StorageException e) {
            return false;
        }
    }

    private boolean ownerExists(JsonNode held) {
        String key = held.path("key").asText("");
        if (key.isEmpty()) {
            return true;
        }
        return storage.get(key).map(entry -> parse(entry.value()).path("metadata").path("uid").asText("")
                .equals(held.path("uid").asText())).orElse(false);
    }

    /** Deletes {@code key} if {@code uid} still holds it. */
    private void free(String key, String uid) {
        try {
            Optional<Storage.Entry> entry = storage.get(key);
            if (entry.isPresent() && parse(entry.get().value()).path("uid").asText("").equals(uid)) {
                storage.delete(key, entry.get().modRevision());
            }
        } catch (RuntimeException e) {
            // best effort: a claim left behind is taken back once stale
        }
    }

    private List<String> heldKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (Storage.Entry e : storage.list(prefix, prefix, 0, 0).entries()) {
                keys.add(e.key());
            }
        } catch (StorageException e) {
            throw GenericStore.translate(e, null, prefix);
        }
        return keys;
    }

    private Set<String> keysOf(ObjectNode service) {
        Set<String> keys = new LinkedHashSet<>();
        JsonNode spec = service.path("spec");
        String ip = spec.path("clusterIP").asText("");
        if (!ip.isEmpty() && !ip.equals("None")) {
            keys.add(ipPrefix() + ip);
        }
        for (JsonNode p : spec.path("ports")) {
            int np = p.path("nodePort").asInt(0);
            if (np > 0) {
                keys.add(portPrefix() + np);
            }
        }
        return keys;
    }

    private static StatusException invalid(String name, String field, Object value, String detail) {
        return StatusException.invalid("Service", name, List.of(StatusCause.invalid(field, value, detail)));
    }

    private static JsonNode parse(byte[] value) {
        return Json.parse(new String(value, StandardCharsets.UTF_8));
    }

    private Owner owner(ResourceType type, ObjectNode service) {
        JsonNode meta = service.path("metadata");
        return new Owner(type.key(root, meta.path("namespace").asText(""), meta.path("name").asText("")),
                meta.path("uid").asText(""));
    }

    /** Who holds a claim: the Service's storage key and uid. */
    private record Owner(String key, String uid) {

        byte[] value(Instant now) {
            ObjectNode json = Json.object();
            json.put("key", key);
            json.put("uid", uid);
            json.put("claimedAt", now.toString());
            return Json.bytes(json);
        }
    }
}
