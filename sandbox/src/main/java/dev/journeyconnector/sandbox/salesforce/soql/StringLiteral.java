package dev.journeyconnector.sandbox.salesforce.soql;

import java.util.regex.Pattern;

/**
 * A decoded SOQL string literal. The same quoted text means two things: as a plain value {@code \%}
 * and {@code \_} are just percent and underscore, while in LIKE an unescaped {@code %} or {@code _} is a
 * wildcard. Both readings are kept because only the operator, parsed later, decides which one applies.
 *
 * @param value      the text with every escape resolved
 * @param likeRegex  the literal as a LIKE pattern: {@code %} → any run, {@code _} → one character,
 *                   escaped wildcards matched literally
 */
record StringLiteral(String value, String likeRegex) {

    /** LIKE is case-insensitive in SOQL and must match the whole value. */
    Pattern likePattern() {
        return Pattern.compile(likeRegex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
