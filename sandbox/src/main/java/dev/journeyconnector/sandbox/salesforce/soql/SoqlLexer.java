package dev.journeyconnector.sandbox.salesforce.soql;

import dev.journeyconnector.sandbox.salesforce.soql.Token.Kind;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a SOQL statement into tokens; every problem is a MALFORMED_QUERY pointing at its character. */
final class SoqlLexer {

    // Date and dateTime literal formats from the SOQL reference, "Date Formats and Date Literals":
    // YYYY-MM-DD, YYYY-MM-DDThh:mm:ss[.sss](Z|+hh:mm|-hh:mm|+hhmm|-hhmm).
    private static final Pattern DATETIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?![0-9A-Za-z_:.-])");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?![0-9A-Za-z_:.-])");

    private final String soql;
    private int pos;

    private SoqlLexer(String soql) {
        this.soql = soql;
    }

    static List<Token> tokenize(String soql) {
        return new SoqlLexer(soql).readAll();
    }

    private List<Token> readAll() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= soql.length()) {
                tokens.add(new Token(Kind.END, "", null, soql.length()));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        char c = soql.charAt(pos);
        int start = pos;
        if (Character.isLetter(c) || c == '_') {
            while (pos < soql.length() && (Character.isLetterOrDigit(soql.charAt(pos)) || soql.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Kind.IDENTIFIER, soql.substring(start, pos), null, start);
        }
        if (Character.isDigit(c) || c == '-' && pos + 1 < soql.length() && Character.isDigit(soql.charAt(pos + 1))) {
            return numberOrDate();
        }
        switch (c) {
            case '\'':
                return string();
            case ',':
                pos++;
                return new Token(Kind.COMMA, ",", null, start);
            case '(':
                pos++;
                return new Token(Kind.LEFT_PAREN, "(", null, start);
            case ')':
                pos++;
                return new Token(Kind.RIGHT_PAREN, ")", null, start);
            case '.':
                pos++;
                return new Token(Kind.DOT, ".", null, start);
            case ':':
                pos++;
                return new Token(Kind.COLON, ":", null, start);
            case '=':
                pos++;
                return new Token(Kind.OPERATOR, "=", null, start);
            case '!':
                if (soql.startsWith("!=", pos)) {
                    pos += 2;
                    return new Token(Kind.OPERATOR, "!=", null, start);
                }
                break;
            case '<':
                for (String op : new String[] {"<=", "<>", "<"}) {
                    if (soql.startsWith(op, pos)) {
                        pos += op.length();
                        return new Token(Kind.OPERATOR, op, null, start);
                    }
                }
                break;
            case '>':
                String op = soql.startsWith(">=", pos) ? ">=" : ">";
                pos += op.length();
                return new Token(Kind.OPERATOR, op, null, start);
            default:
                break;
        }
        throw SoqlException.at(SoqlException.MALFORMED_QUERY, soql, start, "unexpected token: '" + c + "'");
    }

    private Token numberOrDate() {
        int start = pos;
        Matcher dateTime = DATETIME.matcher(soql).region(pos, soql.length());
        if (dateTime.lookingAt()) {
            pos = dateTime.end();
            try {
                LocalDateTime local = LocalDateTime.parse(dateTime.group(1));
                ZoneOffset offset = ZoneOffset.of(dateTime.group(2));
                return new Token(Kind.DATETIME, dateTime.group(), local.toInstant(offset), start);
            } catch (DateTimeException e) {
                throw invalidLiteral(start, dateTime.group(), "dateTime");
            }
        }
        Matcher date = DATE.matcher(soql).region(pos, soql.length());
        if (date.lookingAt()) {
            pos = date.end();
            try {
                return new Token(Kind.DATE, date.group(), LocalDate.parse(date.group()), start);
            } catch (DateTimeException e) {
                throw invalidLiteral(start, date.group(), "date");
            }
        }
        Matcher number = NUMBER.matcher(soql).region(pos, soql.length());
        if (number.lookingAt()) {
            pos = number.end();
            return new Token(Kind.NUMBER, number.group(), new BigDecimal(number.group()), start);
        }
        throw SoqlException.at(SoqlException.MALFORMED_QUERY, soql, start,
                "unexpected token: '" + soql.substring(start, endOfWord(start)) + "'");
    }

    private SoqlException invalidLiteral(int start, String text, String type) {
        return SoqlException.at(SoqlException.MALFORMED_QUERY, soql, start,
                "invalid " + type + " literal '" + text + "'");
    }

    private int endOfWord(int start) {
        int end = start + 1;
        while (end < soql.length() && !Character.isWhitespace(soql.charAt(end)) && ",()".indexOf(soql.charAt(end)) < 0) {
            end++;
        }
        return end;
    }

    /**
     * Escapes from the SOQL reference, "Quoted String Escape Sequences": \n \r \t \b \f \" \' \\ and, meaningful
     * only in LIKE, \_ and \%. Any other backslash sequence is an error there too.
     */
    private Token string() {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        StringBuilder like = new StringBuilder();
        while (pos < soql.length()) {
            char c = soql.charAt(pos++);
            if (c == '\'') {
                return new Token(Kind.STRING, soql.substring(start, pos),
                        new StringLiteral(value.toString(), like.toString()), start);
            }
            if (c == '%' || c == '_') {
                value.append(c);
                like.append(c == '%' ? ".*" : ".");
                continue;
            }
            if (c == '\\') {
                if (pos >= soql.length()) {
                    break;
                }
                char escaped = soql.charAt(pos++);
                char decoded = switch (escaped) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case '"', '\'', '\\', '%', '_' -> escaped;
                    default -> throw SoqlException.at(SoqlException.MALFORMED_QUERY, soql, pos - 2,
                            "Invalid string literal '" + soql.substring(start + 1, Math.min(soql.length(), pos))
                                    + "'. Illegal character sequence '\\" + escaped + "' in string literal.");
                };
                c = decoded;
            }
            value.append(c);
            like.append(Pattern.quote(String.valueOf(c)));
        }
        throw SoqlException.at(SoqlException.MALFORMED_QUERY, soql, start,
                "unterminated string literal");
    }

    private void skipWhitespace() {
        while (pos < soql.length() && Character.isWhitespace(soql.charAt(pos))) {
            pos++;
        }
    }
}
