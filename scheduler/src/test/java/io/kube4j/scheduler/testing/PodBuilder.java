package io.kube4j.scheduler.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.core.Pod;
import io.kube4j.scheduler.framework.PodInfo;
import java.time.Instant;

/** A fluent builder of test pods: {@code pod("web").requests("500m", "1Gi").toleration(...).build()}. */
public final class PodBuilder {

    private final Pod pod;
    private final ObjectNode spec;
    private int containers;
    private ObjectNode requiredTerm;

    private PodBuilder(String namespace, String name) {
        this.pod = Pod.named(namespace, name);
        this.spec = pod.json().putObject("spec");
        spec.putArray("containers");
    }

    public static PodBuilder pod(String name) {
        return new PodBuilder("default", name);
    }

    public static PodBuilder pod(String namespace, String name) {
        return new PodBuilder(namespace, name);
    }

    /** Adds a container requesting {@code cpu} and {@code memory} (null = not set). */
    public PodBuilder requests(String cpu, String memory) {
        resources(container("containers"), "requests", cpu, memory);
        return this;
    }

    /** Adds a container that only sets limits (null = not set). */
    public PodBuilder limits(String cpu, String memory) {
        resources(container("containers"), "limits", cpu, memory);
        return this;
    }

    public PodBuilder initRequests(String cpu, String memory) {
        resources(container("initContainers"), "requests", cpu, memory);
        return this;
    }

    public PodBuilder overhead(String cpu, String memory) {
        ObjectNode overhead = spec.putObject("overhead");
        overhead.put("cpu", cpu);
        overhead.put("memory", memory);
        return this;
    }

    public PodBuilder hostPort(int port) {
        return hostPort("", "TCP", port);
    }

    public PodBuilder hostPort(String ip, String protocol, int port) {
        ObjectNode p = container("containers").putArray("ports").addObject();
        p.put("containerPort", port);
        p.put("hostPort", port);
        p.put("protocol", protocol);
        if (!ip.isEmpty()) {
            p.put("hostIP", ip);
        }
        return this;
    }

    public PodBuilder toleration(String key, String operator, String value, String effect) {
        ArrayNode tolerations = spec.has("tolerations") ? (ArrayNode) spec.get("tolerations") : spec.putArray("tolerations");
        ObjectNode t = tolerations.addObject();
        t.put("key", key);
        t.put("operator", operator);
        t.put("value", value);
        t.put("effect", effect);
        return this;
    }

    public PodBuilder nodeSelector(String key, String value) {
        (spec.has("nodeSelector") ? (ObjectNode) spec.get("nodeSelector") : spec.putObject("nodeSelector")).put(key, value);
        return this;
    }

    /** Starts a new required node selector term (terms are ORed). */
    public PodBuilder requiredTerm() {
        ObjectNode required = affinity().has("requiredDuringSchedulingIgnoredDuringExecution")
                ? (ObjectNode) affinity().get("requiredDuringSchedulingIgnoredDuringExecution")
                : affinity().putObject("requiredDuringSchedulingIgnoredDuringExecution");
        ArrayNode terms = required.has("nodeSelectorTerms") ? (ArrayNode) required.get("nodeSelectorTerms")
                : required.putArray("nodeSelectorTerms");
        requiredTerm = terms.addObject();
        requiredTerm.putArray("matchExpressions");
        return this;
    }

    /** Adds an expression to the current required term (expressions are ANDed). */
    public PodBuilder requiredExpression(String key, String operator, String... values) {
        if (requiredTerm == null) {
            requiredTerm();
        }
        expression((ArrayNode) requiredTerm.get("matchExpressions"), key, operator, values);
        return this;
    }

    public PodBuilder preferred(int weight, String key, String operator, String... values) {
        ArrayNode preferred = affinity().has("preferredDuringSchedulingIgnoredDuringExecution")
                ? (ArrayNode) affinity().get("preferredDuringSchedulingIgnoredDuringExecution")
                : affinity().putArray("preferredDuringSchedulingIgnoredDuringExecution");
        ObjectNode term = preferred.addObject();
        term.put("weight", weight);
        expression(term.putObject("preference").putArray("matchExpressions"), key, operator, values);
        return this;
    }

    public PodBuilder priority(int priority) {
        spec.put("priority", priority);
        return this;
    }

    public PodBuilder schedulerName(String name) {
        spec.put("schedulerName", name);
        return this;
    }

    public PodBuilder nodeName(String node) {
        spec.put("nodeName", node);
        return this;
    }

    public PodBuilder created(Instant when) {
        object(pod.json(), "metadata").put("creationTimestamp", when.toString());
        return this;
    }

    public PodBuilder phase(String phase) {
        pod.json().putObject("status").put("phase", phase);
        return this;
    }

    public PodBuilder resourceVersion(String rv) {
        pod.metadata().resourceVersion(rv);
        return this;
    }

    /** A container with no requests at all, if none was added. */
    public Pod build() {
        if (containers == 0) {
            container("containers");
        }
        return pod.deepCopy();
    }

    public PodInfo info() {
        return PodInfo.of(build());
    }

    private ObjectNode affinity() {
        ObjectNode affinity = spec.has("affinity") ? (ObjectNode) spec.get("affinity") : spec.putObject("affinity");
        return affinity.has("nodeAffinity") ? (ObjectNode) affinity.get("nodeAffinity") : affinity.putObject("nodeAffinity");
    }

    private ObjectNode container(String list) {
        ArrayNode array = spec.has(list) ? (ArrayNode) spec.get(list) : spec.putArray(list);
        ObjectNode c = array.addObject();
        c.put("name", (list.equals("containers") ? "c" : "init") + containers++);
        c.put("image", "busybox");
        return c;
    }

    private static void resources(ObjectNode container, String kind, String cpu, String memory) {
        ObjectNode amounts = container.putObject("resources").putObject(kind);
        if (cpu != null) {
            amounts.put("cpu", cpu);
        }
        if (memory != null) {
            amounts.put("memory", memory);
        }
    }

    private static void expression(ArrayNode expressions, String key, String operator, String... values) {
        ObjectNode e = expressions.addObject();
        e.put("key", key);
        e.put("operator", operator);
        ArrayNode v = e.putArray("values");
        for (String value : values) {
            v.add(value);
        }
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        return parent.get(field) instanceof ObjectNode o ? o : parent.putObject(field);
    }
}
