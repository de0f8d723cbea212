package io.kube4j.scheduler.framework;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.core.Node;
import io.kube4j.common.api.core.Quantity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node as the scheduler sees it: the Node object's scheduling fields parsed once, plus the pods
 * on it (bound, and assumed while their binding is in flight) and what they request. Immutable:
 * every change makes a new NodeInfo, so a snapshot taken for a scheduling cycle never changes
 * under it. A NodeInfo whose Node object has not arrived yet ({@link #hasNode()} false) only
 * carries pods and is never offered to plugins.
 */
public final class NodeInfo {

    private final String name;
    private final Node node;
    private final Map<String, String> labels;
    private final List<Taint> taints;
    private final boolean unschedulable;
    private final String readyStatus;
    private final Resource allocatable;
    private final Map<String, PodInfo> pods;
    private final Resource requested;
    private final Resource nonZeroRequested;
    private final List<HostPort> usedPorts;

    private NodeInfo(String name, Node node, Map<String, String> labels, List<Taint> taints, boolean unschedulable,
                     String readyStatus, Resource allocatable, Map<String, PodInfo> pods, Resource requested,
                     Resource nonZeroRequested, List<HostPort> usedPorts) {
        this.name = name;
        this.node = node;
        this.labels = labels;
        this.taints = taints;
        this.unschedulable = unschedulable;
        this.readyStatus = readyStatus;
        this.allocatable = allocatable;
        this.pods = pods;
        this.requested = requested;
        this.nonZeroRequested = nonZeroRequested;
        this.usedPorts = usedPorts;
    }

    /** A node with no pods yet. */
    public static NodeInfo of(Node node) {
        return empty(node.metadata().name()).withNode(node);
    }

    /** Pods' placeholder for a node whose object has not been seen. */
    public static NodeInfo empty(String name) {
        return new NodeInfo(name, null, Map.of(), List.of(), false, "", Resource.ZERO, Map.of(), Resource.ZERO, Resource.ZERO,
                List.of());
    }

    /** The same pods on {@code newNode}, whose labels, taints and allocatable are read afresh. */
    public NodeInfo withNode(Node newNode) {
        JsonNode json = newNode.json();
        return new NodeInfo(name, newNode, Collections.unmodifiableMap(newNode.metadata().labels()),
                Taint.listOf(json.path("spec").path("taints")), json.path("spec").path("unschedulable").asBoolean(false),
                readyStatusOf(json.path("status")), allocatableOf(json.path("status")), pods, requested, nonZeroRequested,
                usedPorts);
    }

    /** The same pods, with the Node object gone (deleted while pods are still bound to it). */
    public NodeInfo withoutNode() {
        return new NodeInfo(name, null, Map.of(), List.of(), false, "", Resource.ZERO, pods, requested, nonZeroRequested,
                usedPorts);
    }

    /** This node with {@code pod} added (replacing a pod of the same key). */
    public NodeInfo withPod(PodInfo pod) {
        NodeInfo base = pods.containsKey(pod.key()) ? withoutPod(pod.key()) : this;
        Map<String, PodInfo> more = new HashMap<>(base.pods);
        more.put(pod.key(), pod);
        List<HostPort> ports = base.usedPorts;
        if (!pod.hostPorts().isEmpty()) {
            ports = new ArrayList<>(base.usedPorts);
            ports.addAll(pod.hostPorts());
        }
        return new NodeInfo(name, node, labels, taints, unschedulable, readyStatus, allocatable, Collections.unmodifiableMap(more),
                base.requested.plus(pod.requests()), base.nonZeroRequested.plus(pod.nonZeroRequests()), List.copyOf(ports));
    }

    /** This node without the pod of {@code key}; itself when there is none. */
    public NodeInfo withoutPod(String key) {
        PodInfo pod = pods.get(key);
        if (pod == null) {
            return this;
        }
        Map<String, PodInfo> fewer = new HashMap<>(pods);
        fewer.remove(key);
        List<HostPort> ports = usedPorts;
        if (!pod.hostPorts().isEmpty()) {
            ports = new ArrayList<>();
            for (PodInfo p : fewer.values()) {
                ports.addAll(p.hostPorts());
            }
        }
        return new NodeInfo(name, node, labels, taints, unschedulable, readyStatus, allocatable, Collections.unmodifiableMap(fewer),
                requested.minus(pod.requests()), nonZeroRequested.minus(pod.nonZeroRequests()), List.copyOf(ports));
    }

    private static Resource allocatableOf(JsonNode status) {
        JsonNode amounts = status.has("allocatable") ? status.path("allocatable") : status.path("capacity");
        return new Resource(amount(amounts.path("cpu"), true), amount(amounts.path("memory"), false),
                amount(amounts.path("pods"), false));
    }

    private static long amount(JsonNode value, boolean milli) {
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        try {
            Quantity q = Quantity.parse(value.asText());
            return Math.max(0, milli ? q.milliValue() : q.value());
        } catch (IllegalArgumentException e) {
            return 0; // a node reporting nonsense offers nothing
        }
    }

    public String name() {
        return name;
    }

    public boolean hasNode() {
        return node != null;
    }

    /** The Node object (the informer's: read only); null when {@link #hasNode()} is false. */
    public Node node() {
        return node;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public List<Taint> taints() {
        return taints;
    }

    /** {@code spec.unschedulable}: cordoned. */
    public boolean unschedulable() {
        return unschedulable;
    }

    /** The status of the Ready condition: True, False, Unknown, or "" when the node reports none. */
    public String readyStatus() {
        return readyStatus;
    }

    private static String readyStatusOf(JsonNode status) {
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText("");
            }
        }
        return "";
    }

    /** status.allocatable (else status.capacity): what pods may request in all. */
    public Resource allocatable() {
        return allocatable;
    }

    /** The sum of the requests of the pods on the node; pods = how many pods. */
    public Resource requested() {
        return requested;
    }

    /** As {@link #requested()}, with the scoring defaults for containers requesting nothing. */
    public Resource nonZeroRequested() {
        return nonZeroRequested;
    }

    public Collection<PodInfo> pods() {
        return pods.values();
    }

    public boolean hasPod(String key) {
        return pods.containsKey(key);
    }

    public List<HostPort> usedPorts() {
        return usedPorts;
    }

    @Override
    public String toString() {
        return "NodeInfo[" + name + ", pods=" + pods.size() + ", requested=" + requested + ", allocatable=" + allocatable + "]";
    }
}
