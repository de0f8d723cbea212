package io.kube4j.common.selector;

import io.kube4j.common.selector.FieldSelector.Operator;
import io.kube4j.common.selector.FieldSelector.Requirement;
import java.util.ArrayList;
import java.util.List;

/**
 * Field selector syntax as in Kubernetes' {@code fields/selector.go}: terms split at unescaped
 * commas, each split at its first {@code !=}, {@code ==} or {@code =}; only the value is unescaped.
 */
final class FieldSelectorParser {

    private static final String[] OPERATORS = {"!=", "==", "="};

    private FieldSelectorParser() {
    }

    static FieldSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return FieldSelector.everything();
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String term : splitTerms(text)) {
            if (!term.isBlank()) {
                requirements.add(requirement(text, term.strip()));
            }
        }
        return new FieldTerms(requirements);
    }

    private static Requirement requirement(String text, String term) {
        for (int i = 0; i < term.length(); i++) {
            for (String operator : OPERATORS) {
                if (term.startsWith(operator, i)) {
                    String field = term.substring(0, i).strip();
                    if (field.isEmpty()) {
                        throw new SelectorException("invalid selector: '" + text + "'; empty field in '" + term + "'");
                    }
                    String value = unescape(term.substring(i + operator.length()).strip());
                    return new Requirement(field, operator.equals("!=") ? Operator.NOT_EQUALS : Operator.EQUALS, value);
                }
            }
        }
        throw new SelectorException("invalid selector: '" + text + "'; can't understand '" + term + "'");
    }

    /** Splits at commas not preceded by an escaping backslash; the terms keep their escapes. */
    private static List<String> splitTerms(String text) {
        List<String> terms = new ArrayList<>();
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',') {
                terms.add(text.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(text.substring(start));
        return terms;
    }

    static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean escaped = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escaped) {
                if ("\\,=!".indexOf(c) < 0) {
                    throw new SelectorException("invalid field selector: invalid escape sequence: \\" + c);
                }
                out.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',' || c == '=') {
                throw new SelectorException("invalid field selector: unescaped character in value: " + c);
            } else {
                out.append(c);
            }
        }
        if (escaped) {
            throw new SelectorException("invalid field selector: invalid escape sequence: \\");
        }
        return out.toString();
    }

    /** Kubernetes' escaping: {@code \} {@code ,} {@code =} get a backslash. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == ',' || c == '=') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    static void checkField(String field) {
        if (field == null || field.isEmpty()) {
            throw new SelectorException("invalid field selector: empty field");
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (Character.isWhitespace(c) || ",=!\\".indexOf(c) >= 0) {
                throw new SelectorException("invalid field selector: field \"" + field + "\" contains '" + c + "'");
            }
        }
    }
}
