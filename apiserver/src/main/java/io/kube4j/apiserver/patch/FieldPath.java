package io.kube4j.apiserver.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a strategic merge is in the object: field names from the root, with {@link #ITEM} for
 * "an item of the list before". Merge keys are chosen by matching these paths.
 */
record FieldPath(List<String> segments) {

    static final String ITEM = "*";
    static final FieldPath ROOT = new FieldPath(List.of());

    FieldPath {
        segments = List.copyOf(segments);
    }

    FieldPath child(String field) {
        List<String> longer = new ArrayList<>(segments.size() + 1);
        longer.addAll(segments);
        longer.add(field);
        return new FieldPath(longer);
    }

    FieldPath item() {
        return child(ITEM);
    }

    /** As a person writes it: {@code spec.containers[*].ports}; the root is {@code .}. */
    @Override
    public String toString() {
        if (segments.isEmpty()) {
            return ".";
        }
        StringBuilder text = new StringBuilder();
        for (String segment : segments) {
            if (segment.equals(ITEM)) {
                text.append("[*]");
            } else {
                text.append(text.isEmpty() ? "" : ".").append(segment);
            }
        }
        return text.toString();
    }
}
