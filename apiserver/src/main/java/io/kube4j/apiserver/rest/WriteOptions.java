package io.kube4j.apiserver.rest;

import io.kube4j.common.api.meta.Status;
import io.kube4j.common.api.meta.StatusCause;
import io.kube4j.common.api.meta.StatusException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Kubernetes' checks of the dryRun and fieldManager query parameters of a write (422 on a bad value). */
public final class WriteOptions {

    /** Kubernetes' FieldManagerMaxLength, in bytes. */
    static final int MAX_FIELD_MANAGER = 128;

    private WriteOptions() {
    }

    /** Throws a 422 Status naming the bad options of a POST, PUT, PATCH or DELETE; other methods pass. */
    public static void check(String method, Function<String, String> query) {
        String kind = switch (method) {
            case "POST" -> "CreateOptions";
            case "PUT" -> "UpdateOptions";
            case "PATCH" -> "PatchOptions";
            case "DELETE" -> "DeleteOptions";
            default -> null;
        };
        if (kind == null) {
            return;
        }
        List<StatusCause> causes = new ArrayList<>(dryRun(query.apply("dryRun")));
        if (!kind.equals("DeleteOptions")) {
            causes.addAll(fieldManager(query.apply("fieldManager")));
        }
        if (!causes.isEmpty()) {
            String joined = String.join(", ", causes.stream().map(StatusCause::describe).toList());
            String message = kind + ".meta.k8s.io \"\" is invalid: " + (causes.size() > 1 ? "[" + joined + "]" : joined);
            throw new StatusException(Status.failure(422, "Invalid", message)
                    .withDetails("", "meta.k8s.io", kind).withCauses(causes));
        }
    }

    /** Kubernetes accepts only "All"; an empty value counts as absent. */
    static List<StatusCause> dryRun(String value) {
        if (value == null || value.isEmpty() || value.equals("All")) {
            return List.of();
        }
        return List.of(new StatusCause("FieldValueNotSupported",
                "Unsupported value: []string{\"" + value + "\"}: supported values: \"All\"", "dryRun"));
    }

    /** At most 128 bytes, every character printable (Go's unicode.IsPrint: no controls, no spaces but ' '). */
    static List<StatusCause> fieldManager(String value) {
        if (value == null) {
            return List.of();
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_FIELD_MANAGER) {
            return List.of(StatusCause.tooLong("fieldManager", MAX_FIELD_MANAGER));
        }
        if (!value.codePoints().allMatch(WriteOptions::printable)) {
            return List.of(StatusCause.invalid("fieldManager", value, "invalid characters"));
        }
        return List.of();
    }

    private static boolean printable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
