package dev.journeyconnector.sandbox.salesforce.soql;

import dev.journeyconnector.sandbox.salesforce.schema.SObjectType;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What the SOQL engine needs from the simulated org. Rows follow the value conventions of
 * {@link dev.journeyconnector.sandbox.salesforce.schema.FieldType}; every row has {@code Id} and
 * {@code IsDeleted}, and {@code IsDeleted=true} rows are returned by queryAll only.
 */
public interface SoqlDataSource {

    /** The type named {@code name} (case-insensitive), or empty when the org has none. */
    Optional<SObjectType> type(String name);

    /** Every row of the type, deleted ones included, in no particular order. */
    Collection<Map<String, Object>> rows(String typeName);

    /** The row with this Id (15- or 18-character), deleted ones included, or empty. */
    Optional<Map<String, Object>> rowById(String id);

    /** The type an Id belongs to, from its key prefix, or empty. */
    Optional<SObjectType> typeOfId(String id);
}
