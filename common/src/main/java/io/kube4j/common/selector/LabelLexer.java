package io.kube4j.common.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a label selector into tokens the way Kubernetes' lexer does: whitespace separates,
 * {@code = == != ! ( ) , > <} are symbols, every other run of characters is an identifier, and
 * the identifiers {@code in} and {@code notin} are also keywords.
 */
final class LabelLexer {

    enum Kind {
        IDENTIFIER, NOT, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, IN, NOT_IN,
        GREATER_THAN, LESS_THAN, OPEN_PAREN, CLOSE_PAREN, COMMA, END
    }

    record Token(Kind kind, String literal) {
    }

    private LabelLexer() {
    }

    /** The tokens of {@code text}, always ending with one {@link Kind#END}. */
    static List<Token> scan(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isSymbol(c)) {
                boolean pair = (c == '=' || c == '!') && i + 1 < text.length() && text.charAt(i + 1) == '=';
                String symbol = text.substring(i, pair ? i + 2 : i + 1);
                tokens.add(new Token(symbolKind(symbol), symbol));
                i += symbol.length();
            } else {
                int start = i;
                while (i < text.length() && !isSymbol(text.charAt(i)) && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                String word = text.substring(start, i);
                tokens.add(new Token(wordKind(word), word));
            }
        }
        tokens.add(new Token(Kind.END, ""));
        return tokens;
    }

    private static boolean isSymbol(char c) {
        return "=!(),<>".indexOf(c) >= 0;
    }

    private static Kind symbolKind(String symbol) {
        return switch (symbol) {
            case "=" -> Kind.EQUALS;
            case "==" -> Kind.DOUBLE_EQUALS;
            case "!=" -> Kind.NOT_EQUALS;
            case "!" -> Kind.NOT;
            case "(" -> Kind.OPEN_PAREN;
            case ")" -> Kind.CLOSE_PAREN;
            case "," -> Kind.COMMA;
            case ">" -> Kind.GREATER_THAN;
            default -> Kind.LESS_THAN;
        };
    }

    private static Kind wordKind(String word) {
        return switch (word) {
            case "in" -> Kind.IN;
            case "notin" -> Kind.NOT_IN;
            default -> Kind.IDENTIFIER;
        };
    }
}
