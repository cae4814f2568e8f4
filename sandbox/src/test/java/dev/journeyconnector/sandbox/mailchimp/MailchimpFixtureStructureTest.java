package dev.journeyconnector.sandbox.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's responses have the key sets, nesting and JSON types of real Mailchimp responses
 * (fixtures recorded or published by other projects; see fixtures/mailchimp/SOURCES.md).
 */
class MailchimpFixtureStructureTest {
    private static MailchimpSimulator sim;
    private static MailchimpClient client;

    @BeforeAll
    static void start() {
        sim = MailchimpSimulator.builder(MailchimpWorld.fromClasspath("worlds/demo")).start();
        client = new MailchimpClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void listMembersPageHasTheRecordedShape() {
        assertShape(client.json("/lists/" + MailchimpDemoGenerator.JOURNEYS + "/members?count=4"),
                fixture("grouparoo_list_members_page_offset0_count4.json"),
                // The recorded list had custom merge fields; ours has FNAME/LNAME/ADDRESS/PHONE only.
                Set.of("members[].merge_fields.USERID", "members[].merge_fields.LTV", "members[].merge_fields.JOINED_AT"));
        assertShape(client.json("/lists/" + MailchimpDemoGenerator.STORES + "/members?count=4"),
                fixture("parsons_members.json"), Set.of("members[].merge_fields.ADDRESS", "members[].merge_fields.BIRTHDAY",
                        "members[]._links[]"));
    }

    @Test
    void listsHaveTheRecordedShape() {
        assertShape(client.json("/lists?count=1000"), fixture("grouparoo_lists_count1000.json"),
                // Account-level plan constraints are not simulated.
                Set.of("constraints", "constraints.may_create", "constraints.max_instances", "constraints.current_total_instances"));
    }

    @Test
    void campaignsHaveTheRecordedShape() {
        assertShape(client.json("/campaigns?count=2"), fixture("parsons_campaigns.json"), Set.of("campaigns[]._links[]"));
    }

    @Test
    void unsubscribesHaveTheRecordedShape() {
        String id = sim.data().campaigns().get(10).id();
        assertShape(client.json("/reports/" + id + "/unsubscribed"), fixture("parsons_unsubscribes.json"),
                Set.of("unsubscribes[].merge_fields.BIRTHDAY", "unsubscribes[]._links[]", "_links[]"));
    }

    @Test
    void emailActivityHasTheDocumentedShape() {
        String id = sim.data().campaigns().get(6).id();
        JsonNode ours = client.json("/reports/" + id + "/email-activity?count=1000");
        assertShape(ours, fixture("airbyte_unit_email_activity_body.json"),
                // The sample gives every action every field; real opens carry no url and no type.
                Set.of("emails[].activity[].url", "emails[].activity[].type"));
    }

    @Test
    void errorsHaveTheRecordedProblemDocumentShape() {
        JsonNode notFound = MailchimpClient.parse(client.get("/lists/0123456789").body());
        assertShape(notFound, fixture("grouparoo_error_404_resource_not_found.json"), Set.of());
        assertThat(notFound.get("title")).isEqualTo(fixture("grouparoo_error_404_resource_not_found.json").get("title"));
        JsonNode invalid = MailchimpClient.parse(client.get("/campaigns?count=1001").body());
        assertShape(invalid, fixture("grouparoo_error_400_invalid_merge_fields.json"), Set.of());
    }

    /** Every path (with its JSON type) in the real document is present in ours, except the listed ones. */
    private static void assertShape(JsonNode ours, JsonNode real, Set<String> notSimulated) {
        Map<String, String> want = new TreeMap<>();
        paths(real, "", want);
        Map<String, String> have = new TreeMap<>();
        paths(ours, "", have);
        notSimulated.forEach(want::remove);
        want.keySet().removeIf(p -> notSimulated.stream().anyMatch(n -> p.startsWith(n + ".")));
        assertThat(have).containsAllEntriesOf(want);
    }

    private static void paths(JsonNode n, String prefix, Map<String, String> out) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                out.put(p, type(e.getValue()));
                paths(e.getValue(), p, out);
            }
        } else if (n.isArray()) {
            for (JsonNode item : n) {
                out.put(prefix + "[]", type(item));
                paths(item, prefix + "[]", out);
            }
        }
    }

    /** Numbers are one type (Mailchimp writes 0 and 0.5 alike); empty-string dates are strings. */
    private static String type(JsonNode n) {
        if (n.isNumber()) {
            return "number";
        }
        return n.getNodeType().name().toLowerCase();
    }

    private static JsonNode fixture(String name) {
        try (InputStream in = MailchimpFixtureStructureTest.class.getResourceAsStream("/fixtures/mailchimp/" + name)) {
            return MailchimpClient.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
