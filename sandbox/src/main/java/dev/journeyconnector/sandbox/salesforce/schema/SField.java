package dev.journeyconnector.sandbox.salesforce.schema;

import java.util.List;

/**
 * One field of an sObject, as describeSObject reports it. Flags follow Salesforce's meaning:
 * {@code calculated} fields (SystemModstamp, CreatedDate, IsDeleted ...) are set by the org and can be
 * neither created nor updated; a field that is not {@code nillable}, not {@code defaultedOnCreate} and
 * {@code createable} is required on create (REQUIRED_FIELD_MISSING).
 *
 * <p>{@code unique} fields refuse a second record with the same value (DUPLICATE_VALUE), comparing
 * case-insensitively unless {@code caseSensitive}. {@code precision} and {@code scale} are the declared
 * digits of a number field (0/0 = not declared: values are neither rounded nor range-checked).
 * {@code autoNumberFormat} is the display format of an auto-number field ({@code F-{000000}}), null for
 * every other field. {@code htmlFormatted} marks rich text areas.
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
        String defaultValue,
        boolean caseSensitive,
        int precision,
        int scale,
        String autoNumberFormat,
        boolean htmlFormatted) {

    public SField {
        referenceTo = referenceTo == null ? List.of() : List.copyOf(referenceTo);
        picklistValues = picklistValues == null ? List.of() : List.copyOf(picklistValues);
        if (scale < 0 || precision < 0 || scale > precision) {
            throw new IllegalArgumentException(name + ": scale must be between 0 and precision, got precision "
                    + precision + " scale " + scale);
        }
    }

    /** A field without unique case sensitivity, declared number digits, auto numbering or rich text. */
    public SField(String name, String label, FieldType type, int length, boolean nillable, boolean createable,
                  boolean updateable, boolean defaultedOnCreate, boolean calculated, boolean filterable, boolean sortable,
                  boolean externalId, boolean idLookup, boolean unique, List<String> referenceTo, String relationshipName,
                  List<String> picklistValues, boolean restrictedPicklist, String defaultValue) {
        this(name, label, type, length, nillable, createable, updateable, defaultedOnCreate, calculated, filterable,
                sortable, externalId, idLookup, unique, referenceTo, relationshipName, picklistValues, restrictedPicklist,
                defaultValue, false, 0, 0, null, false);
    }

    /** True when a create without a value for this field must fail with REQUIRED_FIELD_MISSING. */
    public boolean requiredOnCreate() {
        return createable && !nillable && !defaultedOnCreate && type != FieldType.BOOLEAN;
    }

    public boolean autoNumber() {
        return autoNumberFormat != null;
    }
}
