package dev.journeyconnector.sandbox.salesforce.soql;

import java.util.Locale;

/**
 * One lexical token of a SOQL statement. {@code value} holds the decoded literal for STRING, NUMBER,
 * DATE and DATETIME tokens; {@code offset} is the 0-based position in the statement, used for error carets.
 */
record Token(Kind kind, String text, Object value, int offset) {

    enum Kind { IDENTIFIER, STRING, NUMBER, DATE, DATETIME, OPERATOR, COMMA, LEFT_PAREN, RIGHT_PAREN, DOT, COLON, END }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    boolean is(Kind wanted) {
        return kind == wanted;
    }

    /** How Salesforce names the token in "unexpected token" messages. */
    String describe() {
        return kind == Kind.END ? "<EOF>" : "'" + text + "'";
    }

    String upperText() {
        return text.toUpperCase(Locale.ROOT);
    }
}
