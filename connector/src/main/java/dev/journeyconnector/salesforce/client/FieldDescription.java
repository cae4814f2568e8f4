package dev.journeyconnector.salesforce.client;

import java.util.List;

/**
 * One field from {@code describeSObject}. {@code type} is the Partner API field type as Salesforce spells it
 * ("string", "boolean", "int", "double", "currency", "date", "datetime", "reference", ...).
 */
public record FieldDescription(
        String name,
        String type,
        boolean nillable,
        boolean createable,
        boolean updateable,
        boolean filterable,
        List<String> referenceTo,
        String relationshipName,
        List<String> picklistValues) {

    public FieldDescription {
        referenceTo = referenceTo == null ? List.of() : List.copyOf(referenceTo);
        picklistValues = picklistValues == null ? List.of() : List.copyOf(picklistValues);
    }
}
