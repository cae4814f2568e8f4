package dev.journeyconnector.sandbox.salesforce.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads sObject schemas from JSON: the standard objects shipped under {@code salesforce/schema/} on the
 * classpath, and a world's extra schema files (custom objects, or custom fields added to a standard object).
 *
 * <p>File format: {@code {"name", "label", "labelPlural", "keyPrefix", "custom", "createable",
 * "updateable", "deletable", "queryable", "auditFields", "fields": [...]}}. Object flags default to
 * {@code true} ({@code custom} to {@code name.endsWith("__c")}). {@code Id} is always added first.
 * {@code auditFields} lists which of CreatedDate, CreatedById, LastModifiedDate, LastModifiedById,
 * SystemModstamp, IsDeleted the object has; absent means all six. IsDeleted is always present because
 * queryAll needs it.
 *
 * <p>Field format: {@code {"name", "type"}} plus optional keys, defaulting as follows:
 * <ul>
 *   <li>{@code label}: the name split at camel case ("BillingCity" → "Billing City").</li>
 *   <li>{@code length}: 255 for string-like types, 80 for email, 40 for phone, 18 for id/reference,
 *       32000 for textarea, 0 for the rest.</li>
 *   <li>{@code required}: false. A required field is not nillable and not defaulted on create, so a
 *       create without it fails with REQUIRED_FIELD_MISSING.</li>
 *   <li>{@code calculated}: false; {@code readOnly}: false. Either makes the field neither createable
 *       nor updateable (world files may still set it).</li>
 *   <li>{@code createable}, {@code updateable}: true unless calculated/readOnly.</li>
 *   <li>{@code nillable}: false for required and boolean fields, true otherwise.</li>
 *   <li>{@code defaultedOnCreate}: true for booleans, for fields with a {@code defaultValue}, for
 *       {@code "owner": true} (OwnerId: the org sets the session user) and for calculated fields.</li>
 *   <li>{@code filterable}, {@code sortable}: false for textarea longer than 255 (long text area
 *       fields cannot be filtered in SOQL), true otherwise.</li>
 *   <li>{@code externalId}, {@code unique}: false; {@code idLookup}: true for externalId fields.</li>
 *   <li>{@code values} (picklist values), {@code restricted} (restricted picklist, default false),
 *       {@code defaultValue} (text form of the default), {@code referenceTo}, {@code relationshipName}.</li>
 *   <li>{@code caseSensitive} (for unique fields, default false), {@code precision} and {@code scale}
 *       (declared digits of a number field; default 0 = unchecked), {@code autoNumberFormat} (display format such
 *       as {@code "F-{000000}"}: the field is read-only and numbered on create), {@code htmlFormatted}.</li>
 * </ul>
 *
 * <p>SFDX source ({@code *.object-meta.xml}, {@code *.field-meta.xml}) becomes the same model through
 * {@link MetadataDeployment}.
 */
public final class SchemaLoader {
    /** The standard objects whose schemas ship with the sandbox, in describeGlobal order. */
    public static final List<String> STANDARD_OBJECTS = List.of(
            "User", "Account", "Contact", "Lead", "Opportunity", "OpportunityHistory",
            "Case", "CaseHistory", "CaseComment", "Task", "Event");

    static final List<String> ALL_AUDIT_FIELDS = List.of(
            "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "IsDeleted");

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaLoader() {
    }

    /** The standard objects, keyed by name in {@link #STANDARD_OBJECTS} order. */
    public static Map<String, SObjectType> standardObjects() {
        Map<String, SObjectType> types = new LinkedHashMap<>();
        for (String name : STANDARD_OBJECTS) {
            String resource = "salesforce/schema/" + name + ".json";
            try (InputStream in = SchemaLoader.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing schema resource " + resource);
                }
                types.put(name, parse(JSON.readTree(in), resource));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema resource " + resource, e);
            }
        }
        return types;
    }

    /**
     * Adds the fields of {@code extra} to {@code base} (same object name), keeping base's fields and flags;
     * a field of the same name in {@code extra} replaces the base one.
     */
    public static SObjectType merge(SObjectType base, SObjectType extra) {
        Map<String, SField> fields = new LinkedHashMap<>();
        for (SField f : base.fields()) {
            fields.put(f.name().toLowerCase(Locale.ROOT), f);
        }
        for (SField f : extra.fields()) {
            if (!f.name().equals("Id") && !ALL_AUDIT_FIELDS.contains(f.name())) {
                fields.put(f.name().toLowerCase(Locale.ROOT), f);
            }
        }
        return new SObjectType(base.name(), base.label(), base.labelPlural(), base.keyPrefix(), base.custom(),
                base.createable(), base.updateable(), base.deletable(), base.queryable(), new ArrayList<>(fields.values()));
    }

