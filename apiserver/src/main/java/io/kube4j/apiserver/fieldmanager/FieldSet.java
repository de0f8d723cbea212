package io.kube4j.apiserver.fieldmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A set of field paths, as server-side apply tracks ownership. A path is a list of elements in
 * Kubernetes' FieldsV1 notation: {@code f:<field>}, {@code k:<key object as JSON>} for an item of
 * an associative list, {@code v:<value as JSON>} for an item of a set. Immutable.
 */
public final class FieldSet {

    /** Orders paths element by element, so that a parent comes right before its children. */
    private static final Comparator<List<String>> ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    public static final FieldSet EMPTY = new FieldSet(new TreeSet<>(ORDER));

    private final TreeSet<List<String>> paths;

    private FieldSet(TreeSet<List<String>> paths) {
        this.paths = paths;
    }

    public static FieldSet of(Iterable<List<String>> paths) {
        TreeSet<List<String>> set = new TreeSet<>(ORDER);
        for (List<String> p : paths) {
            set.add(List.copyOf(p));
        }
        return new FieldSet(set);
    }

    public Set<List<String>> paths() {
        return Collections.unmodifiableSet(paths);
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    public boolean contains(List<String> path) {
        return paths.contains(path);
    }

    /** Whether {@code path} or anything under it is in the set. */
    public boolean containsOrUnder(List<String> path) {
        List<String> next = paths.ceiling(path);
        return next != null && next.size() >= path.size() && next.subList(0, path.size()).equals(path);
    }

    public FieldSet union(FieldSet other) {
        if (other.paths.isEmpty()) {
            return this;
        }
        if (paths.isEmpty()) {
            return other;
        }
        TreeSet<List<String>> set = new TreeSet<>(paths);
        set.addAll(other.paths);
        return new FieldSet(set);
    }

    public FieldSet minus(FieldSet other) {
        if (other.paths.isEmpty() || paths.isEmpty()) {
            return this;
        }
        TreeSet<List<String>> set = new TreeSet<>(paths);
        set.removeAll(other.paths);
        return new FieldSet(set);
    }

    public FieldSet intersect(FieldSet other) {
        TreeSet<List<String>> set = new TreeSet<>(paths);
        set.retainAll(other.paths);
        return new FieldSet(set);
    }

    /**
     * The FieldsV1 form stored in {@code managedFields}: a tree keyed by path elements, a leaf
     * ({@code {}}) for a path in the set, and {@code ".": {}} inside a node that is itself in the
     * set while having children.
     */
    public ObjectNode toFieldsV1() {
        ObjectNode root = Json.object();
        for (List<String> path : paths) {
            ObjectNode node = root;
            for (String element : path) {
                node = node.get(element) instanceof ObjectNode child ? child : node.putObject(element);
            }
            List<String> next = paths.higher(path);
            if (next != null && isPrefix(path, next)) {
                node.putObject(".");
            }
        }
        return root;
    }

    /** Reads the FieldsV1 form; anything that is not an object tree is ignored. */
    public static FieldSet fromFieldsV1(JsonNode fields) {
        List<List<String>> out = new ArrayList<>();
        read(fields, new ArrayList<>(), out);
        return of(out);
    }

    private static void read(JsonNode node, List<String> path, List<List<String>> out) {
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            if (member.getKey().equals(".")) {
                if (!path.isEmpty()) {
                    out.add(List.copyOf(path));
                }
                continue;
            }
            path.add(member.getKey());
            if (member.getValue().isObject() && member.getValue().isEmpty()) {
                out.add(List.copyOf(path));
            } else if (member.getValue().isObject()) {
                read(member.getValue(), path, out);
            }
            path.remove(path.size() - 1);
        }
    }

    private static boolean isPrefix(List<String> prefix, List<String> path) {
        return path.size() > prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    /** As Kubernetes prints a path in conflicts: {@code .spec.containers[name="main"].image}. */
    public static String describe(List<String> path) {
        StringBuilder text = new StringBuilder();
        for (String element : path) {
            String body = element.substring(2);
            switch (element.substring(0, 2)) {
                case "f:" -> text.append('.').append(body);
                case "k:" -> {
                    JsonNode key = Json.parse(body);
                    List<String> parts = new ArrayList<>();
                    key.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue()));
                    text.append('[').append(String.join(",", parts)).append(']');
                }
                case "v:" -> text.append("[=").append(body).append(']');
                default -> text.append('[').append(body).append(']');
            }
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet other && paths.equals(other.paths);
    }

    @Override
    public int hashCode() {
        return paths.hashCode();
    }

    @Override
    public String toString() {
        return paths.toString();
    }
}
