package io.kube4j.common.selector;

import io.kube4j.common.selector.LabelLexer.Kind;
import io.kube4j.common.selector.LabelLexer.Token;
import io.kube4j.common.selector.LabelSelector.Operator;
import io.kube4j.common.selector.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for label selector strings that follows Kubernetes' parser
 * (apimachinery {@code labels/selector.go}) token for token, including its error messages, so a
 * selector kubectl accepts is accepted here and vice versa.
 */
final class LabelSelectorParser {

    private final List<Token> tokens;
    private int position;

    private LabelSelectorParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return LabelSelector.everything();
        }
        return new RequirementsSelector(new LabelSelectorParser(LabelLexer.scan(text)).requirements());
    }

    private List<Requirement> requirements() {
        List<Requirement> requirements = new ArrayList<>();
        while (true) {
            Token start = peek(true);
            if (start.kind() == Kind.END) {
                return requirements;
            }
            if (start.kind() != Kind.IDENTIFIER && start.kind() != Kind.NOT) {
                throw found(start, "!, identifier, or 'end of string'");
            }
            try {
                requirements.add(requirement());
            } catch (SelectorException e) {
                throw new SelectorException("unable to parse requirement: " + e.getMessage(), e);
            }
            Token separator = next(true);
            if (separator.kind() == Kind.END) {
                return requirements;
            }
            if (separator.kind() != Kind.COMMA) {
                throw found(separator, "',' or 'end of string'");
            }
            Token following = peek(true);
            if (following.kind() != Kind.IDENTIFIER && following.kind() != Kind.NOT) {
                throw found(following, "identifier after ','");
            }
        }
    }

    private Requirement requirement() {
        Token first = next(true);
        boolean negated = first.kind() == Kind.NOT;
        Token key = negated ? next(true) : first;
        if (key.kind() != Kind.IDENTIFIER) {
            throw found(key, "identifier");
        }
        LabelSyntax.checkKey(key.literal());
        if (negated) {
            return new Requirement(key.literal(), Operator.DOES_NOT_EXIST, List.of());
        }
        Kind after = peek(true).kind();
        if (after == Kind.END || after == Kind.COMMA) {
            return new Requirement(key.literal(), Operator.EXISTS, List.of());
        }
        Operator operator = operator();
        List<String> values = operator == Operator.IN || operator == Operator.NOT_IN ? valueList() : exactValue();
        return new Requirement(key.literal(), operator, values);
    }

    private Operator operator() {
        Token token = next(false);
        return switch (token.kind()) {
            case EQUALS, DOUBLE_EQUALS -> Operator.EQUALS;
            case NOT_EQUALS -> Operator.NOT_EQUALS;
            case IN -> Operator.IN;
            case NOT_IN -> Operator.NOT_IN;
            case GREATER_THAN -> Operator.GREATER_THAN;
            case LESS_THAN -> Operator.LESS_THAN;
            default -> throw found(token, "in, notin, =, ==, !=, gt, lt");
        };
    }

    /** The one value after {@code =}, {@code !=}, {@code >} or {@code <}; nothing there means "". */
    private List<String> exactValue() {
        Kind after = peek(true).kind();
        if (after == Kind.END || after == Kind.COMMA) {
            return List.of("");
        }
        Token value = next(true);
        if (value.kind() != Kind.IDENTIFIER) {
            throw found(value, "identifier");
        }
        return List.of(value.literal());
    }

    /** {@code (a,b)}; as in Kubernetes, an empty list or an empty slot between commas is the value "". */
    private List<String> valueList() {
        Token open = next(true);
        if (open.kind() != Kind.OPEN_PAREN) {
            throw found(open, "'('");
        }
        Token first = peek(true);
        if (first.kind() == Kind.CLOSE_PAREN) {
            next(true);
            return List.of("");
        }
        if (first.kind() != Kind.IDENTIFIER && first.kind() != Kind.COMMA) {
            throw found(first, "',', ')' or identifier");
        }
        List<String> values = identifiers();
        Token close = next(true);
        if (close.kind() != Kind.CLOSE_PAREN) {
            throw found(close, "')'");
        }
        return values;
    }

    /** The comma-separated values up to, not including, the closing parenthesis. */
    private List<String> identifiers() {
        List<String> values = new ArrayList<>();
        boolean expectValue = true;
        while (true) {
            Token token = peek(true);
            if (token.kind() == Kind.IDENTIFIER && expectValue) {
                values.add(next(true).literal());
                expectValue = false;
            } else if (token.kind() == Kind.COMMA) {
                next(true);
                if (expectValue) {
                    values.add("");
                }
                expectValue = true;
            } else if (token.kind() == Kind.CLOSE_PAREN) {
                if (expectValue) {
                    values.add("");
                }
                return values;
            } else {
                throw found(token, expectValue ? "',', or identifier" : "',' or ')'");
            }
        }
    }

    /** The next token; in value position {@code in} and {@code notin} are plain identifiers. */
    private Token peek(boolean valuePosition) {
        Token token = tokens.get(position);
        boolean keyword = token.kind() == Kind.IN || token.kind() == Kind.NOT_IN;
        return valuePosition && keyword ? new Token(Kind.IDENTIFIER, token.literal()) : token;
    }

    private Token next(boolean valuePosition) {
        Token token = peek(valuePosition);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private static SelectorException found(Token token, String expected) {
        return new SelectorException("found '" + token.literal() + "', expected: " + expected);
    }
}
