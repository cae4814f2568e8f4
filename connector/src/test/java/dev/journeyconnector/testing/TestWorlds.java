package dev.journeyconnector.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeyconnector.sandbox.salesforce.schema.SalesforceIds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sandbox worlds built by tests: a user, a few accounts, and as many contacts as a test needs. */
public final class TestWorlds {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String USER_ID = SalesforceIds.of("005", 1);

    private TestWorlds() {
    }

    /**
     * Writes a world with {@code contacts} Contacts spread over 10 Accounts. Every Contact's
     * SystemModstamp is {@code modstamp} when given (many records sharing one stamp), else one
     * second apart.
     */
    public static Path withContacts(Path dir, int contacts, String modstamp) throws IOException {
        Files.createDirectories(dir.resolve("salesforce"));
        Map<String, Object> world = new LinkedHashMap<>();
        world.put("orgName", "Test world");
        world.put("organizationId", SalesforceIds.of("00D", 99));
        world.put("connectedApp", Map.of("clientId", "test-client", "clientSecret", "test-secret"));
        world.put("dailyApiRequests", 1_000_000);
        world.put("salesforce", List.of("salesforce/User.json", "salesforce/Account.json", "salesforce/Contact.json"));
        JSON.writeValue(dir.resolve("world.json").toFile(), world);

        JSON.writeValue(dir.resolve("salesforce/User.json").toFile(), List.of(Map.of("Id", USER_ID,
                "Username", "owner@test.example", "LastName", "Owner", "Email", "owner@test.example", "IsActive", true,
                "CreatedDate", "2026-05-01T00:00:00Z", "SystemModstamp", "2026-05-01T00:00:00Z")));
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            accounts.add(Map.of("Id", SalesforceIds.of("001", i), "Name", "Account " + i, "OwnerId", USER_ID,
                    "CreatedDate", "2026-05-01T00:00:00Z", "SystemModstamp", "2026-05-01T00:00:00Z"));
        }
        JSON.writeValue(dir.resolve("salesforce/Account.json").toFile(), accounts);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= contacts; i++) {
            String stamp = modstamp != null ? modstamp
                    : java.time.Instant.parse("2026-06-01T00:00:00Z").plusSeconds(i).toString();
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("Id", SalesforceIds.of("003", i));
            c.put("FirstName", "Test");
            c.put("LastName", "Contact " + i);
            c.put("Email", "contact" + i + "@test.example");
            c.put("AccountId", SalesforceIds.of("001", 1 + i % 10));
            c.put("OwnerId", USER_ID);
            c.put("CreatedDate", stamp);
            c.put("LastModifiedDate", stamp);
            c.put("SystemModstamp", stamp);
            rows.add(c);
        }
        JSON.writeValue(dir.resolve("salesforce/Contact.json").toFile(), rows);
        return dir;
    }
}
