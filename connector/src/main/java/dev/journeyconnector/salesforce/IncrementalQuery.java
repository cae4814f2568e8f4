package dev.journeyconnector.salesforce;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the SOQL of one incremental poll. Records are read in (modstamp, Id) order up to the server time
 * at which the poll began, so that a page boundary inside a run of equal modstamps loses nothing.
 *
 * <p>After a complete poll the next one starts {@code overlap} before the previous upper bound: Salesforce
 * stamps SystemModstamp when a transaction starts, so a long transaction can commit a record whose stamp is
 * older than records already read. Records re-read in that window are deduplicated by the store. A poll
 * interrupted mid-way resumes strictly after the last stored (modstamp, Id).
 */
final class IncrementalQuery {
    private static final DateTimeFormatter SOQL_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IncrementalQuery() {
    }

    static String soql(String object, List<String> fields, String modstampField, SalesforceCursor cursor,
                       Instant upper, Duration overlap, Instant startDate) {
        List<String> where = new ArrayList<>();
        if (cursor.inProgress()) {
            String m = literal(cursor.lastModstamp());
            where.add("(" + modstampField + " > " + m + " OR (" + modstampField + " = " + m + " AND Id > "
                    + quote(cursor.lastId()) + "))");
        } else if (cursor.syncedUpTo() != null) {
            where.add(modstampField + " >= " + literal(cursor.syncedUpTo().minus(overlap)));
        } else if (startDate != null) {
            where.add(modstampField + " >= " + literal(startDate));
        }
        where.add(modstampField + " <= " + literal(upper));
        return "SELECT " + String.join(", ", fields) + " FROM " + object
                + " WHERE " + String.join(" AND ", where)
                + " ORDER BY " + modstampField + " ASC, Id ASC";
    }

    static String literal(Instant t) {
        return SOQL_DATETIME.format(t);
    }

    /** A SOQL string literal, with Salesforce's escapes for quote, backslash and control characters. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("'");
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(ch);
            }
        }
        return out.append('\'').toString();
    }
}
