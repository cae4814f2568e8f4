package dev.journeyconnector.sandbox.salesforce.soql;

import dev.journeyconnector.sandbox.salesforce.soql.Condition.Comparison;
import dev.journeyconnector.sandbox.salesforce.soql.Condition.Junction;
import dev.journeyconnector.sandbox.salesforce.soql.Condition.Negation;
import dev.journeyconnector.sandbox.salesforce.soql.Condition.Operator;
import dev.journeyconnector.sandbox.salesforce.soql.Token.Kind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Recursive-descent parser for the SOQL subset described on {@link SoqlQuery}. */
final class SoqlParser {

    // SOQL reference, "Reserved Characters and Keywords": these cannot name a field or object.
    private static final Set<String> RESERVED = Set.of("AND", "ASC", "DESC", "EXCLUDES", "FIRST", "FROM", "GROUP",
            "HAVING", "IN", "INCLUDES", "LAST", "LIKE", "LIMIT", "NOT", "NULL", "NULLS", "OR", "SELECT", "WHERE", "WITH");

    private static final Set<String> DAY_KEYWORDS = Set.of("TODAY", "YESTERDAY", "TOMORROW");
    private static final Set<String> N_DAYS_KEYWORDS = Set.of("LAST_N_DAYS", "NEXT_N_DAYS");

    private final String soql;
    private final List<Token> tokens;
    private int index;

    private SoqlParser(String soql) {
        this.soql = soql;
        this.tokens = SoqlLexer.tokenize(soql);
    }

    static SoqlQuery parse(String soql) {
        if (soql == null || soql.isBlank()) {
            throw SoqlException.at(SoqlException.MALFORMED_QUERY, soql == null ? "" : soql, 0, "unexpected token: <EOF>");
        }
        return new SoqlParser(soql).query();
    }

    private SoqlQuery query() {
        expectKeyword("SELECT");
        boolean count = false;
        List<FieldPath> selected = new ArrayList<>();
        if (peek().isKeyword("COUNT") && peekAt(1).is(Kind.LEFT_PAREN)) {
            advance();
            advance();
            expect(Kind.RIGHT_PAREN);
            count = true;
        } else {
            selected.add(path());
            while (peek().is(Kind.COMMA)) {
                advance();
                selected.add(path());
            }
        }
        expectKeyword("FROM");
        Token object = name();
        Condition where = null;
        if (peek().isKeyword("WHERE")) {
            advance();
            where = condition();
        }
        List<SoqlQuery.OrderItem> orderBy = new ArrayList<>();
        if (peek().isKeyword("ORDER")) {
            advance();
            expectKeyword("BY");
            orderBy.add(orderItem());
            while (peek().is(Kind.COMMA)) {
                advance();
                orderBy.add(orderItem());
            }
        }
        Integer limit = null;
        if (peek().isKeyword("LIMIT")) {
            advance();
            Token n = peek();
            if (!n.is(Kind.NUMBER) || n.text().contains(".") || n.text().startsWith("-")) {
                throw unexpected(n);
            }
            advance();
            limit = ((BigDecimal) n.value()).min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValueExact();
        }
        expect(Kind.END);
        return new SoqlQuery(soql, object.text(), object.offset(), count, selected, where, orderBy, limit);
    }

    private SoqlQuery.OrderItem orderItem() {
        FieldPath field = path();
        boolean descending = false;
        if (peek().isKeyword("ASC")) {
            advance();
        } else if (peek().isKeyword("DESC")) {
            advance();
            descending = true;
        }
        // Salesforce's default: "ASC NULLS FIRST" and "DESC NULLS LAST" (SOQL reference, ORDER BY).
        boolean nullsFirst = !descending;
        if (peek().isKeyword("NULLS")) {
            advance();
            if (peek().isKeyword("FIRST")) {
                nullsFirst = true;
            } else if (peek().isKeyword("LAST")) {
                nullsFirst = false;
            } else {
                throw unexpected(peek());
            }
            advance();
        }
        return new SoqlQuery.OrderItem(field, descending, nullsFirst);
    }

