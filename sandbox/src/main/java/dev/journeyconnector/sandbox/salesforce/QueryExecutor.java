package dev.journeyconnector.sandbox.salesforce;

import java.util.List;
import java.util.Map;

/**
 * Runs a SOQL query against the org. The SOQL engine (package {@code soql}) plugs in here; failures are
 * reported as {@link SalesforceFault#query} faults (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE).
 * Called while holding the org's lock.
 */
@FunctionalInterface
public interface QueryExecutor {

    /**
     * @param soql           the query text as the client sent it
     * @param includeDeleted true for queryAll (rows with IsDeleted=true are included)
     */
    Result run(String soql, boolean includeDeleted);

    /**
     * Query rows keyed by canonical field names in select order; a parent relationship is a nested map with a
     * {@code type} key (or {@code null} when the reference is empty).
     *
     * @param sObjectType the FROM object, the {@code <sf:type>} of each record
     * @param records     the rows (empty for COUNT())
     * @param countOnly   true for {@code SELECT COUNT() ...}: the response has size = {@code count} and no records
     * @param count       the COUNT() value; ignored unless countOnly
     */
    record Result(String sObjectType, List<Map<String, Object>> records, boolean countOnly, int count) {
        public static Result rows(String sObjectType, List<Map<String, Object>> records) {
            return new Result(sObjectType, records, false, records.size());
        }

        public static Result count(String sObjectType, int count) {
            return new Result(sObjectType, List.of(), true, count);
        }
    }
}
