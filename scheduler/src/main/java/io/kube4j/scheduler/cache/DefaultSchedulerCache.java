package io.kube4j.scheduler.cache;

import io.kube4j.common.api.core.Node;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SchedulerCache} as immutable NodeInfos replaced under one monitor. The nodes that have
 * a Node object are also kept in an array in arrival order, so a snapshot is one array copy, made
 * only when something changed since the last one.
 */
final class DefaultSchedulerCache implements SchedulerCache {

    private final Map<String, NodeInfo> nodes = new HashMap<>();
    private final List<NodeInfo> ordered = new ArrayList<>();
    private final Map<String, Integer> position = new HashMap<>();
    private final Map<String, String> podNode = new HashMap<>();
    private final Set<String> assumed = new HashSet<>();
    private List<NodeInfo> snapshot = List.of();
    private boolean dirty;

    @Override
    public synchronized void addNode(Node node) {
        String name = node.metadata().name();
        NodeInfo current = nodes.get(name);
        put(current == null ? NodeInfo.of(node) : current.withNode(node));
    }

    @Override
    public synchronized void updateNode(Node node) {
        addNode(node);
    }

    @Override
    public synchronized void removeNode(String name) {
        NodeInfo current = nodes.remove(name);
        unlist(name);
        if (current != null && !current.pods().isEmpty()) {
            // its pods are still bound to it in the API; keep counting them should the node return
            nodes.put(name, current.withoutNode());
        }
        dirty = true;
    }

    @Override
    public synchronized void addPod(PodInfo pod) {
        String key = pod.key();
        String node = pod.nodeName();
        String previous = podNode.get(key);
        if (previous != null && !previous.equals(node)) {
            detach(key, previous);
        }
        assumed.remove(key);
        podNode.put(key, node);
        NodeInfo info = nodes.getOrDefault(node, NodeInfo.empty(node));
        put(info.withPod(pod));
    }

    @Override
    public synchronized void removePod(String key) {
        String node = podNode.remove(key);
        assumed.remove(key);
        if (node != null) {
            detach(key, node);
        }
    }

    @Override
    public synchronized boolean assume(PodInfo pod, String nodeName) {
        if (podNode.containsKey(pod.key())) {
            return false;
        }
        NodeInfo info = nodes.get(nodeName);
        if (info == null) {
            return false;
        }
        podNode.put(pod.key(), nodeName);
        assumed.add(pod.key());
        put(info.withPod(pod));
        return true;
    }

    @Override
    public synchronized void forget(String key) {
        if (assumed.contains(key)) {
            removePod(key);
        }
    }

    @Override
    public synchronized boolean isAssumed(String key) {
        return assumed.contains(key);
    }

    @Override
    public synchronized boolean hasPod(String key) {
        return podNode.containsKey(key);
    }

    @Override
    public synchronized List<NodeInfo> snapshot() {
        if (dirty) {
            snapshot = Collections.unmodifiableList(Arrays.asList(ordered.toArray(new NodeInfo[0])));
            dirty = false;
        }
        return snapshot;
    }

    @Override
    public synchronized Optional<NodeInfo> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    private void detach(String key, String nodeName) {
        NodeInfo info = nodes.get(nodeName);
        if (info == null) {
            return;
        }
        NodeInfo fewer = info.withoutPod(key);
        if (!fewer.hasNode() && fewer.pods().isEmpty()) {
            nodes.remove(nodeName);
        } else {
            put(fewer);
        }
    }

    private void put(NodeInfo info) {
        nodes.put(info.name(), info);
        if (info.hasNode()) {
            Integer at = position.get(info.name());
            if (at == null) {
                position.put(info.name(), ordered.size());
                ordered.add(info);
            } else {
                ordered.set(at, info);
            }
        }
        dirty = true;
    }

    private void unlist(String name) {
        Integer at = position.remove(name);
        if (at != null) {
            ordered.remove((int) at);
            for (int i = at; i < ordered.size(); i++) {
                position.put(ordered.get(i).name(), i);
            }
        }
    }
}
