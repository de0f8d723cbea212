package io.kube4j.common.selector;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Requirements on an object's selectable fields ({@code metadata.name}, {@code spec.nodeName}...),
 * all of which must hold (comma = AND). Which fields a kind offers, and how they are read, is
 * {@link SelectableFields}' business; this type only parses and evaluates.
 *
 * <p>Selectors are immutable and thread-safe, with value equality; {@link #toString()} is the
 * canonical form (terms sorted, values escaped) and {@code parse(s.toString())} equals {@code s}.
 */
public interface FieldSelector {

    /**
     * Parses {@code f=v}, {@code f==v} and {@code f!=v} terms joined by commas. In values,
     * {@code \,} {@code \=} {@code \\} (and, leniently, {@code \!}) stand for the character itself;
     * an unescaped {@code ,} or {@code =} in a value is an error. Whitespace around a field or
     * value is dropped. A null or blank text selects everything.
     *
     * @throws SelectorException on a term without operator, an empty field or a bad escape
     */
    static FieldSelector parse(String text) {
        return FieldSelectorParser.parse(text);
    }

    /** A selector of the given requirements, in any order. */
    static FieldSelector of(List<Requirement> requirements) {
        return new FieldTerms(requirements);
    }

    /** The selector without requirements: it matches every object. */
    static FieldSelector everything() {
        return FieldTerms.EVERYTHING;
    }

    /**
     * Whether every requirement holds. {@code fieldValue} returns the object's value for a field
     * path, "" (or null) when the object has none; it is called once per requirement.
     */
    boolean matches(Function<String, String> fieldValue);

    /** True when there is no requirement, so the selector matches every object. */
    boolean isEverything();

    /** The requirements in canonical order. */
    List<Requirement> requirements();

    /** The value of {@code field} when the selector pins it with {@code field=v}. */
    Optional<String> exactValue(String field);

    /** The canonical string form; the empty string for {@link #everything()}. */
    @Override
    String toString();

    enum Operator { EQUALS, NOT_EQUALS }

    /**
     * One term. A null value means "". The field may not be empty nor contain whitespace,
     * {@code ,} {@code =} {@code !} or {@code \}, so the string form always parses back.
     *
     * @throws SelectorException on an invalid field
     */
    record Requirement(String field, Operator operator, String value) {

        public Requirement {
            FieldSelectorParser.checkField(field);
            Objects.requireNonNull(operator, "operator");
            value = value == null ? "" : value;
        }

        /** Whether this term holds for the object's value of the field (null = ""). */
        public boolean matches(String actual) {
            boolean equal = value.equals(actual == null ? "" : actual);
            return operator == Operator.EQUALS ? equal : !equal;
        }

        @Override
        public String toString() {
            return field + (operator == Operator.EQUALS ? "=" : "!=") + FieldSelectorParser.escape(value);
        }
    }
}
