package dev.journeyconnector.sandbox.salesforce.schema;

import java.util.Optional;

/**
 * Salesforce record Ids: a 3-character key prefix, a 2-character pod/instance part, and a serial, 15
 * case-sensitive characters in all, plus the 3-character case-safe suffix that makes the 18-character form.
 * The suffix encodes which of the first 15 characters are upper case, 5 characters per suffix character.
 */
public final class SalesforceIds {
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final String SERIAL_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private SalesforceIds() {
    }

    /** The 18-character Id for {@code keyPrefix} (3 chars) and a serial number, e.g. (003, 42) → 003Jx0000000016AAA-like. */
    public static String of(String keyPrefix, long serial) {
        if (keyPrefix.length() != 3) {
            throw new IllegalArgumentException("key prefix must have 3 characters: " + keyPrefix);
        }
        if (serial < 0) {
            throw new IllegalArgumentException("serial must not be negative: " + serial);
        }
        char[] body = new char[10];
        long rest = serial;
        for (int i = body.length - 1; i >= 0; i--) {
            body[i] = SERIAL_ALPHABET.charAt((int) (rest % SERIAL_ALPHABET.length()));
            rest /= SERIAL_ALPHABET.length();
        }
        if (rest != 0) {
            throw new IllegalArgumentException("serial too large: " + serial);
        }
        // "Jx" stands for the instance part real Ids carry after the key prefix.
        return to18(keyPrefix + "Jx" + new String(body));
    }

    /** The 18-character form of a 15- or 18-character Id, or empty when {@code id} is not Id-shaped. */
    public static Optional<String> normalise(String id) {
        if (id == null) {
            return Optional.empty();
        }
        if (id.length() == 18) {
            String expected = to18(id.substring(0, 15));
            return expected.equalsIgnoreCase(id) && isAlphanumeric(id) ? Optional.of(expected) : Optional.empty();
        }
        if (id.length() == 15 && isAlphanumeric(id)) {
            return Optional.of(to18(id));
        }
        return Optional.empty();
    }

    /** The key prefix (first 3 characters) of an Id-shaped string, or empty. */
    public static Optional<String> keyPrefix(String id) {
        return normalise(id).map(n -> n.substring(0, 3));
    }

    private static String to18(String id15) {
        StringBuilder out = new StringBuilder(id15);
        for (int block = 0; block < 3; block++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(block * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            out.append(SUFFIX_ALPHABET.charAt(bits));
        }
        return out.toString();
    }

    private static boolean isAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }
}
