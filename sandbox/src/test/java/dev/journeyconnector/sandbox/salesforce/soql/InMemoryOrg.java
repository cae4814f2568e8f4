package dev.journeyconnector.sandbox.salesforce.soql;

import dev.journeyconnector.sandbox.salesforce.schema.FieldType;
import dev.journeyconnector.sandbox.salesforce.schema.SField;
import dev.journeyconnector.sandbox.salesforce.schema.SObjectType;
import dev.journeyconnector.sandbox.salesforce.schema.SalesforceIds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A small org for SOQL tests: User, Account, Contact, Lead and Task, with Task.WhoId polymorphic to
 * Contact or Lead as in Salesforce. Rows are plain maps following FieldType's value conventions.
 */
final class InMemoryOrg implements SoqlDataSource {

    private final Map<String, SObjectType> types = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> rowsByType = new HashMap<>();
    private final Map<String, Map<String, Object>> rowsById = new HashMap<>();
    private long nextSerial = 1;

    InMemoryOrg() {
        define("User", "005", List.of(text("Name"), field("Email", FieldType.EMAIL)));
        define("Account", "001", List.of(text("Name"), reference("OwnerId", "Owner", "User"),
                field("Industry", FieldType.PICKLIST), field("AnnualRevenue", FieldType.CURRENCY),
                field("NumberOfEmployees", FieldType.INT), longText("Description"),
                field("CreatedDate", FieldType.DATETIME)));
        define("Contact", "003", List.of(text("FirstName"), text("LastName"), field("Email", FieldType.EMAIL),
                reference("AccountId", "Account", "Account"), reference("OwnerId", "Owner", "User"),
                field("Birthdate", FieldType.DATE), field("HasOptedOutOfEmail", FieldType.BOOLEAN),
                longText("Description"), field("SystemModstamp", FieldType.DATETIME)));
        define("Lead", "00Q", List.of(text("FirstName"), text("LastName"), field("Email", FieldType.EMAIL),
                text("Company")));
        define("Task", "00T", List.of(text("Subject"), reference("WhoId", "Who", "Contact", "Lead"),
                field("ActivityDate", FieldType.DATE)));
    }

    /** Adds a live row; {@code values} alternate field name and value. Returns the new 18-character Id. */
    String add(String typeName, Object... values) {
        SObjectType type = types.get(typeName.toLowerCase(Locale.ROOT));
        String id = SalesforceIds.of(type.keyPrefix(), nextSerial++);
        Map<String, Object> row = new HashMap<>();
        row.put("Id", id);
        row.put("IsDeleted", false);
        for (int i = 0; i < values.length; i += 2) {
            row.put((String) values[i], values[i + 1]);
        }
        rowsByType.get(type.name().toLowerCase(Locale.ROOT)).add(row);
        rowsById.put(id, row);
        return id;
    }

    /** The stored row itself, so a test can see whether the engine changed it. */
    Map<String, Object> stored(String id) {
        return rowsById.get(id);
    }

    @Override
    public Optional<SObjectType> type(String name) {
        return Optional.ofNullable(types.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Collection<Map<String, Object>> rows(String typeName) {
        return rowsByType.getOrDefault(typeName.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public Optional<Map<String, Object>> rowById(String id) {
        return SalesforceIds.normalise(id).map(rowsById::get);
    }

    @Override
    public Optional<SObjectType> typeOfId(String id) {
        return SalesforceIds.keyPrefix(id)
                .flatMap(prefix -> types.values().stream().filter(t -> t.keyPrefix().equals(prefix)).findFirst());
    }

    private void define(String name, String keyPrefix, List<SField> own) {
        List<SField> fields = new ArrayList<>();
        fields.add(field("Id", FieldType.ID));
        fields.add(field("IsDeleted", FieldType.BOOLEAN));
        fields.addAll(own);
        types.put(name.toLowerCase(Locale.ROOT),
                new SObjectType(name, name, name + "s", keyPrefix, false, true, true, true, true, fields));
        rowsByType.put(name.toLowerCase(Locale.ROOT), new ArrayList<>());
    }

    private static SField text(String name) {
        return field(name, FieldType.STRING);
    }

    private static SField field(String name, FieldType type) {
        return new SField(name, name, type, 255, true, true, true, false, false, true, true, false, false, false,
                List.of(), null, List.of(), false, null);
    }

    /** Long text areas can be neither filtered nor sorted in Salesforce. */
    private static SField longText(String name) {
        return new SField(name, name, FieldType.TEXTAREA, 32000, true, true, true, false, false, false, false, false,
                false, false, List.of(), null, List.of(), false, null);
    }

    private static SField reference(String name, String relationshipName, String... targets) {
        return new SField(name, name, FieldType.REFERENCE, 18, true, true, true, false, false, true, true, false,
                false, false, List.of(targets), relationshipName, List.of(), false, null);
    }
}
