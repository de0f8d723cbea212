package io.kube4j.common.selector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of requirements on an object's labels, all of which must hold (comma = AND).
 *
 * <p>Selectors are immutable and thread-safe. Two selectors are {@code equal} when their
 * canonical requirement lists are equal; {@link #toString()} is Kubernetes' string form with
 * requirements sorted by key and {@code in}/{@code notin} values sorted, and
 * {@code parse(s.toString())} equals {@code s}.
 */
public interface LabelSelector {

    /**
     * Parses Kubernetes' string syntax: {@code k=v}, {@code k==v}, {@code k!=v},
     * {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}, {@code k>3}, {@code k<3},
     * joined by commas. A null or blank text selects everything.
     *
     * @throws SelectorException on bad syntax, an invalid key or an invalid value
     */
    static LabelSelector parse(String text) {
        return LabelSelectorParser.parse(text);
    }

    /**
     * Reads the API object form {@code {matchLabels:{..}, matchExpressions:[{key, operator, values}]}}.
     * A null, missing or empty object selects everything; whether that is what a workload means
     * by an empty selector is the caller's decision.
     *
     * @throws SelectorException when the object is malformed or names an unknown operator
     */
    static LabelSelector fromJson(JsonNode selector) {
        return LabelSelectorJson.fromJson(selector);
    }

    /** A selector requiring every given label, as a Service's {@code spec.selector} map does. */
    static LabelSelector fromLabels(Map<String, String> labels) {
        return LabelSelectorJson.fromLabels(labels);
    }

    /** A selector of the given requirements, in any order. */
    static LabelSelector of(List<Requirement> requirements) {
        return new RequirementsSelector(requirements);
    }

    /** The selector without requirements: it matches every object. */
    static LabelSelector everything() {
        return RequirementsSelector.EVERYTHING;
    }

    /** Whether every requirement holds for these labels; null means no labels. */
    boolean matches(Map<String, String> labels);

    /** Same as {@link #matches(Map)} for an object's {@code metadata.labels} node (null or missing = no labels). */
    boolean matches(JsonNode metadataLabels);

    /** True when there is no requirement, so the selector matches every object. */
    boolean isEverything();

    /** The requirements in canonical order: sorted by key, then by their string form. */
    List<Requirement> requirements();

    /** The value of {@code key} when the selector pins it ({@code key=v} or {@code key in (v)}). */
    Optional<String> exactValue(String key);

    /** The canonical string form; the empty string for {@link #everything()}. */
    @Override
    String toString();

    enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

    /**
     * One requirement on one label key. The constructor validates the key and values and
     * normalises them ({@code ==} is {@link Operator#EQUALS}; {@code in}/{@code notin} values are
     * sorted and deduplicated), so an instance is always valid.
     *
     * @throws SelectorException on an invalid key, value or value count for the operator
     */
    record Requirement(String key, Operator operator, List<String> values) {

        public Requirement {
            LabelSyntax.checkKey(key);
            Objects.requireNonNull(operator, "operator");
            values = LabelSyntax.checkValues(key, operator, values);
        }

        /** Whether this requirement holds for these labels; null means no labels. */
        public boolean matches(Map<String, String> labels) {
            String value = labels == null ? null : labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
                case GREATER_THAN, LESS_THAN ->
                        value != null && LabelSyntax.compares(value, operator, values.get(0));
            };
        }

        @Override
        public String toString() {
            return switch (operator) {
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
                case EQUALS -> key + "=" + values.get(0);
                case NOT_EQUALS -> key + "!=" + values.get(0);
                case IN -> key + " in (" + String.join(",", values) + ")";
                case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
                case GREATER_THAN -> key + ">" + values.get(0);
                case LESS_THAN -> key + "<" + values.get(0);
            };
        }
    }
}
