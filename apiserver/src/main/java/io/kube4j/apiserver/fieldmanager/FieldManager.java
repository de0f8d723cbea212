package io.kube4j.apiserver.fieldmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.fieldmanager.ManagedFields.Entry;
import io.kube4j.apiserver.fieldmanager.ManagedFields.Operation;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusCause;
import io.kube4j.common.api.meta.StatusException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Field ownership ({@code metadata.managedFields}) and server-side apply, generic over JSON trees:
 * list items are identified with the strategic-merge key table. An {@code Update} (create, PUT,
 * any other patch) takes ownership of the fields it changed; an {@code Apply} owns exactly the
 * fields of its configuration, conflicts with other owners of a field it would change (unless
 * forced, which takes the field over), and removes fields it stopped applying that nobody else
 * owns. Pure functions of their arguments and the clock; thread-safe.
 */
public final class FieldManager {

    private static final String CLIENT_SIDE_APPLY = "kubectl-client-side-apply";
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final Clock clock;
    private volatile Stamp lastStamp;

    public FieldManager(Clock clock) {
        this.clock = clock;
    }

    /** The manager Kubernetes assumes when a write names none: the User-Agent up to its first "/". */
    public static String defaultManager(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "unknown";
        }
        String prefix = userAgent.split("/", 2)[0].trim();
        return prefix.length() > 128 ? prefix.substring(0, 128) : prefix;
    }

    /**
     * Records a non-apply write: {@code updated} (changed in place and returned) gets the managed
     * fields of {@code old} with {@code manager}'s Update entry owning what changed.
     *
     * @param old the stored object, or null for a create
     */
    public ObjectNode recordUpdate(ObjectNode old, ObjectNode updated, String manager, String kind, String apiVersion) {
        ObjectFields fields = new ObjectFields(kind);
        return record(old, updated, manager, apiVersion, "", fields::of);
    }

    /**
     * Records a write through the status subresource: {@code manager}'s Update entry for
     * subresource "status" owns the status fields it changed.
     */
    public ObjectNode recordStatusUpdate(ObjectNode old, ObjectNode updated, String manager, String kind, String apiVersion) {
        ObjectFields fields = new ObjectFields(kind);
        return record(old, updated, manager, apiVersion, "status", fields::ofStatus);
    }

    private ObjectNode record(ObjectNode old, ObjectNode updated, String manager, String apiVersion, String subresource,
                              java.util.function.Function<ObjectNode, FieldSet> fields) {
        // as in Kubernetes: managedFields left out keep the stored ones, an empty list clears them,
        // and a different list replaces them before this write is recorded on top
        JsonNode sent = updated.path("metadata").get("managedFields");
        boolean reset = sent != null && sent.isArray() && sent.isEmpty();
        boolean replaced = sent != null && sent.isArray() && !sent.isEmpty() && old != null
                && !sent.equals(old.path("metadata").get("managedFields"));
        List<Entry> entries = old == null || reset ? new ArrayList<>()
                : replaced ? ManagedFields.read(updated) : ManagedFields.read(old);
        FieldSet now = fields.apply(updated);
        FieldSet before = old == null ? FieldSet.EMPTY : fields.apply(old);
        List<List<String>> changed = new ArrayList<>();
        // a create changes every field it sets
        for (List<String> path : old == null ? List.<List<String>>of() : now.paths()) {
            if (!before.contains(path)) {
                changed.add(path);
                continue;
            }
            JsonNode value = ObjectFields.get(updated, path);
            if (ObjectFields.isLeafValue(path, value) && !ObjectFields.sameValue(value, ObjectFields.get(old, path))) {
                changed.add(path);
            }
        }
        FieldSet taken = old == null ? now : FieldSet.of(changed);
        FieldSet removed = before.minus(now);
        if (taken.isEmpty() && removed.isEmpty() && !reset && !replaced) {
            ManagedFields.write(updated, entries);
            return updated;
        }
        List<Entry> result = new ArrayList<>();
        Entry own = null;
        for (Entry e : entries) {
            if (e.sameOwner(manager, Operation.Update, subresource)) {
                own = e;
            } else {
                result.add(e.withFields(e.fields().minus(taken).minus(removed)));
            }
        }
        FieldSet owned = (own == null ? taken : own.fields().union(taken)).minus(removed);
        result.add(new Entry(manager, Operation.Update, apiVersion, now(), subresource, owned));
        ManagedFields.write(updated, result);
        return updated;
    }

    /**
     * Server-side apply of {@code config} by {@code manager}.
     *
     * @param live  the stored object, or null when the apply creates it
     * @param merge merges a configuration over an object (strategic-merge rules), returning a new tree
     * @return the object to store, with its managed fields
     * @throws StatusException 409 Conflict naming each field another manager owns with another value, unless {@code force}
     */
    public ObjectNode apply(ObjectNode live, ObjectNode config, String manager, boolean force, String kind,
                            String apiVersion, BinaryOperator<ObjectNode> merge) {
        ObjectFields fields = new ObjectFields(kind);
        ObjectNode applied = config.deepCopy();
        if (applied.get("metadata") instanceof ObjectNode meta) {
            meta.remove("managedFields");
        }
        List<Entry> entries = live == null ? new ArrayList<>() : ManagedFields.read(live);
        FieldSet appliedSet = fields.of(applied);

        FieldSet lastApplied = lastApplied(live, fields);
        Map<Integer, List<List<String>>> conflicts = new LinkedHashMap<>();
        Map<Integer, List<List<String>>> taken = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.sameOwner(manager, Operation.Apply, "")) {
                continue;
            }
            for (List<String> path : e.fields().intersect(appliedSet).paths()) {
                JsonNode wanted = ObjectFields.get(applied, path);
                JsonNode current = ObjectFields.get(live, path);
                if (current != null && ObjectFields.isLeafValue(path, wanted) && !ObjectFields.sameValue(current, wanted)) {
                    taken.computeIfAbsent(i, k -> new ArrayList<>()).add(path);
                    // moving from `kubectl apply` to `kubectl apply --server-side` takes over what the
                    // client-side apply configured without conflicts, as Kubernetes does
                    if (!(e.manager().equals(CLIENT_SIDE_APPLY) && lastApplied.contains(path))) {
                        conflicts.computeIfAbsent(i, k -> new ArrayList<>()).add(path);
                    }
                }
            }
        }
        if (!conflicts.isEmpty() && !force) {
            throw conflict(entries, conflicts);
        }
        List<Entry> result = new ArrayList<>();
        Entry own = null;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.sameOwner(manager, Operation.Apply, "")) {
                own = e;
            } else {
                result.add(taken.containsKey(i) ? e.withFields(e.fields().minus(FieldSet.of(taken.get(i)))) : e);
            }
        }
        ObjectNode merged = merge.apply(live == null ? io.kube4j.common.api.Json.object() : live, applied);
        FieldSet previous = own == null ? FieldSet.EMPTY : own.fields();
        FieldSet others = FieldSet.EMPTY;
        for (Entry e : result) {
            others = others.union(e.fields());
        }
        List<List<String>> dropped = new ArrayList<>(previous.minus(appliedSet).paths());
        // parents first: an item is found by its key fields, which its own removal would take away
        dropped.sort(Comparator.comparingInt(List::size));
        FieldSet kept = others.union(appliedSet);
        for (List<String> path : dropped) {
            if (!others.containsOrUnder(path) && ObjectFields.remove(merged, path)) {
                pruneEmptyParents(merged, path, kept);
            }
        }
        boolean unchanged = own != null && previous.equals(appliedSet) && taken.isEmpty()
                && withoutManagedFields(merged).equals(withoutManagedFields(live));
        String time = unchanged ? own.time() : now();
        Entry applier = new Entry(manager, Operation.Apply, apiVersion, time, "", appliedSet);
        if (own != null && unchanged) {
            ManagedFields.write(merged, entries);
            return merged;
        }
        // the applier's entry goes where it was, or first for a new applier (as Kubernetes lists them)
        int at = own == null ? 0 : entries.indexOf(own);
        result.add(Math.min(at, result.size()), applier);
        ManagedFields.write(merged, result);
        return merged;
    }

    /** A list or map left empty by a removal goes too (typed Kubernetes objects omit empty fields). */
    private static void pruneEmptyParents(ObjectNode object, List<String> removed, FieldSet kept) {
        for (int end = removed.size() - 1; end > 0; end--) {
            List<String> parent = removed.subList(0, end);
            JsonNode value = ObjectFields.get(object, parent);
            if (value == null || !value.isContainerNode() || !value.isEmpty() || kept.containsOrUnder(parent)) {
                return;
            }
            ObjectFields.remove(object, parent);
        }
    }

    /** The fields of the configuration {@code kubectl apply} (client-side) left in its annotation. */
    private static FieldSet lastApplied(ObjectNode live, ObjectFields fields) {
        String text = live == null ? "" : live.path("metadata").path("annotations").path(LAST_APPLIED).asText("");
        if (text.isEmpty()) {
            return FieldSet.EMPTY;
        }
        try {
            return Json.parse(text) instanceof ObjectNode config ? fields.of(config) : FieldSet.EMPTY;
        } catch (RuntimeException e) {
            return FieldSet.EMPTY; // an annotation that is not JSON grants nothing
        }
    }

    private static ObjectNode withoutManagedFields(ObjectNode object) {
        if (object == null) {
            return null;
        }
        ObjectNode copy = object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode meta) {
            meta.remove("managedFields");
            meta.remove("resourceVersion");
        }
        return copy;
    }

    /**
     * Kubernetes' wording: one conflict on one line; several grouped by manager, one field per
     * {@code - } line. Each field is also a cause, for clients that read them.
     */
    private static StatusException conflict(List<Entry> entries, Map<Integer, List<List<String>>> conflicts) {
        List<StatusCause> causes = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        int count = 0;
        String single = "";
        for (Map.Entry<Integer, List<List<String>>> c : conflicts.entrySet()) {
            Entry owner = entries.get(c.getKey());
            String who = "\"" + owner.manager() + "\" using " + owner.apiVersion();
            lines.add("conflicts with " + who + ":");
            for (List<String> path : c.getValue()) {
                String field = FieldSet.describe(path);
                causes.add(new StatusCause("FieldManagerConflict", "conflict with " + who, field));
                lines.add("- " + field);
                single = "conflict with " + who + ": " + field;
                count++;
            }
        }
        String message = "Apply failed with " + count + (count == 1 ? " conflict: " + single
                : " conflicts: " + String.join("\n", lines));
        return new StatusException(Status.failure(409, "Conflict", message).withCauses(causes));
    }

    private String now() {
        long second = clock.instant().getEpochSecond();
        Stamp last = lastStamp;
        if (last == null || last.second() != second) {
            last = new Stamp(second, DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.ofEpochSecond(second)));
            lastStamp = last;
        }
        return last.text();
    }

    /** The last timestamp formatted: every write within one second carries the same text. */
    private record Stamp(long second, String text) {
    }
}
