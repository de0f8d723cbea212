package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.meta.StatusCause;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Kubernetes' name, label and annotation rules, returning field causes rather than throwing. */
public final class Validation {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

    private Validation() {
    }

    public static List<StatusCause> name(String field, String name, Strategy.NameRule rule) {
        List<StatusCause> causes = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            causes.add(new StatusCause("FieldValueRequired", "Required value: name or generateName is required", field));
            return causes;
        }
        switch (rule) {
            case LABEL -> {
                if (name.length() > 63) {
                    causes.add(StatusCause.invalid(field, name, "must be no more than 63 characters"));
                } else if (!DNS_LABEL.matcher(name).matches()) {
                    causes.add(StatusCause.invalid(field, name, "a lowercase RFC 1123 label must consist of lower case"
                            + " alphanumeric characters or '-', and must start and end with an alphanumeric character"));
                }
            }
            case SUBDOMAIN -> {
                if (name.length() > 253) {
                    causes.add(StatusCause.invalid(field, name, "must be no more than 253 characters"));
                } else if (!DNS_SUBDOMAIN.matcher(name).matches()) {
                    causes.add(StatusCause.invalid(field, name, "a lowercase RFC 1123 subdomain must consist of lower"
                            + " case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric"
                            + " character"));
                }
            }
            case PATH_SEGMENT -> {
                if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
                    causes.add(StatusCause.invalid(field, name, "may not be '.' or '..' and may not contain '/' or '%'"));
                } else if (name.length() > 253) {
                    causes.add(StatusCause.invalid(field, name, "must be no more than 253 characters"));
                }
            }
        }
        return causes;
    }

    public static boolean isDnsLabel(String value) {
        return value != null && value.length() <= 63 && DNS_LABEL.matcher(value).matches();
    }

    /** Errors in a label or annotation key (optional DNS subdomain prefix, then a qualified name). */
    public static List<StatusCause> qualifiedKey(String field, String key) {
        List<StatusCause> causes = new ArrayList<>();
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                causes.add(StatusCause.invalid(field, key, "prefix part must be a lowercase RFC 1123 subdomain"));
            }
        }
        if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
            causes.add(StatusCause.invalid(field, key, "name part must consist of alphanumeric characters, '-', '_' or"
                    + " '.', must start and end with an alphanumeric character, and be no more than 63 characters"));
        }
        return causes;
    }

    public static List<StatusCause> labels(String field, JsonNode labels) {
        List<StatusCause> causes = new ArrayList<>();
        if (labels == null || labels.isNull()) {
            return causes;
        }
        if (!labels.isObject()) {
            causes.add(StatusCause.invalid(field, labels.toString(), "must be a map of string keys to string values"));
            return causes;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            causes.addAll(qualifiedKey(field, e.getKey()));
            JsonNode v = e.getValue();
            if (!v.isTextual()) {
                causes.add(StatusCause.invalid(field + "." + e.getKey(), v.toString(), "label values must be strings"));
            } else if (v.asText().length() > 63 || !LABEL_VALUE.matcher(v.asText()).matches()) {
                causes.add(StatusCause.invalid(field, v.asText(), "a valid label must be an empty string or consist of"
                        + " alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric"
                        + " character, and be no more than 63 characters"));
            }
        }
        return causes;
    }

    public static List<StatusCause> annotations(String field, JsonNode annotations) {
        List<StatusCause> causes = new ArrayList<>();
        if (annotations == null || annotations.isNull()) {
            return causes;
        }
        if (!annotations.isObject()) {
            causes.add(StatusCause.invalid(field, annotations.toString(), "must be a map of string keys to string values"));
            return causes;
        }
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            causes.addAll(qualifiedKey(field, e.getKey()));
            if (!e.getValue().isTextual()) {
                causes.add(StatusCause.invalid(field + "." + e.getKey(), e.getValue().toString(), "annotation values must be strings"));
            } else {
                total += e.getKey().length() + e.getValue().asText().length();
            }
        }
        if (total > MAX_ANNOTATIONS_BYTES) {
            causes.add(StatusCause.tooLong(field, MAX_ANNOTATIONS_BYTES));
        }
        return causes;
    }
}
