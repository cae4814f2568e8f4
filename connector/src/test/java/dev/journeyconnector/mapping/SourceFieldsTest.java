package dev.journeyconnector.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeyconnector.journey.Touchpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.journeyconnector.journey.Touchpoint.Source.MAILCHIMP;
import static dev.journeyconnector.journey.Touchpoint.Source.SALESFORCE;
import static dev.journeyconnector.journey.Touchpoint.Source.ZENDESK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceFieldsTest {

    private static final Path SHIPPED_ROUTES = Path.of("..", "routes");

    @TempDir
    Path routes;

    @Test
    void theShippedRoutesPullEveryObjectOfTheThreeSources() throws MappingException {
        SourceFields fields = SourceFields.load(SHIPPED_ROUTES);
        assertThat(fields.objects(SALESFORCE)).containsExactly("Account", "Case", "CaseComment", "CaseHistory",
                "Contact", "Event", "Lead", "Opportunity", "OpportunityHistory", "Task", "User");
        assertThat(fields.objects(ZENDESK)).containsExactly("satisfaction_ratings", "ticket_events", "tickets", "users");
        assertThat(fields.objects(MAILCHIMP))
                .containsExactly("campaigns", "email_activity", "lists", "members", "unsubscribes");
        for (Touchpoint.Source source : Touchpoint.Source.values()) {
            for (String object : fields.objects(source)) {
                assertThat(fields.fields(source, object)).as(source + " " + object).isPresent();
            }
        }
    }

    @Test
    void salesforceFieldsAreTheRoutesFieldsPlusSystemFields() throws MappingException {
        KnownFields cases = SourceFields.load(SHIPPED_ROUTES).fields(SALESFORCE, "Case").orElseThrow();
        assertThat(cases.owner()).isEqualTo("salesforce Case");
        assertThat(cases.names()).contains("Origin", "Priority", "ContactId", "SuppliedEmail", "IsEscalated",
                "Id", "IsDeleted", "SystemModstamp", "CreatedById", "LastModifiedById").doesNotContain("Description");
    }

    @Test
    void fieldsComeFromParametersOrTheUriQueryAndADottedFieldCountsByItsFirstPart() throws Exception {
        Files.writeString(routes.resolve("pull.yaml"), """
                - route:
                    from:
                      uri: journey-salesforce:Task
                      parameters:
                        fields: Subject, Who.Name ,WhoId
                        modstampField: CreatedDate
                - from:
                    uri: journey-salesforce://Event?fields=Location,What.Name&delay=5000
                - route:
                    from:
                      uri: journey-salesforce:Note
                      parameters:
                        fields: "{{journey.note-fields}}"
                - route:
                    from:
                      uri: timer:tick
                - route:
                    from:
                      uri: journey-zendesk:tickets
                """);
        Files.writeString(routes.resolve("notes.txt"), "not a route file");
        SourceFields fields = SourceFields.load(routes);
        assertThat(fields.fields(SALESFORCE, "Task").orElseThrow().names())
                .contains("Subject", "Who", "WhoId", "CreatedDate", "Id").doesNotContain("Who.Name", "Location");
        assertThat(fields.fields(SALESFORCE, "Event").orElseThrow().names()).contains("Location", "What")
                .doesNotContain("delay");
        // pulled, but its fields are a placeholder only known at run time: nothing to check them against
        assertThat(fields.pulls(SALESFORCE, "Note")).isTrue();
        assertThat(fields.fields(SALESFORCE, "Note")).isEmpty();
        assertThat(fields.objects(ZENDESK)).containsExactly("tickets");
        assertThat(fields.objects(MAILCHIMP)).isEmpty();
    }

    @Test
    void anObjectNoRoutePullsIsExplainedWithTheRoutesFolder() throws MappingException {
        SourceFields fields = SourceFields.load(SHIPPED_ROUTES);
        assertThat(fields.unknownObject(SALESFORCE, "Case")).isEmpty();
        assertThat(fields.unknownObject(SALESFORCE, "Cases")).get().asString()
                .startsWith("no route in " + SHIPPED_ROUTES + " pulls salesforce Cases (did you mean 'Case'?); "
                        + "pulled salesforce objects: Account, Case,")
                .endsWith(". Add a route for it, or remove this mapping");
        assertThat(fields.unknownObject(ZENDESK, "organizations")).get().asString()
                .contains("pulled zendesk objects: satisfaction_ratings, ticket_events, tickets, users");
    }

    @Test
    void aMissingFolderOrABrokenRouteFileIsAProblem() throws Exception {
        assertThatThrownBy(() -> SourceFields.load(routes.resolve("nope")))
                .hasMessageContaining("the routes folder does not exist");
        Files.writeString(routes.resolve("broken.yaml"), "- route:\n    from: [unclosed\n");
        assertThatThrownBy(() -> SourceFields.load(routes)).isInstanceOfSatisfying(MappingException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.file()).endsWith("broken.yaml");
                    assertThat(p.line()).isGreaterThan(0);
                    assertThat(p.message()).startsWith("not valid YAML");
                }));
    }

    @Test
    void unknownFieldMessagesNameTheObjectAndSuggestOrList() throws MappingException {
        SourceFields fields = SourceFields.load(SHIPPED_ROUTES);
        KnownFields cases = fields.fields(SALESFORCE, "Case").orElseThrow();
        assertThat(cases.problem(FieldPath.of("Orgin"))).contains(
                "unknown field 'Orgin' for salesforce Case (did you mean 'Origin'?)");
        assertThat(cases.problem(FieldPath.of("origin.x"))).contains(
                "unknown field 'origin' for salesforce Case (did you mean 'Origin'? names are case-sensitive)");
        assertThat(cases.problem(FieldPath.of("CreatedDate"))).isEmpty();
        // the Case route pulls AccountId but no parent Account fields, so a Case record has no Account map
        assertThat(cases.problem(FieldPath.of("Account.Name"))).contains(
                "unknown field 'Account' for salesforce Case (did you mean 'AccountId'?)");
        assertThat(cases.problem(FieldPath.of("Description"))).get().asString()
                .startsWith("unknown field 'Description' for salesforce Case; known: AccountId, CaseNumber,")
                .endsWith("(to map another field, add it to the fields of the Case route in " + SHIPPED_ROUTES + ")");
        assertThat(fields.fields(ZENDESK, "tickets").orElseThrow().problem(FieldPath.of("requestor_id")))
                .contains("unknown field 'requestor_id' for zendesk tickets (did you mean 'requester_id'?)");
    }

    /** What the sandbox serves as the demo world is what the connector stores, so every such field is known. */
    @Test
    void everyFieldOfTheDemoWorldsVendorRecordsIsInTheCatalogue() throws Exception {
        Map<String, Map<String, KnownFields>> vendor = SourceFields.vendorFields();
        Map<String, String> files = Map.of(
                "zendesk/tickets", "zendesk/tickets.json", "zendesk/users", "zendesk/users.json",
                "zendesk/ticket_events", "zendesk/ticket_events.json",
                "zendesk/satisfaction_ratings", "zendesk/satisfaction_ratings.json",
                "mailchimp/lists", "mailchimp/lists.json", "mailchimp/members", "mailchimp/members.json",
                "mailchimp/campaigns", "mailchimp/campaigns.json", "mailchimp/email_activity",
                "mailchimp/email_activity.json", "mailchimp/unsubscribes", "mailchimp/unsubscribes.json");
        for (Map.Entry<String, String> e : files.entrySet()) {
            String[] key = e.getKey().split("/");
            KnownFields known = vendor.get(key[0]).get(key[1]);
            Set<String> seen = new TreeSet<>();
            for (Map<String, Object> record : demo(e.getValue())) {
                seen.addAll(record.keySet());
                record.forEach((field, value) -> {
                    if (value instanceof List<?> && !known.lists().contains(field)) {
                        throw new AssertionError(e.getKey() + " " + field + " holds a list but is not in lists:");
                    }
                });
            }
            assertThat(known.names()).as(e.getKey()).containsAll(seen);
        }
        assertThat(vendor.get("zendesk").get("tickets").names()).contains("metric_set", "satisfaction_rating");
    }

    private static List<Map<String, Object>> demo(String file) throws Exception {
        String resource = "worlds/demo/" + file;
        try (InputStream in = SourceFieldsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new ObjectMapper().readValue(in, new TypeReference<>() { });
        }
    }
}