    /** One schema document; {@code source} names the file in error messages. */
    public static SObjectType parse(JsonNode doc, String source) {
        String name = text(doc, "name", null);
        if (name == null) {
            throw new IllegalArgumentException(source + ": schema has no \"name\"");
        }
        String keyPrefix = text(doc, "keyPrefix", null);
        if (keyPrefix == null || keyPrefix.length() != 3) {
            throw new IllegalArgumentException(source + ": schema " + name + " needs a 3-character \"keyPrefix\"");
        }
        List<SField> fields = new ArrayList<>();
        fields.add(idField());
        for (JsonNode f : doc.path("fields")) {
            fields.add(parseField(f, source + " " + name));
        }
        List<String> audit = new ArrayList<>();
        if (doc.has("auditFields")) {
            doc.get("auditFields").forEach(n -> audit.add(n.asText()));
        } else {
            audit.addAll(ALL_AUDIT_FIELDS);
        }
        if (!audit.contains("IsDeleted")) {
            audit.add("IsDeleted");
        }
        for (String a : ALL_AUDIT_FIELDS) {
            if (audit.contains(a)) {
                fields.add(auditField(a));
            }
        }
        return new SObjectType(name, text(doc, "label", name), text(doc, "labelPlural", name + "s"), keyPrefix,
                doc.path("custom").asBoolean(name.endsWith("__c")),
                doc.path("createable").asBoolean(true), doc.path("updateable").asBoolean(true),
                doc.path("deletable").asBoolean(true), doc.path("queryable").asBoolean(true), fields);
    }

    private static SField parseField(JsonNode f, String where) {
        String name = text(f, "name", null);
        if (name == null || !f.has("type")) {
            throw new IllegalArgumentException(where + ": every field needs \"name\" and \"type\": " + f);
        }
        FieldType type = FieldType.fromApiName(f.get("type").asText());
        boolean required = f.path("required").asBoolean(false);
        boolean calculated = f.path("calculated").asBoolean(false);
        String autoNumber = text(f, "autoNumberFormat", null);
        boolean readOnly = calculated || autoNumber != null || f.path("readOnly").asBoolean(false);
        String defaultValue = text(f, "defaultValue", null);
        boolean longText = type == FieldType.TEXTAREA && f.path("length").asInt(32000) > 255;
        boolean externalId = f.path("externalId").asBoolean(false);
        List<String> values = new ArrayList<>();
        f.path("values").forEach(v -> values.add(v.asText()));
        List<String> referenceTo = new ArrayList<>();
        f.path("referenceTo").forEach(v -> referenceTo.add(v.asText()));
        return new SField(
                name,
                text(f, "label", splitCamelCase(name)),
                type,
                f.path("length").asInt(defaultLength(type)),
                f.path("nillable").asBoolean(!required && type != FieldType.BOOLEAN),
                f.path("createable").asBoolean(!readOnly),
                f.path("updateable").asBoolean(!readOnly),
                f.path("defaultedOnCreate").asBoolean(type == FieldType.BOOLEAN || defaultValue != null
                        || f.path("owner").asBoolean(false) || calculated || autoNumber != null),
                calculated,
                f.path("filterable").asBoolean(!longText),
                f.path("sortable").asBoolean(!longText),
                externalId,
                f.path("idLookup").asBoolean(externalId),
                f.path("unique").asBoolean(false),
                referenceTo,
                text(f, "relationshipName", null),
                values,
                f.path("restricted").asBoolean(false),
                defaultValue,
                f.path("caseSensitive").asBoolean(false),
                f.path("precision").asInt(0),
                f.path("scale").asInt(0),
                autoNumber,
                f.path("htmlFormatted").asBoolean(false));
    }

    static SField idField() {
        return new SField("Id", "Record ID", FieldType.ID, 18, false, false, false, true, false,
                true, true, false, true, false, List.of(), null, List.of(), false, null);
    }

    static SField auditField(String name) {
        return switch (name) {
            case "CreatedDate" -> readOnly(name, "Created Date", FieldType.DATETIME, 0, List.of(), null);
            case "CreatedById" -> readOnly(name, "Created By ID", FieldType.REFERENCE, 18, List.of("User"), "CreatedBy");
            case "LastModifiedDate" -> readOnly(name, "Last Modified Date", FieldType.DATETIME, 0, List.of(), null);
            case "LastModifiedById" -> readOnly(name, "Last Modified By ID", FieldType.REFERENCE, 18, List.of("User"), "LastModifiedBy");
            case "SystemModstamp" -> readOnly(name, "System Modstamp", FieldType.DATETIME, 0, List.of(), null);
            case "IsDeleted" -> readOnly(name, "Deleted", FieldType.BOOLEAN, 0, List.of(), null);
            default -> throw new IllegalArgumentException("unknown audit field " + name);
        };
    }

    private static SField readOnly(String name, String label, FieldType type, int length, List<String> referenceTo,
                                   String relationshipName) {
        return new SField(name, label, type, length, false, false, false, true, false, true, true, false, false,
                false, referenceTo, relationshipName, List.of(), false, null);
    }

    private static int defaultLength(FieldType type) {
        return switch (type) {
            case ID, REFERENCE -> 18;
            case STRING, URL, PICKLIST, COMBOBOX -> 255;
            case MULTIPICKLIST -> 4099;
            case EMAIL -> 80;
            case PHONE -> 40;
            case TEXTAREA -> 32000;
            default -> 0;
        };
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    static String splitCamelCase(String name) {
        String base = name.endsWith("__c") ? name.substring(0, name.length() - 3) : name;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            if (c == '_') {
                out.append(' ');
                continue;
            }
            if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(base.charAt(i - 1))) {
                out.append(' ');
            }
            out.append(c);
        }
        return out.toString();
    }

}
