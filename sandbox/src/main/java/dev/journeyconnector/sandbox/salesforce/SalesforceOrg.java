package dev.journeyconnector.sandbox.salesforce;

import dev.journeyconnector.sandbox.salesforce.schema.FieldType;
import dev.journeyconnector.sandbox.salesforce.schema.SField;
import dev.journeyconnector.sandbox.salesforce.schema.SObjectType;
import dev.journeyconnector.sandbox.salesforce.schema.SalesforceIds;
import dev.journeyconnector.sandbox.salesforce.soql.SoqlDataSource;
import dev.journeyconnector.sandbox.world.World;
import dev.journeyconnector.sandbox.world.WorldException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated org's data: records of every sObject type, with the save rules of the SOAP API
 * (validation, defaults, calculated fields, audit fields, history rows). Records are
 * {@code Map<String, Object>} keyed by canonical field names, values as {@link FieldType} describes.
 * Deleted records stay with {@code IsDeleted=true}, as in the recycle bin, so queryAll sees them.
 * Thread-safe: every public method synchronizes on the org.
 */
public final class SalesforceOrg implements SoqlDataSource {
    private static final Set<String> AUDIT_FIELDS = Set.of(
            "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "IsDeleted");
    /** Default probabilities of the standard opportunity stages (Setup → Opportunity Stages). */
    private static final Map<String, Integer> STAGE_PROBABILITY = Map.ofEntries(
            Map.entry("Prospecting", 10), Map.entry("Qualification", 10), Map.entry("Needs Analysis", 20),
            Map.entry("Value Proposition", 50), Map.entry("Id. Decision Makers", 60),
            Map.entry("Perception Analysis", 70), Map.entry("Proposal/Price Quote", 75),
            Map.entry("Negotiation/Review", 90), Map.entry("Closed Won", 100), Map.entry("Closed Lost", 0));
    /** An auto-number display format: literal text, {0...} and literal text. */
    private static final Pattern AUTO_NUMBER = Pattern.compile("([^{}]*)\\{(0+)}([^{}]*)");
    private static final List<String> CASE_HISTORY_FIELDS = List.of("Status", "Priority", "Subject", "Type", "Origin", "Reason");

    private final String organizationId;
    private final Map<String, SObjectType> typesByLowerName = new LinkedHashMap<>();
    private final Map<String, SObjectType> typesByPrefix = new HashMap<>();
    private final Map<String, LinkedHashMap<String, Map<String, Object>>> rowsByType = new HashMap<>();
    private final Map<String, Map<String, Object>> rowsById = new HashMap<>();
    private final Set<String> lockedIds = new HashSet<>();
    /** Next number of each auto-number field ("Type.Field"), found from the stored rows on first use. */
    private final Map<String, Long> nextAutoNumbers = new HashMap<>();
    // Generated Ids start high so they do not collide with the small serials hand-written world files tend to use.
    private long nextSerial = 1_000_000;
    private long nextCaseNumber = 1001;
    private String defaultUserId;

    public SalesforceOrg(String organizationId, Collection<SObjectType> types) {
        this.organizationId = organizationId;
        types.forEach(this::install);
    }

    /**
     * Adds or redefines sObject types while the org runs, as a metadata deployment does: records of a
     * redefined type keep their values and read null for fields added, a new type starts empty. Deployments
     * only add or redefine fields (see MetadataDeployment), so no stored value loses its field.
     */
    public synchronized void deploy(Collection<SObjectType> types) {
        types.forEach(this::install);
    }

    private void install(SObjectType t) {
        SObjectType previous = typesByLowerName.put(t.name().toLowerCase(Locale.ROOT), t);
        if (previous != null && !previous.keyPrefix().equals(t.keyPrefix())) {
            typesByPrefix.remove(previous.keyPrefix());
        }
        typesByPrefix.put(t.keyPrefix(), t);
        rowsByType.putIfAbsent(t.name(), new LinkedHashMap<>());
        nextAutoNumbers.keySet().removeIf(k -> k.startsWith(t.name() + "."));
    }

    /**
     * Builds the org from a world's record files, checking every record against the schema and reporting
     * all problems at once. Writable flags do not apply to world data (history rows, converted leads ...).
     */
    public static SalesforceOrg fromWorld(World world, Instant loadTime) {
        SalesforceOrg org = new SalesforceOrg(world.organizationId(), world.types().values());
        List<String> problems = new ArrayList<>();
        List<Object[]> referenceChecks = new ArrayList<>();
        for (World.RecordFile file : world.recordFiles()) {
            SObjectType type = world.types().get(file.objectName());
            for (int i = 0; i < file.records().size(); i++) {
                String where = file.path() + " record " + i;
                Map<String, Object> row = org.seedRow(type, file.records().get(i), where, problems, loadTime);
                referenceChecks.add(new Object[] {type, row, where});
                if (org.defaultUserId == null && type.name().equals("User") && Boolean.TRUE.equals(row.get("IsActive"))
                        && row.get("Id") != null) {
                    org.defaultUserId = (String) row.get("Id");
                }
            }
        }
        if (org.defaultUserId == null) {
            problems.add("salesforce/User.json: the world needs at least one active User (records default their owner and audit users to it)");
        }
        for (Object[] check : referenceChecks) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) check[1];
            org.checkReferences((SObjectType) check[0], row, (String) check[2], problems);
        }
        if (!problems.isEmpty()) {
            throw new WorldException(world.source(), problems);
        }
        return org;
    }

    /** Restores an org from saved rows (already valid), see {@link #snapshot()}. */
    public static SalesforceOrg fromSnapshot(String organizationId, Collection<SObjectType> types, Snapshot snapshot) {
        SalesforceOrg org = new SalesforceOrg(organizationId, types);
        org.nextSerial = snapshot.nextSerial();
        org.nextCaseNumber = snapshot.nextCaseNumber();
        org.defaultUserId = snapshot.defaultUserId();
        snapshot.rows().forEach((typeName, rows) -> {
            SObjectType type = org.type(typeName).orElseThrow(() -> new IllegalStateException("saved state has records of "
                    + typeName + ", which the org does not have (was Salesforce metadata deployed when the state was saved?"
                    + " deploy it again, or reset)"));
            for (Map<String, Object> json : rows) {
                Map<String, Object> row = new LinkedHashMap<>();
                json.forEach((k, v) -> {
                    SField f = type.field(k).orElseThrow(() -> new IllegalStateException("saved state has unknown field "
                            + typeName + "." + k + " (was Salesforce metadata deployed when the state was saved? deploy it again, or reset)"));
                    try {
                        row.put(f.name(), FieldValues.parse(f, v == null ? null : String.valueOf(v instanceof BigDecimal d ? d.toPlainString() : v)));
                    } catch (FieldValues.BadValueException e) {
                        throw new IllegalStateException("saved state has a bad value for " + typeName + "." + k, e);
                    }
                });
                org.put(type, row);
            }
        });
        return org;
    }

    /** The org's rows and counters in JSON-friendly form, for persistence and dumps. */
    public synchronized Snapshot snapshot() {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (SObjectType t : typesByLowerName.values()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : rowsByType.get(t.name()).values()) {
                Map<String, Object> json = new LinkedHashMap<>();
                row.forEach((k, v) -> json.put(k, FieldValues.toJson(v)));
                rows.add(json);
            }
            out.put(t.name(), rows);
        }
        return new Snapshot(nextSerial, nextCaseNumber, defaultUserId, out);
    }

    /** Saved org state: id serial, next case number, default user and rows by type (JSON values). */
    public record Snapshot(long nextSerial, long nextCaseNumber, String defaultUserId,
                           Map<String, List<Map<String, Object>>> rows) {
    }

    public String organizationId() {
        return organizationId;
    }

    /** The user records default to when no session user applies (the first active user of the world). */
    public synchronized String defaultUserId() {
        return defaultUserId;
    }

    public synchronized List<SObjectType> types() {
        return List.copyOf(typesByLowerName.values());
    }

    // ---- SoqlDataSource ----

    @Override
    public synchronized Optional<SObjectType> type(String name) {
        return Optional.ofNullable(typesByLowerName.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public synchronized Collection<Map<String, Object>> rows(String typeName) {
        return type(typeName).map(t -> Collections.unmodifiableCollection(rowsByType.get(t.name()).values()))
                .orElse(List.of());
    }

    @Override
    public synchronized Optional<Map<String, Object>> rowById(String id) {
        return SalesforceIds.normalise(id).map(rowsById::get);
    }

    @Override
    public Optional<SObjectType> typeOfId(String id) {
        return SalesforceIds.keyPrefix(id).map(typesByPrefix::get);
    }

    // ---- locking (test control) ----

    /** Makes saves touching these records fail with UNABLE_TO_LOCK_ROW until {@link #unlockAll()}. */
    public synchronized void lock(Collection<String> ids) {
        for (String id : ids) {
            lockedIds.add(SalesforceIds.normalise(id).orElse(id));
        }
    }

    public synchronized void unlockAll() {
        lockedIds.clear();
    }

    // ---- saves ----

    public synchronized List<SaveOutcome> create(List<IncomingRecord> records, String userId) {
        List<SaveOutcome> out = new ArrayList<>();
        for (IncomingRecord r : records) {
            out.add(createOne(r, userId, false));
        }
        return out;
    }

    public synchronized List<SaveOutcome> update(List<IncomingRecord> records, String userId) {
        List<SaveOutcome> out = new ArrayList<>();
        for (IncomingRecord r : records) {
            out.add(updateOne(r, r.id(), userId, false));
        }
        return out;
    }

    /**
     * Upsert by {@code externalIdField}: no match creates, one match updates, several matches fail with
     * DUPLICATE_EXTERNAL_ID. The field must be Id, an external Id or an idLookup field (else a fault, as
     * Salesforce answers "is not an External ID or indexed field"). Keys match case-insensitively unless the
     * field is case-sensitive; records of one call sharing a key all fail with DUPLICATE_VALUE ("Duplicate
     * external id specified"), since Salesforce cannot tell which of them should win.
     */
    public synchronized List<SaveOutcome> upsert(String externalIdField, List<IncomingRecord> records, String userId) {
        List<SaveOutcome> out = new ArrayList<>();
        Set<String> repeatedKeys = repeatedKeys(externalIdField, records);
        for (IncomingRecord r : records) {
            SObjectType type = typesByLowerName.get(String.valueOf(r.type()).toLowerCase(Locale.ROOT));
            if (type == null) {
                out.add(SaveOutcome.failed(unknownType(r.type())));
                continue;
            }
            SField key = type.field(externalIdField)
                    .filter(f -> f.type() == FieldType.ID || f.externalId() || f.idLookup())
                    .orElseThrow(() -> SalesforceFault.unexpected("INVALID_FIELD", "Field name provided, " + externalIdField
                            + " is not an External ID or indexed field for " + type.name()));
            String value = key.type() == FieldType.ID ? r.id() : valueOf(r, key.name());
            if (value != null && repeatedKeys.contains(type.name() + "\n" + keyForm(key, value))) {
                out.add(SaveOutcome.failed(RecordError.of("DUPLICATE_VALUE", "Duplicate external id specified: " + value, key.name())));
                continue;
            }
            if (value == null || value.isEmpty()) {
                if (key.type() == FieldType.ID) {
                    out.add(createOne(r, userId, true));
                } else {
                    out.add(SaveOutcome.failed(RecordError.of("MISSING_ARGUMENT", key.name() + " not specified", key.name())));
                }
                continue;
            }
            List<String> matches = new ArrayList<>();
            for (Map<String, Object> row : rowsByType.get(type.name()).values()) {
                Object v = row.get(key.name());
                if (!Boolean.TRUE.equals(row.get("IsDeleted")) && v != null && matchesKey(key, v, value)) {
                    matches.add((String) row.get("Id"));
                }
            }
            if (matches.size() > 1) {
                out.add(SaveOutcome.failed(RecordError.of("DUPLICATE_EXTERNAL_ID", key.name()
                        + ": more than one record found for external id field: " + matches, key.name())));
            } else if (matches.size() == 1) {
                out.add(updateOne(r, matches.get(0), userId, true));
            } else if (key.type() == FieldType.ID) {
                out.add(SaveOutcome.failed(RecordError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id")));
            } else {
                out.add(createOne(r, userId, true));
            }
        }
        return out;
    }

    /** "Type\nkey" of every upsert key given more than once in one call (in the field's comparison form). */
    private Set<String> repeatedKeys(String externalIdField, List<IncomingRecord> records) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (IncomingRecord r : records) {
            SObjectType type = typesByLowerName.get(String.valueOf(r.type()).toLowerCase(Locale.ROOT));
            Optional<SField> key = type == null ? Optional.empty() : type.field(externalIdField);
            if (key.isEmpty()) {
                continue;
            }
            String value = key.get().type() == FieldType.ID ? r.id() : valueOf(r, key.get().name());
            if (value != null && !value.isEmpty() && !seen.add(type.name() + "\n" + keyForm(key.get(), value))) {
                repeated.add(type.name() + "\n" + keyForm(key.get(), value));
            }
        }
        return repeated;
    }

    /** The form in which two values of {@code key} are the same key. */
    private static String keyForm(SField key, String value) {
        if (key.type() == FieldType.ID || key.type() == FieldType.REFERENCE) {
            return SalesforceIds.normalise(value).orElse(value);
        }
        return key.caseSensitive() ? value : value.toLowerCase(Locale.ROOT);
    }

    public synchronized List<SaveOutcome> delete(List<String> ids, String userId) {
        List<SaveOutcome> out = new ArrayList<>();
        Instant now = FieldValues.now();
        for (String raw : ids) {
            Optional<String> id = SalesforceIds.normalise(raw).filter(i -> typesByPrefix.containsKey(i.substring(0, 3)));
            if (id.isEmpty()) {
                // Text of Salesforce's answer for a malformed Id in delete (soapforce delete_response_failure.xml).
                out.add(SaveOutcome.failed(RecordError.of("MALFORMED_ID", "bad id " + raw)));
                continue;
            }
            Map<String, Object> row = rowsById.get(id.get());
            SObjectType type = typesByPrefix.get(id.get().substring(0, 3));
            if (row == null) {
                out.add(SaveOutcome.failed(RecordError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id")));
            } else if (Boolean.TRUE.equals(row.get("IsDeleted"))) {
                out.add(SaveOutcome.failed(RecordError.of("ENTITY_IS_DELETED", "entity is deleted")));
            } else if (!type.deletable()) {
                out.add(SaveOutcome.failed(RecordError.of("INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id")));
            } else if (lockedIds.contains(id.get())) {
                out.add(SaveOutcome.failed(lockError()));
            } else {
                row.put("IsDeleted", Boolean.TRUE);
                stampModified(type, row, userId, now);
                out.add(SaveOutcome.ok(id.get(), false));
            }
        }
        return out;
    }

    private SaveOutcome createOne(IncomingRecord r, String userId, boolean upsert) {
        SObjectType type = typesByLowerName.get(String.valueOf(r.type()).toLowerCase(Locale.ROOT));
        if (type == null) {
            return SaveOutcome.failed(unknownType(r.type()));
        }
        if (!type.createable()) {
            return SaveOutcome.failed(RecordError.of("INVALID_TYPE_FOR_OPERATION", "entity type cannot be inserted: " + type.name()));
        }
        if (r.id() != null && !r.id().isEmpty() && !upsert) {
            return SaveOutcome.failed(RecordError.of("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", "Id"));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        List<String> notWritable = new ArrayList<>();
        for (Map.Entry<String, String> e : r.values().entrySet()) {
            SField f = knownField(type, e.getKey());
            if (f.name().equals("Id")) {
                continue;
            }
            if (!f.createable()) {
                if (e.getValue() != null) {
                    notWritable.add(f.name());
                }
                continue;
            }
            Object parsed;
            try {
                parsed = FieldValues.parse(f, e.getValue());
            } catch (FieldValues.BadValueException ex) {
                return SaveOutcome.failed(RecordError.of("INVALID_TYPE_ON_FIELD_IN_RECORD", ex.getMessage(), f.name()));
            }
            row.put(f.name(), parsed);
        }
        for (String n : r.fieldsToNull()) {
            row.put(knownField(type, n).name(), null);
        }
        if (!notWritable.isEmpty()) {
            return SaveOutcome.failed(notWritable(notWritable));
        }
        Optional<RecordError> invalid = checkValues(type, row);
        if (invalid.isPresent()) {
            return SaveOutcome.failed(invalid.get());
        }
        applyDefaults(type, row, userId);
        List<String> missing = missingRequired(type, row);
        if (!missing.isEmpty()) {
            return SaveOutcome.failed(requiredMissing(missing));
        }
        Optional<RecordError> refused = checkReferenceValues(type, row)
                .or(() -> checkOwner(type, row))
                .or(() -> checkUnique(type, row, null));
        if (refused.isPresent()) {
            return SaveOutcome.failed(refused.get());
        }
        Instant now = FieldValues.now();
        row.put("Id", newId(type));
        if (type.name().equals("Case")) {
            row.put("CaseNumber", String.format("%08d", nextCaseNumber++));
        }
        applyNumbering(type, row);
        applyDerived(type, row, null, now);
        stampCreated(type, row, userId, now);
        put(type, row);
        recordHistory(type, null, row, userId, now);
        return SaveOutcome.ok((String) row.get("Id"), true);
    }

    private SaveOutcome updateOne(IncomingRecord r, String rawId, String userId, boolean upsert) {
        SObjectType type = typesByLowerName.get(String.valueOf(r.type()).toLowerCase(Locale.ROOT));
        if (type == null) {
            return SaveOutcome.failed(unknownType(r.type()));
        }
        if (rawId == null || rawId.isEmpty()) {
            return SaveOutcome.failed(RecordError.of("MISSING_ARGUMENT", "Id not specified in an update call"));
        }
        Optional<String> id = SalesforceIds.normalise(rawId).filter(i -> i.startsWith(type.keyPrefix()));
        if (id.isEmpty()) {
            return SaveOutcome.failed(RecordError.of("MALFORMED_ID", type.label() + " ID: id value of incorrect type: " + rawId, "Id"));
        }
        Map<String, Object> existing = rowsById.get(id.get());
        if (existing == null) {
            return SaveOutcome.failed(RecordError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
        }
        if (Boolean.TRUE.equals(existing.get("IsDeleted"))) {
            return SaveOutcome.failed(RecordError.of("ENTITY_IS_DELETED", "entity is deleted"));
        }
        if (!type.updateable()) {
            return SaveOutcome.failed(RecordError.of("INVALID_TYPE_FOR_OPERATION", "entity type cannot be updated: " + type.name()));
        }
        if (lockedIds.contains(id.get())) {
            return SaveOutcome.failed(lockError());
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        List<String> notWritable = new ArrayList<>();
        for (Map.Entry<String, String> e : r.values().entrySet()) {
            SField f = knownField(type, e.getKey());
            if (f.name().equals("Id")) {
                continue;
            }
            // An upsert that updates ignores non-updateable but createable fields (e.g. an external Id set on create).
            if (!f.updateable()) {
                if (e.getValue() != null && !(upsert && f.createable())) {
                    notWritable.add(f.name());
                }
                continue;
            }
            try {
                changes.put(f.name(), FieldValues.parse(f, e.getValue()));
            } catch (FieldValues.BadValueException ex) {
                return SaveOutcome.failed(RecordError.of("INVALID_TYPE_ON_FIELD_IN_RECORD", ex.getMessage(), f.name()));
            }
        }
        for (String n : r.fieldsToNull()) {
            SField f = knownField(type, n);
            if (!f.updateable()) {
                notWritable.add(f.name());
            } else {
                changes.put(f.name(), f.type() == FieldType.BOOLEAN ? Boolean.FALSE : null);
            }
        }
        if (!notWritable.isEmpty()) {
            return SaveOutcome.failed(notWritable(notWritable));
        }
        Optional<RecordError> invalid = checkValues(type, changes);
        if (invalid.isPresent()) {
            return SaveOutcome.failed(invalid.get());
        }
        Map<String, Object> merged = new LinkedHashMap<>(existing);
        merged.putAll(changes);
        List<String> missing = missingRequired(type, merged);
        if (!missing.isEmpty()) {
            return SaveOutcome.failed(requiredMissing(missing));
        }
        Optional<RecordError> refused = checkReferenceValues(type, changes)
                .or(() -> checkOwner(type, changes))
                .or(() -> checkUnique(type, changes, id.get()));
        if (refused.isPresent()) {
            return SaveOutcome.failed(refused.get());
        }
        Instant now = FieldValues.now();
        Map<String, Object> before = new LinkedHashMap<>(existing);
        existing.putAll(changes);
        applyDerived(type, existing, before, now);
        stampModified(type, existing, userId, now);
        recordHistory(type, before, existing, userId, now);
        return SaveOutcome.ok(id.get(), false);
    }

    // ---- rules ----

    private static SField knownField(SObjectType type, String name) {
        return type.field(name).orElseThrow(() -> SalesforceFault.query("INVALID_FIELD", "No such column '" + name
                + "' on entity '" + type.name() + "'. If you are attempting to use a custom field, be sure to append the '__c'"
                + " after the custom field name. Please reference your WSDL or the describe call for the appropriate names.", -1, -1));
    }

    private static RecordError unknownType(String name) {
        return RecordError.of("INVALID_TYPE", "sObject type '" + name + "' is not supported. If you are attempting to use a custom"
                + " object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the"
                + " appropriate names.");
    }

    private static RecordError notWritable(List<String> fields) {
        return new RecordError("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: " + String.join(", ", fields)
                + ". Please check the security settings of this field and verify that it is read/write for your profile or"
                + " permission set.", fields);
    }

    private static RecordError requiredMissing(List<String> fields) {
        return new RecordError("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + String.join(", ", fields) + "]", fields);
    }

    private static RecordError lockError() {
        return RecordError.of("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records");
    }

    /** Restricted picklists, text lengths and Id shapes of the given values. */
    private Optional<RecordError> checkValues(SObjectType type, Map<String, Object> values) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            SField f = type.field(e.getKey()).orElseThrow();
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (f.type() == FieldType.PICKLIST && f.restrictedPicklist() && !f.picklistValues().contains(v)) {
                return Optional.of(RecordError.of("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                        "bad value for restricted picklist field: " + v, f.name()));
            }
            if (f.type().isText() && f.length() > 0 && ((String) v).length() > f.length()) {
                return Optional.of(RecordError.of("STRING_TOO_LONG", f.label() + ": data value too large: " + abbreviate((String) v)
                        + " (max length=" + f.length() + ")", f.name()));
            }
            if (f.type() == FieldType.REFERENCE && SalesforceIds.normalise((String) v).isEmpty()) {
                return Optional.of(RecordError.of("MALFORMED_ID", f.label() + ": id value of incorrect type: " + v, f.name()));
            }
            if (v instanceof BigDecimal d && f.precision() > 0) {
                // Salesforce rounds to the declared scale and refuses more integer digits than precision - scale allows.
                BigDecimal rounded = d.setScale(f.scale(), RoundingMode.HALF_UP);
                if (rounded.precision() - rounded.scale() > f.precision() - f.scale()) {
                    return Optional.of(RecordError.of("NUMBER_OUTSIDE_VALID_RANGE", f.label()
                            + ": value outside of valid range on numeric field: " + d.toPlainString(), f.name()));
                }
                e.setValue(rounded);
            }
        }
        return Optional.empty();
    }

    /** Referenced records exist, have an allowed type, are not deleted and not locked. */
    private Optional<RecordError> checkReferenceValues(SObjectType type, Map<String, Object> values) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            SField f = type.field(e.getKey()).orElseThrow();
            if (f.type() != FieldType.REFERENCE || e.getValue() == null) {
                continue;
            }
            String id = SalesforceIds.normalise((String) e.getValue()).orElseThrow();
            SObjectType target = typesByPrefix.get(id.substring(0, 3));
            if (target == null || !f.referenceTo().contains(target.name())) {
                return Optional.of(RecordError.of("FIELD_INTEGRITY_EXCEPTION",
                        f.label() + ": id value of incorrect type: " + e.getValue(), f.name()));
            }
            Map<String, Object> row = rowsById.get(id);
            if (row == null) {
                return Optional.of(RecordError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", f.name()));
            }
            if (Boolean.TRUE.equals(row.get("IsDeleted"))) {
                return Optional.of(RecordError.of("ENTITY_IS_DELETED", "entity is deleted", f.name()));
            }
            if (lockedIds.contains(id)) {
                return Optional.of(lockError());
            }
            e.setValue(id);
        }
        return Optional.empty();
    }

    /**
     * Salesforce refuses to save a record owned by a deactivated user (INACTIVE_OWNER_OR_USER), whether the
     * owner is given or defaulted. Checked only when OwnerId is among the values saved: records an inactive user
     * already owns stay editable.
     */
    private Optional<RecordError> checkOwner(SObjectType type, Map<String, Object> values) {
        if (!(values.get("OwnerId") instanceof String ownerId) || type.field("OwnerId").isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> owner = rowsById.get(ownerId);
        if (owner != null && Boolean.FALSE.equals(owner.get("IsActive"))) {
            return Optional.of(RecordError.of("INACTIVE_OWNER_OR_USER", "operation performed with inactive user ["
                    + ownerId.substring(0, 15) + "] as owner of " + type.label().toLowerCase(Locale.ROOT)));
        }
        return Optional.empty();
    }

    /** Unique fields: no other live record of the type may hold the same value (case-insensitively unless caseSensitive). */
    private Optional<RecordError> checkUnique(SObjectType type, Map<String, Object> values, String selfId) {
        for (SField f : type.fields()) {
            Object v = values.get(f.name());
            if (!f.unique() || v == null) {
                continue;
            }
            for (Map<String, Object> other : rowsByType.get(type.name()).values()) {
                Object o = other.get(f.name());
                if (o == null || Boolean.TRUE.equals(other.get("IsDeleted")) || other.get("Id").equals(selfId)) {
                    continue;
                }
                boolean same = v instanceof String a && o instanceof String b
                        ? f.caseSensitive() ? a.equals(b) : a.equalsIgnoreCase(b)
                        : FieldValues.format(v).equals(FieldValues.format(o));
                if (same) {
                    return Optional.of(RecordError.of("DUPLICATE_VALUE", "duplicate value found: " + f.name()
                            + " duplicates value on record with id: " + other.get("Id")));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Fills auto-number fields (Journey_Finding__c.Name as F-000042) with the type's next number, and a Text
     * name the client left out of a custom object with the record's Id, as Salesforce does on API inserts.
     */
    private void applyNumbering(SObjectType type, Map<String, Object> row) {
        for (SField f : type.fields()) {
            if (f.autoNumber() && row.get(f.name()) == null) {
                String key = type.name() + "." + f.name();
                long next = nextAutoNumbers.computeIfAbsent(key, k -> highestAutoNumber(type, f) + 1);
                nextAutoNumbers.put(key, next + 1);
                row.put(f.name(), formatAutoNumber(f.autoNumberFormat(), next));
            }
        }
        if (type.custom() && row.get("Name") == null && type.field("Name").filter(f -> f.createable()).isPresent()) {
            row.put("Name", row.get("Id"));
        }
    }

    /** The highest number any stored record (deleted ones too: Salesforce never reuses one) has in {@code f}. */
    private long highestAutoNumber(SObjectType type, SField f) {
        Matcher m = AUTO_NUMBER.matcher(f.autoNumberFormat());
        if (!m.matches()) {
            throw new IllegalStateException(type.name() + "." + f.name() + ": unsupported auto-number format " + f.autoNumberFormat());
        }
        Pattern numbered = Pattern.compile(
                Pattern.quote(m.group(1)) + "(\\d+)" + Pattern.quote(m.group(3)));
        long highest = 0;
        for (Map<String, Object> row : rowsByType.get(type.name()).values()) {
            if (row.get(f.name()) instanceof String v) {
                Matcher n = numbered.matcher(v);
                if (n.matches() && n.group(1).length() < 19) {
                    highest = Math.max(highest, Long.parseLong(n.group(1)));
                }
            }
        }
        return highest;
    }

    static String formatAutoNumber(String format, long number) {
        Matcher m = AUTO_NUMBER.matcher(format);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported auto-number format " + format);
        }
        String digits = Long.toString(number);
        String padded = "0".repeat(Math.max(0, m.group(2).length() - digits.length())) + digits;
        return m.group(1) + padded + m.group(3);
    }

    private static List<String> missingRequired(SObjectType type, Map<String, Object> row) {
        List<String> missing = new ArrayList<>();
        for (SField f : type.fields()) {
            if (f.requiredOnCreate() && row.get(f.name()) == null) {
                missing.add(f.name());
            }
        }
        return missing;
    }

    private void applyDefaults(SObjectType type, Map<String, Object> row, String userId) {
        for (SField f : type.fields()) {
            if (row.containsKey(f.name()) || AUDIT_FIELDS.contains(f.name())) {
                continue;
            }
            if (f.defaultValue() != null) {
                try {
                    row.put(f.name(), FieldValues.parse(f, f.defaultValue()));
                } catch (FieldValues.BadValueException e) {
                    throw new IllegalStateException("schema default of " + type.name() + "." + f.name() + " is invalid", e);
                }
            } else if (f.type() == FieldType.BOOLEAN) {
                row.put(f.name(), Boolean.FALSE);
            } else if (f.name().equals("OwnerId")) {
                row.put(f.name(), userId != null ? userId : defaultUserId);
            }
        }
    }

    /** Fields Salesforce computes: full names, closed/won flags, stage probability, closed dates, event end. */
    private static void applyDerived(SObjectType type, Map<String, Object> row, Map<String, Object> before, Instant now) {
        switch (type.name()) {
            case "Contact", "Lead", "User" -> {
                String first = (String) row.get("FirstName");
                String last = (String) row.get("LastName");
                String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
                row.put("Name", name.isEmpty() ? null : name);
            }
            case "Opportunity" -> {
                Object stage = row.get("StageName");
                row.put("IsClosed", "Closed Won".equals(stage) || "Closed Lost".equals(stage));
                row.put("IsWon", "Closed Won".equals(stage));
                boolean stageChanged = before == null || !Objects.equals(before.get("StageName"), stage);
                if (stage != null && STAGE_PROBABILITY.containsKey(stage)
                        && (row.get("Probability") == null || stageChanged && Objects.equals(row.get("Probability"), before == null ? null : before.get("Probability")))) {
                    row.put("Probability", BigDecimal.valueOf(STAGE_PROBABILITY.get(stage)));
                }
            }
            case "Case" -> {
                boolean closed = "Closed".equals(row.get("Status"));
                row.put("IsClosed", closed);
                if (closed && row.get("ClosedDate") == null) {
                    row.put("ClosedDate", now);
                } else if (!closed) {
                    row.put("ClosedDate", null);
                }
            }
            case "Task" -> row.put("IsClosed", "Completed".equals(row.get("Status")));
            case "Event" -> {
                if (row.get("StartDateTime") == null && row.get("ActivityDateTime") != null) {
                    row.put("StartDateTime", row.get("ActivityDateTime"));
                }
                if (row.get("ActivityDateTime") == null) {
                    row.put("ActivityDateTime", row.get("StartDateTime"));
                }
                if (row.get("StartDateTime") instanceof Instant start && row.get("DurationInMinutes") instanceof Long minutes
                        && row.get("EndDateTime") == null) {
                    row.put("EndDateTime", start.plusSeconds(minutes * 60));
                }
            }
            default -> { }
        }
    }

    private void stampCreated(SObjectType type, Map<String, Object> row, String userId, Instant now) {
        String user = userId != null ? userId : defaultUserId;
        putIfField(type, row, "CreatedDate", now);
        putIfField(type, row, "CreatedById", user);
        putIfField(type, row, "IsDeleted", Boolean.FALSE);
        stampModified(type, row, user, now);
    }

    private void stampModified(SObjectType type, Map<String, Object> row, String userId, Instant now) {
        putIfField(type, row, "LastModifiedDate", now);
        putIfField(type, row, "LastModifiedById", userId != null ? userId : defaultUserId);
        putIfField(type, row, "SystemModstamp", now);
    }

    private static void putIfField(SObjectType type, Map<String, Object> row, String field, Object value) {
        if (type.field(field).isPresent()) {
            row.put(field, value);
        }
    }

    /**
     * Field history Salesforce keeps for the standard objects: an OpportunityHistory row whenever stage,
     * amount, close date or probability change (and on create), and CaseHistory rows for a new case and
     * for tracked field changes.
     */
    private void recordHistory(SObjectType type, Map<String, Object> before, Map<String, Object> after, String userId, Instant now) {
        if (type.name().equals("Opportunity") && typesByLowerName.containsKey("opportunityhistory")) {
            List<String> tracked = List.of("StageName", "Amount", "CloseDate", "Probability");
            if (before == null || tracked.stream().anyMatch(f -> !Objects.equals(before.get(f), after.get(f)))) {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("OpportunityId", after.get("Id"));
                tracked.forEach(f -> h.put(f, after.get(f)));
                insertSystemRow("OpportunityHistory", h, userId, now);
            }
        }
        if (type.name().equals("Case") && typesByLowerName.containsKey("casehistory")) {
            if (before == null) {
                insertSystemRow("CaseHistory", caseHistory(after, "created", null, null), userId, now);
                return;
            }
            for (String f : CASE_HISTORY_FIELDS) {
                if (!Objects.equals(before.get(f), after.get(f))) {
                    insertSystemRow("CaseHistory", caseHistory(after, f, before.get(f), after.get(f)), userId, now);
                }
            }
            if (!Objects.equals(before.get("OwnerId"), after.get("OwnerId"))) {
                insertSystemRow("CaseHistory", caseHistory(after, "Owner", before.get("OwnerId"), after.get("OwnerId")), userId, now);
            }
        }
    }

    private static Map<String, Object> caseHistory(Map<String, Object> c, String field, Object oldValue, Object newValue) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("CaseId", c.get("Id"));
        h.put("Field", field);
        h.put("OldValue", oldValue == null ? null : FieldValues.format(oldValue));
        h.put("NewValue", newValue == null ? null : FieldValues.format(newValue));
        return h;
    }

    private void insertSystemRow(String typeName, Map<String, Object> row, String userId, Instant now) {
        SObjectType type = typesByLowerName.get(typeName.toLowerCase(Locale.ROOT));
        row.put("Id", newId(type));
        stampCreated(type, row, userId, now);
        row.keySet().removeIf(k -> type.field(k).isEmpty());
        put(type, row);
    }

    // ---- world seeding ----

    private Map<String, Object> seedRow(SObjectType type, Map<String, Object> json, String where, List<String> problems, Instant loadTime) {
        Map<String, Object> row = new LinkedHashMap<>();
        int before = problems.size();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            Optional<SField> f = type.field(e.getKey());
            if (f.isEmpty()) {
                problems.add(where + " field " + e.getKey() + ": no such field on " + type.name());
                continue;
            }
            Object v = e.getValue();
            if (v instanceof Map || v instanceof List) {
                problems.add(where + " field " + f.get().name() + ": expected a plain value, got " + v);
                continue;
            }
            try {
                row.put(f.get().name(), FieldValues.parse(f.get(), v == null ? null
                        : v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v)));
            } catch (FieldValues.BadValueException ex) {
                problems.add(where + " field " + f.get().name() + ": " + ex.getMessage());
            }
        }
        checkValues(type, row).ifPresent(err -> problems.add(where + " field " + err.fields().get(0) + ": " + err.statusCode() + " " + err.message()));
        checkUnique(type, row, null).ifPresent(err -> problems.add(where + ": " + err.statusCode() + " " + err.message()));
        applyDefaults(type, row, defaultUserId);
        missingRequired(type, row).forEach(f -> problems.add(where + " field " + f + ": required but missing"));
        Object rawId = row.get("Id");
        if (rawId != null) {
            Optional<String> id = SalesforceIds.normalise((String) rawId).filter(i -> i.startsWith(type.keyPrefix()));
            if (id.isEmpty()) {
                problems.add(where + " field Id: '" + rawId + "' is not a " + type.name() + " Id (key prefix " + type.keyPrefix() + ")");
            } else if (rowsById.containsKey(id.get())) {
                problems.add(where + " field Id: duplicate Id " + rawId);
            } else {
                row.put("Id", id.get());
            }
        }
        if (problems.size() > before) {
            // Not stored, but returned so its references are still checked and reported.
            return row;
        }
        if (rawId == null) {
            row.put("Id", newId(type));
        }
        applyNumbering(type, row);
        if (type.name().equals("Case") && row.get("CaseNumber") == null) {
            row.put("CaseNumber", String.format("%08d", nextCaseNumber++));
        } else if (type.name().equals("Case")) {
            try {
                nextCaseNumber = Math.max(nextCaseNumber, Long.parseLong((String) row.get("CaseNumber")) + 1);
            } catch (NumberFormatException ignored) {
                // a non-numeric case number in world data is kept as given
            }
        }
        applyDerived(type, row, null, loadTime);
        Instant created = firstInstant(row, "CreatedDate", "LastModifiedDate", "SystemModstamp", loadTime);
        putIfAbsentField(type, row, "CreatedDate", created);
        putIfAbsentField(type, row, "LastModifiedDate", row.getOrDefault("CreatedDate", created));
        putIfAbsentField(type, row, "SystemModstamp", row.getOrDefault("LastModifiedDate", created));
        // The first user is its own creator; without any user the world is reported as invalid.
        String user = defaultUserId != null ? defaultUserId : type.name().equals("User") ? (String) row.get("Id") : null;
        putIfAbsentField(type, row, "CreatedById", user);
        putIfAbsentField(type, row, "LastModifiedById", row.getOrDefault("CreatedById", user));
        putIfAbsentField(type, row, "IsDeleted", Boolean.FALSE);
        if (type.field("OwnerId").isPresent() && row.get("OwnerId") == null) {
            row.put("OwnerId", user);
        }
        put(type, row);
        return row;
    }

    private static Instant firstInstant(Map<String, Object> row, String a, String b, String c, Instant fallback) {
        for (String f : List.of(a, b, c)) {
            if (row.get(f) instanceof Instant i) {
                return i;
            }
        }
        return fallback;
    }

    private static void putIfAbsentField(SObjectType type, Map<String, Object> row, String field, Object value) {
        if (type.field(field).isPresent() && row.get(field) == null) {
            row.put(field, value);
        }
    }

    private void checkReferences(SObjectType type, Map<String, Object> row, String where, List<String> problems) {
        for (SField f : type.fields()) {
            if (f.type() != FieldType.REFERENCE || row.get(f.name()) == null) {
                continue;
            }
            Optional<String> normalised = SalesforceIds.normalise((String) row.get(f.name()));
            if (normalised.isEmpty()) {
                continue; // already reported as MALFORMED_ID by checkValues
            }
            String id = normalised.get();
            Map<String, Object> target = rowsById.get(id);
            if (target == null) {
                problems.add(where + " field " + f.name() + ": no record with Id " + row.get(f.name()));
            } else if (!f.referenceTo().contains(typesByPrefix.get(id.substring(0, 3)).name())) {
                problems.add(where + " field " + f.name() + ": " + row.get(f.name()) + " is a "
                        + typesByPrefix.get(id.substring(0, 3)).name() + ", expected " + String.join(" or ", f.referenceTo()));
            } else {
                row.put(f.name(), id);
            }
        }
    }

    // ---- storage ----

    private String newId(SObjectType type) {
        String id;
        do {
            id = SalesforceIds.of(type.keyPrefix(), nextSerial++);
        } while (rowsById.containsKey(id));
        return id;
    }

    private void put(SObjectType type, Map<String, Object> row) {
        String id = (String) row.get("Id");
        rowsByType.get(type.name()).put(id, row);
        rowsById.put(id, row);
    }

    private static String valueOf(IncomingRecord r, String field) {
        for (Map.Entry<String, String> e : r.values().entrySet()) {
            if (e.getKey().equalsIgnoreCase(field)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static boolean matchesKey(SField key, Object stored, String wanted) {
        if (stored instanceof String s) {
            if (key.type() == FieldType.ID || key.type() == FieldType.REFERENCE) {
                return SalesforceIds.normalise(wanted).map(s::equals).orElse(false);
            }
            return key.caseSensitive() ? s.equals(wanted) : s.equalsIgnoreCase(wanted);
        }
        return FieldValues.format(stored).equals(wanted);
    }

    private static String abbreviate(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }

    /** Number of non-deleted records of a type; for tests and the control API. */
    public synchronized int count(String typeName) {
        return (int) rows(typeName).stream().filter(r -> !Boolean.TRUE.equals(r.get("IsDeleted"))).count();
    }

    static LocalDate today() {
        return LocalDate.now(java.time.ZoneOffset.UTC);
    }
}
