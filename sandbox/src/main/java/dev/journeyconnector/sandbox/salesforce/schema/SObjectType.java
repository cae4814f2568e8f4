package dev.journeyconnector.sandbox.salesforce.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One sObject type of the simulated org: its describe metadata and fields. Field lookup is
 * case-insensitive, as it is in SOQL and the SOAP API; {@link SField#name()} keeps the canonical case.
 */
public final class SObjectType {
    private final String name;
    private final String label;
    private final String labelPlural;
    private final String keyPrefix;
    private final boolean custom;
    private final boolean createable;
    private final boolean updateable;
    private final boolean deletable;
    private final boolean queryable;
    private final Map<String, SField> fieldsByLowerName;

    public SObjectType(String name, String label, String labelPlural, String keyPrefix, boolean custom,
                       boolean createable, boolean updateable, boolean deletable, boolean queryable,
                       List<SField> fields) {
        this.name = name;
        this.label = label;
        this.labelPlural = labelPlural;
        this.keyPrefix = keyPrefix;
        this.custom = custom;
        this.createable = createable;
        this.updateable = updateable;
        this.deletable = deletable;
        this.queryable = queryable;
        Map<String, SField> byName = new LinkedHashMap<>();
        for (SField f : fields) {
            byName.put(f.name().toLowerCase(Locale.ROOT), f);
        }
        this.fieldsByLowerName = Collections.unmodifiableMap(byName);
    }

    public String name() { return name; }
    public String label() { return label; }
    public String labelPlural() { return labelPlural; }
    /** The three-character Id prefix, e.g. 003 for Contact. */
    public String keyPrefix() { return keyPrefix; }
    public boolean custom() { return custom; }
    public boolean createable() { return createable; }
    public boolean updateable() { return updateable; }
    public boolean deletable() { return deletable; }
    public boolean queryable() { return queryable; }

    /** Fields in declaration order. */
    public Collection<SField> fields() {
        return fieldsByLowerName.values();
    }

    public Optional<SField> field(String fieldName) {
        return Optional.ofNullable(fieldsByLowerName.get(fieldName.toLowerCase(Locale.ROOT)));
    }

    /** The reference field whose relationshipName is {@code relationship} (case-insensitive), e.g. Account → AccountId. */
    public Optional<SField> relationship(String relationship) {
        String wanted = relationship.toLowerCase(Locale.ROOT);
        return fieldsByLowerName.values().stream()
                .filter(f -> f.relationshipName() != null && f.relationshipName().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }
}
