package dev.journeyconnector.salesforce.client;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BulkRecordsTest {
    private static final SObjectDescription CONTACT = description("Contact", "003",
            field("Id", "id", null, List.of()), field("LastName", "string", null, List.of()),
            field("HasOptedOutOfEmail", "boolean", null, List.of()), field("CreatedDate", "datetime", null, List.of()),
            field("LastActivityDate", "date", null, List.of()), field("AccountId", "reference", "Account", List.of("Account")),
            field("OwnerId", "reference", "Owner", List.of("User", "Group")));
    private static final SObjectDescription ACCOUNT = description("Account", "001",
            field("Id", "id", null, List.of()), field("Name", "string", null, List.of()),
            field("AnnualRevenue", "currency", null, List.of()), field("NumberOfEmployees", "int", null, List.of()));
    private final BulkRecords records = new BulkRecords(type -> Optional.ofNullable(Map.of("Contact", CONTACT, "Account", ACCOUNT).get(type)));

    @Test
    void valuesAreTypedByTheDescribeAndParentsNestedWithTheirType() {
        List<Map<String, Object>> out = read("\"lastname\",\"HasOptedOutOfEmail\",\"CreatedDate\",\"LastActivityDate\","
                + "\"Account.Name\",\"Account.AnnualRevenue\",\"Account.NumberOfEmployees\"\n"
                + "\"Doe\",\"true\",\"2026-06-01T09:30:00.000Z\",\"2026-05-31\",\"Acme\",\"1200.50\",\"42\"\n");

        Map<String, Object> account = new LinkedHashMap<>();
        account.put("type", "Account");
        account.put("Id", null);
        account.put("Name", "Acme");
        account.put("AnnualRevenue", new BigDecimal("1200.50"));
        account.put("NumberOfEmployees", 42L);
        Map<String, Object> expected = new HashMap<>();
        expected.put("Id", null);
        expected.put("LastName", "Doe");
        expected.put("HasOptedOutOfEmail", true);
        expected.put("CreatedDate", Instant.parse("2026-06-01T09:30:00Z"));
        expected.put("LastActivityDate", LocalDate.of(2026, 5, 31));
        expected.put("Account", account);
        assertThat(out).containsExactly(expected);
    }

    @Test
    void emptyTextIsNullAndAParentWithOnlyEmptyColumnsIsNull() {
        Map<String, Object> record = read("\"Id\",\"LastName\",\"Account.Name\"\n\"003Jx0000000001AAA\",\"\",\"\"\n").get(0);

        assertThat(record).containsEntry("Id", "003Jx0000000001AAA").containsEntry("LastName", null).containsEntry("Account", null);
    }

    @Test
    void aPolymorphicParentHasNoTypeAndTextValues() {
        Map<String, Object> record = read("\"Owner.Name\"\n\"Ada\"\n").get(0);

        Map<String, Object> owner = new HashMap<>();
        owner.put("Id", null);
        owner.put("Name", "Ada");
        assertThat(record.get("Owner")).isEqualTo(owner);
    }

    @Test
    void salesforcesNoRecordsLineMeansNoRecords() {
        assertThat(read(BulkRecords.NO_RECORDS)).isEmpty();
    }

    private List<Map<String, Object>> read(String csv) {
        return records.read("Contact", new CsvRows(new StringReader(csv)));
    }

    private static FieldDescription field(String name, String type, String relationship, List<String> referenceTo) {
        return new FieldDescription(name, type, true, true, true, true, referenceTo, relationship, List.of());
    }

    private static SObjectDescription description(String name, String prefix, FieldDescription... fields) {
        Map<String, FieldDescription> byName = new LinkedHashMap<>();
        for (FieldDescription f : fields) {
            byName.put(f.name(), f);
        }
        return new SObjectDescription(name, prefix, true, true, true, byName);
    }
}