    /**
     * Salesforce refuses {@code a AND b OR c} ("unexpected token: 'OR'") instead of applying a precedence,
     * so a chain may use only one of AND and OR; parentheses are needed to mix them.
     */
    private Condition condition() {
        Condition first = unary();
        Token joiner = peek();
        if (!joiner.isKeyword("AND") && !joiner.isKeyword("OR")) {
            return first;
        }
        boolean conjunction = joiner.isKeyword("AND");
        List<Condition> parts = new ArrayList<>();
        parts.add(first);
        while (peek().isKeyword("AND") || peek().isKeyword("OR")) {
            if (peek().isKeyword("AND") != conjunction) {
                throw unexpected(peek());
            }
            advance();
            parts.add(unary());
        }
        return new Junction(conjunction, parts);
    }

    private Condition unary() {
        if (peek().isKeyword("NOT")) {
            advance();
            return new Negation(unary());
        }
        if (peek().is(Kind.LEFT_PAREN)) {
            advance();
            Condition inner = condition();
            expect(Kind.RIGHT_PAREN);
            return inner;
        }
        return comparison();
    }

    private Comparison comparison() {
        FieldPath field = path();
        Token op = peek();
        if (op.is(Kind.OPERATOR)) {
            advance();
            Operator operator = switch (op.text()) {
                case "=" -> Operator.EQUALS;
                case "!=", "<>" -> Operator.NOT_EQUALS;
                case "<" -> Operator.LESS;
                case ">" -> Operator.GREATER;
                case "<=" -> Operator.LESS_OR_EQUAL;
                default -> Operator.GREATER_OR_EQUAL;
            };
            int valueOffset = peek().offset();
            return new Comparison(field, operator, List.of(literal()), valueOffset);
        }
        if (op.isKeyword("LIKE")) {
            advance();
            int valueOffset = peek().offset();
            return new Comparison(field, Operator.LIKE, List.of(literal()), valueOffset);
        }
        if (op.isKeyword("IN")) {
            advance();
            return inList(field, Operator.IN);
        }
        if (op.isKeyword("NOT") && peekAt(1).isKeyword("IN")) {
            advance();
            advance();
            return inList(field, Operator.NOT_IN);
        }
        throw unexpected(op);
    }

    private Comparison inList(FieldPath field, Operator operator) {
        expect(Kind.LEFT_PAREN);
        int valueOffset = peek().offset();
        List<Literal> values = new ArrayList<>();
        values.add(literal());
        while (peek().is(Kind.COMMA)) {
            advance();
            values.add(literal());
        }
        expect(Kind.RIGHT_PAREN);
        return new Comparison(field, operator, values, valueOffset);
    }

    private Literal literal() {
        Token t = advance();
        switch (t.kind()) {
            case STRING:
                return new Literal.Text((StringLiteral) t.value());
            case NUMBER:
                return new Literal.Numeric((BigDecimal) t.value());
            case DATE:
                return new Literal.Date((LocalDate) t.value());
            case DATETIME:
                return new Literal.DateTime((Instant) t.value());
            case IDENTIFIER:
                String word = t.upperText();
                if (word.equals("NULL")) {
                    return new Literal.Null();
                }
                if (word.equals("TRUE") || word.equals("FALSE")) {
                    return new Literal.Bool(word.equals("TRUE"));
                }
                if (DAY_KEYWORDS.contains(word)) {
                    return new Literal.RelativeDate(word, 0);
                }
                if (N_DAYS_KEYWORDS.contains(word)) {
                    expect(Kind.COLON);
                    Token n = peek();
                    if (!n.is(Kind.NUMBER) || n.text().contains(".") || n.text().startsWith("-") || n.text().length() > 6) {
                        throw unexpected(n);
                    }
                    advance();
                    int days = ((BigDecimal) n.value()).intValueExact();
                    return new Literal.RelativeDate(word, days);
                }
                throw unexpected(t);
            default:
                throw unexpected(t);
        }
    }

    private FieldPath path() {
        Token first = name();
        List<String> segments = new ArrayList<>();
        segments.add(first.text());
        while (peek().is(Kind.DOT)) {
            advance();
            segments.add(name().text());
        }
        return new FieldPath(segments, first.offset());
    }

    private Token name() {
        Token t = peek();
        if (!t.is(Kind.IDENTIFIER) || RESERVED.contains(t.upperText())) {
            throw unexpected(t);
        }
        return advance();
    }

    private void expectKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) {
            throw unexpected(peek());
        }
        advance();
    }

    private void expect(Kind kind) {
        if (!peek().is(kind)) {
            throw unexpected(peek());
        }
        advance();
    }

    private SoqlException unexpected(Token t) {
        return SoqlException.at(SoqlException.MALFORMED_QUERY, soql, t.offset(), "unexpected token: " + t.describe());
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token t = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return t;
    }
}
