package dev.journeyconnector.sandbox.salesforce.soql;

import dev.journeyconnector.sandbox.salesforce.schema.FieldType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * How SOQL compares values of a field type. Row values follow the conventions of {@link FieldType};
 * every comparison here is between two non-null values of the same kind.
 */
enum ValueKind {
    /** Text compares case-insensitively in SOQL, for =, !=, ordering and ORDER BY alike. */
    TEXT,
    /**
     * Ids are case-sensitive in their 15-character form; the 18-character form only adds a checksum, so the
     * first 15 characters decide. Ordinal order matches the sandbox's Id serial alphabet (0-9, A-Z, a-z).
     */
    ID,
    BOOLEAN,
    NUMBER,
    DATE,
    DATETIME;

    static ValueKind of(FieldType type) {
        return switch (type) {
            case ID, REFERENCE -> ID;
            case BOOLEAN -> BOOLEAN;
            case INT, DOUBLE, CURRENCY, PERCENT -> NUMBER;
            case DATE -> DATE;
            case DATETIME -> DATETIME;
            default -> TEXT;
        };
    }

    /** A row value ready to compare: Salesforce stores no empty strings, so "" reads as null (empty). */
    Object read(Object raw) {
        if (raw instanceof String s && s.isEmpty()) {
            return null;
        }
        return raw;
    }

    int compare(Object a, Object b) {
        return switch (this) {
            case TEXT -> String.CASE_INSENSITIVE_ORDER.compare(a.toString(), b.toString());
            case ID -> idKey(a).compareTo(idKey(b));
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case NUMBER -> decimal(a).compareTo(decimal(b));
            case DATE -> ((LocalDate) a).compareTo((LocalDate) b);
            case DATETIME -> ((Instant) a).compareTo((Instant) b);
        };
    }

    private static String idKey(Object id) {
        String s = id.toString();
        return s.length() > 15 ? s.substring(0, 15) : s;
    }

    private static BigDecimal decimal(Object n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(((Number) n).longValue());
        }
        return new BigDecimal(n.toString());
    }
}
