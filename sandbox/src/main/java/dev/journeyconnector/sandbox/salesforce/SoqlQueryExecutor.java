package dev.journeyconnector.sandbox.salesforce;

import dev.journeyconnector.sandbox.salesforce.soql.SoqlDataSource;
import dev.journeyconnector.sandbox.salesforce.soql.SoqlEngine;
import dev.journeyconnector.sandbox.salesforce.soql.SoqlException;
import dev.journeyconnector.sandbox.salesforce.soql.SoqlQuery;

import java.util.List;
import java.util.Map;

/** The SOQL engine behind the simulator's query, queryAll and queryMore; its errors become query faults. */
final class SoqlQueryExecutor implements QueryExecutor {
    private final SoqlDataSource org;
    private final SoqlEngine engine;

    SoqlQueryExecutor(SoqlDataSource org) {
        this.org = org;
        this.engine = new SoqlEngine(org);
    }

    @Override
    public Result run(String soql, boolean includeDeleted) {
        try {
            SoqlQuery query = SoqlQuery.parse(soql);
            if (query.isCountQuery()) {
                int count = engine.count(query, includeDeleted);
                return Result.count(canonicalName(query), count);
            }
            List<Map<String, Object>> rows = engine.execute(query, includeDeleted);
            return Result.rows(canonicalName(query), rows);
        } catch (SoqlException e) {
            throw SalesforceFault.query(e.exceptionCode(), e.getMessage(), e.row(), e.column());
        }
    }

    /** The FROM object as the schema spells it: records carry it as their {@code <sf:type>}. */
    private String canonicalName(SoqlQuery query) {
        return org.type(query.objectName()).map(t -> t.name()).orElse(query.objectName());
    }
}
