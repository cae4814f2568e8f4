package dev.journeyconnector.sandbox.salesforce.schema;

import java.util.List;

/**
 * One field of an sObject, as describeSObject reports it. Flags follow Salesforce's meaning:
 * {@code calculated} fields (SystemModstamp, CreatedDate, IsDeleted ...) are set by the org and can be
 * neither created nor updated; a field that is not {@code nillable}, not {@code defaultedOnCreate} and
 * {@code createable} is required on create (REQUIRED_FIELD_MISSING).
 */
public record SField(
        String name,
        String label,
        FieldType type,
        int length,
        boolean nillable,
        boolean createable,
        boolean updateable,
        boolean defaultedOnCreate,
        boolean calculated,
        boolean filterable,
        boolean sortable,
        boolean externalId,
        boolean idLookup,
        boolean unique,
        List<String> referenceTo,
        String relationshipName,
        List<String> picklistValues,
        boolean restrictedPicklist,
        String defaultValue) {

    public SField {
        referenceTo = referenceTo == null ? List.of() : List.copyOf(referenceTo);
        picklistValues = picklistValues == null ? List.of() : List.copyOf(picklistValues);
    }

    /** True when a create without a value for this field must fail with REQUIRED_FIELD_MISSING. */
    public boolean requiredOnCreate() {
        return createable && !nillable && !defaultedOnCreate && type != FieldType.BOOLEAN;
    }
}
