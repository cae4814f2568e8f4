package dev.journeyconnector.salesforce;

import dev.journeyconnector.salesforce.client.Soql;

import java.time.Duration;
import java.time.Instant;
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
    private IncrementalQuery() {
    }

    static String soql(String object, List<String> fields, String modstampField, SalesforceCursor cursor,
                       Instant upper, Duration overlap, Instant startDate, String extraCondition) {
        List<String> where = new ArrayList<>();
        if (extraCondition != null && !extraCondition.isBlank()) {
            where.add("(" + extraCondition.strip() + ")");
        }
        if (cursor.inProgress()) {
            String m = literal(cursor.lastModstamp());
            where.add("(" + modstampField + " > " + m + " OR (" + modstampField + " = " + m + " AND Id > "
                    + Soql.quote(cursor.lastId()) + "))");
        } else if (cursor.syncedUpTo() != null) {
            where.add(modstampField + " >= " + literal(cursor.syncedUpTo().minus(overlap)));
        } else if (startDate != null) {
            where.add(modstampField + " >= " + literal(startDate));
        }
        where.add(modstampField + " <= " + literal(upper));
        return unordered(object, fields, where) + " ORDER BY " + modstampField + " ASC, Id ASC";
    }

    /**
     * The first load of an object for the Bulk API: the same window, no ORDER BY (PK chunking splits the
     * query into Id ranges itself and does not support ordering).
     */
    static String bulkFirstLoad(String object, List<String> fields, Instant upper, Instant startDate,
                                String modstampField, String extraCondition) {
        List<String> where = new ArrayList<>();
        if (extraCondition != null && !extraCondition.isBlank()) {
            where.add("(" + extraCondition.strip() + ")");
        }
        if (startDate != null) {
            where.add(modstampField + " >= " + literal(startDate));
        }
        where.add(modstampField + " <= " + literal(upper));
        return unordered(object, fields, where);
    }

    private static String unordered(String object, List<String> fields, List<String> where) {
        return "SELECT " + String.join(", ", fields) + " FROM " + object + " WHERE " + String.join(" AND ", where);
    }

    private static String literal(Instant t) {
        return Soql.datetime(t);
    }
}
