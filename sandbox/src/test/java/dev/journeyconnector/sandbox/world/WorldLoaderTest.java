package dev.journeyconnector.sandbox.world;

import dev.journeyconnector.sandbox.salesforce.SalesforceOrg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorldLoaderTest {
    @TempDir
    Path dir;

    @Test
    void classpathWorldLoadsWithoutDirectoryListing() {
        World world = WorldLoader.fromClasspath("worlds/small");
        SalesforceOrg org = SalesforceOrg.fromWorld(world, Instant.parse("2025-01-01T00:00:00Z"));

        assertThat(world.connectedApp().clientId()).isEqualTo("3MVG9test.small.client");
        assertThat(world.connectedApp().toString()).doesNotContain("small-test-secret");
        assertThat(org.count("Contact")).isEqualTo(2);
        assertThat(org.rowById("001Jx0000000001")).hasValueSatisfying(acme -> assertThat(acme)
                .containsEntry("CreatedDate", Instant.parse("2024-01-15T09:30:00Z"))
                .containsEntry("SystemModstamp", Instant.parse("2024-01-15T09:30:00Z"))
                .containsEntry("OwnerId", "005Jx0000000001IAA"));
    }

    @Test
    void everyRecordProblemIsReportedAtOnceWithFileIndexAndField() throws Exception {
        Files.writeString(dir.resolve("world.json"), "{\"connectedApp\": {\"clientId\": \"c\", \"clientSecret\": \"s\"}}");
        Files.createDirectories(dir.resolve("salesforce"));
        Files.writeString(dir.resolve("salesforce/Lead.json"), """
                [
                  {"LastName": "Ok", "Company": "Fine Inc"},
                  {"LastName": "Lee", "Company": "Initech", "Status": "Maybe"},
                  {"Company": "No Name Ltd", "Shoe__c": "42"},
                  {"LastName": "Date", "Company": "X", "ConvertedDate": "yesterday", "OwnerId": "005Jx0000000077"}
                ]""");

        World world = WorldLoader.fromDirectory(dir);

        assertThatThrownBy(() -> SalesforceOrg.fromWorld(world, Instant.now()))
                .isInstanceOfSatisfying(WorldException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "salesforce/Lead.json record 1 field Status: INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST bad value for restricted picklist field: Maybe",
                        "salesforce/Lead.json record 2 field Shoe__c: no such field on Lead",
                        "salesforce/Lead.json record 2 field LastName: required but missing",
                        "salesforce/Lead.json record 3 field ConvertedDate: Converted Date: value not of required type: yesterday",
                        "salesforce/Lead.json record 3 field OwnerId: no record with Id 005Jx0000000077",
                        "salesforce/User.json: the world needs at least one active User (records default their owner and audit users to it)"));
    }

    @Test
    void missingConnectedAppAndUnknownObjectFilesAreReportedTogether() throws Exception {
        Files.writeString(dir.resolve("world.json"), "{\"salesforce\": [\"salesforce/Widget.json\"]}");

        assertThatThrownBy(() -> WorldLoader.fromDirectory(dir))
                .isInstanceOfSatisfying(WorldException.class, e -> assertThat(e.problems()).hasSize(2)
                        .anySatisfy(p -> assertThat(p).contains("connectedApp"))
                        .anySatisfy(p -> assertThat(p).contains("salesforce/Widget.json")));
    }

    @Test
    void theDemoWorldNamesItsMyDomainForRecordLinks() {
        assertThat(WorldLoader.fromClasspath("worlds/demo").myDomain()).isEqualTo("meridiangroup.my.salesforce.com");
        assertThat(WorldLoader.fromClasspath("worlds/small").myDomain()).as("optional").isNull();
    }

    @Test
    void aMyDomainThatIsNoMyDomainHostIsAProblem() throws Exception {
        for (String good : new String[]{"acme.my.salesforce.com", "acme--uat.sandbox.my.salesforce.com",
                "acme-dev-ed.develop.my.salesforce.com"}) {
            Files.writeString(dir.resolve("world.json"), "{\"connectedApp\": {\"clientId\": \"c\", \"clientSecret\": \"s\"},"
                    + " \"myDomain\": \"" + good + "\"}");
            assertThat(WorldLoader.fromDirectory(dir).myDomain()).isEqualTo(good);
        }
        Files.writeString(dir.resolve("world.json"), "{\"connectedApp\": {\"clientId\": \"c\", \"clientSecret\": \"s\"},"
                + " \"myDomain\": \"https://evil.example.com\"}");

        assertThatThrownBy(() -> WorldLoader.fromDirectory(dir))
                .isInstanceOfSatisfying(WorldException.class, e -> assertThat(e.problems()).containsExactly(
                        "world.json: myDomain must be an org's My Domain host such as acme.my.salesforce.com, "
                                + "got 'https://evil.example.com'"));
    }
}
