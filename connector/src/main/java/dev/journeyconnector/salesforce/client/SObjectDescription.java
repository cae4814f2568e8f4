package dev.journeyconnector.salesforce.client;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code describeSObject} said about one sObject. {@code fields} looks names up case-insensitively,
 * as SOQL does; {@link FieldDescription#name()} keeps Salesforce's canonical spelling.
 */
public record SObjectDescription(
        String name,
        String keyPrefix,
        boolean createable,
        boolean updateable,
        boolean queryable,
        Map<String, FieldDescription> fields) {

    public SObjectDescription {
        TreeMap<String, FieldDescription> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(fields);
        fields = Collections.unmodifiableMap(byName);
    }

    public Optional<FieldDescription> field(String fieldName) {
        return Optional.ofNullable(fields.get(fieldName));
    }

    /** The reference field whose relationshipName is {@code relationshipName} (e.g. "Account" → AccountId). */
    public Optional<FieldDescription> relationship(String relationshipName) {
        Collection<FieldDescription> all = fields.values();
        return all.stream()
                .filter(f -> f.relationshipName() != null && f.relationshipName().equalsIgnoreCase(relationshipName))
                .findFirst();
    }
}
