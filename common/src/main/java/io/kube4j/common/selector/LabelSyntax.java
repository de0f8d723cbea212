package io.kube4j.common.selector;

import io.kube4j.common.selector.LabelSelector.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Kubernetes' rules for label keys and values, with its error wording. */
final class LabelSyntax {

    static final int MAX_NAME_LENGTH = 63;
    static final int MAX_PREFIX_LENGTH = 253;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String NAME_RULE = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";

    private LabelSyntax() {
    }

    /** Accepts {@code [prefix/]name}: prefix a DNS subdomain of at most 253, name at most 63 characters. */
    static void checkKey(String key) {
        List<String> problems = keyProblems(key);
        if (!problems.isEmpty()) {
            throw new SelectorException("invalid label key \"" + key + "\": " + String.join("; ", problems));
        }
    }

    private static List<String> keyProblems(String key) {
        if (key == null || key.isEmpty()) {
            return List.of("name part must be non-empty");
        }
        String[] parts = key.split("/", -1);
        if (parts.length > 2) {
            return List.of("a qualified name " + NAME_RULE
                    + ", with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        }
        List<String> problems = new ArrayList<>();
        if (parts.length == 2) {
            String prefix = parts[0];
            if (prefix.isEmpty()) {
                problems.add("prefix part must be non-empty");
            } else {
                if (prefix.length() > MAX_PREFIX_LENGTH) {
                    problems.add("prefix part must be no more than " + MAX_PREFIX_LENGTH + " characters");
                }
                if (!DNS_SUBDOMAIN.matcher(prefix).matches()) {
                    problems.add("prefix part a lowercase RFC 1123 subdomain must consist of lower case "
                            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
                }
            }
        }
        String name = parts[parts.length - 1];
        if (name.isEmpty()) {
            problems.add("name part must be non-empty");
        } else {
            if (name.length() > MAX_NAME_LENGTH) {
                problems.add("name part must be no more than " + MAX_NAME_LENGTH + " characters");
            }
            if (!NAME.matcher(name).matches()) {
                problems.add("name part " + NAME_RULE);
            }
        }
        return problems;
    }

    /** Accepts the empty string or a name of at most 63 characters. */
    static void checkValue(String key, String value) {
        List<String> problems = new ArrayList<>();
        if (value.length() > MAX_NAME_LENGTH) {
            problems.add("must be no more than " + MAX_NAME_LENGTH + " characters");
        }
        if (!value.isEmpty() && !NAME.matcher(value).matches()) {
            problems.add("a valid label must be an empty string or " + NAME_RULE);
        }
        if (!problems.isEmpty()) {
            throw new SelectorException("invalid label value: \"" + value + "\": at key: \"" + key + "\": "
                    + String.join("; ", problems));
        }
    }

    /** Checks the value count the operator needs and each value; returns an immutable canonical list. */
    static List<String> checkValues(String key, Operator operator, List<String> values) {
        List<String> given = values == null ? List.of() : values;
        switch (operator) {
            case IN, NOT_IN -> require(!given.isEmpty(), key, "for 'in', 'notin' operators, values set can't be empty");
            case EQUALS, NOT_EQUALS -> require(given.size() == 1, key, "exact-match compatibility requires one single value");
            case EXISTS, DOES_NOT_EXIST ->
                    require(given.isEmpty(), key, "values set must be empty for exists and does not exist");
            case GREATER_THAN, LESS_THAN -> {
                require(given.size() == 1, key, "for 'Gt', 'Lt' operators, exactly one value is required");
                require(parseLong(given.get(0)) != null, key, "for 'Gt', 'Lt' operators, the value must be an integer");
            }
        }
        for (String value : given) {
            require(value != null, key, "values must not be null");
            checkValue(key, value);
        }
        if (operator == Operator.IN || operator == Operator.NOT_IN) {
            return given.stream().distinct().sorted().toList();
        }
        return List.copyOf(given);
    }

    /** {@code label > bound} or {@code label < bound}, as integers; a non-integer label never matches. */
    static boolean compares(String label, Operator operator, String bound) {
        Long actual = parseLong(label);
        Long limit = parseLong(bound);
        if (actual == null || limit == null) {
            return false;
        }
        return operator == Operator.GREATER_THAN ? actual > limit : actual < limit;
    }

    private static Long parseLong(String text) {
        try {
            return text == null ? null : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void require(boolean condition, String key, String problem) {
        if (!condition) {
            throw new SelectorException("invalid requirement on \"" + key + "\": " + problem);
        }
    }
}
