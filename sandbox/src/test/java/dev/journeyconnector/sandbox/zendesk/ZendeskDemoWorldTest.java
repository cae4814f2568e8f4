package dev.journeyconnector.sandbox.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyconnector.sandbox.zendesk.ZendeskDemoWorldGenerator.Match;
import dev.journeyconnector.sandbox.zendesk.ZendeskDemoWorldGenerator.Requester;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.journeyconnector.sandbox.zendesk.ZendeskDemoWorldGenerator.BILLING;
import static dev.journeyconnector.sandbox.zendesk.ZendeskDemoWorldGenerator.TRAVEL;
import static org.assertj.core.api.Assertions.assertThat;

/** The demo help desk is what the generator writes, loads cleanly, fits the Salesforce demo world and tells its stories. */
class ZendeskDemoWorldTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ZendeskWorld world;
    private static Map<String, Long> ids;
    private static List<JsonNode> contacts;
    private static List<JsonNode> leads;
    private static List<JsonNode> sfUsers;

    @BeforeAll
    static void load() throws IOException {
        world = ZendeskWorldLoader.fromClasspath("worlds/demo");
        ids = ZendeskDemoWorldGenerator.ticketIds();
        contacts = array("worlds/demo/salesforce/Contact.json");
        leads = array("worlds/demo/salesforce/Lead.json");
        sfUsers = array("worlds/demo/salesforce/User.json");
    }

    private static List<JsonNode> array(String resource) throws IOException {
        try (InputStream in = ZendeskDemoWorldTest.class.getClassLoader().getResourceAsStream(resource)) {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(in).forEach(out::add);
            return out;
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ZendeskDemoWorldTest.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void committedFilesEqualTheGeneratorsOutput() throws IOException {
        for (Map.Entry<String, String> file : ZendeskDemoWorldGenerator.generate().entrySet()) {
            assertThat(resource(ZendeskDemoWorldGenerator.DIR + "/" + file.getKey()))
                    .as(file.getKey() + " differs from ZendeskDemoWorldGenerator's output; rerun the generator")
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void aboutSixtyTicketsFromMayToNovember2026() {
        assertThat(world.tickets()).hasSizeBetween(55, 70);
        for (ObjectNode t : world.tickets()) {
            Instant created = Instant.parse(t.get("created_at").asText());
            assertThat(created).isBetween(Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-11-20T23:59:59Z"));
            assertThat(Instant.parse(t.get("updated_at").asText())).isBefore(Instant.parse("2026-11-21T00:00:00Z"));
        }
        Set<String> channels = world.tickets().stream().map(t -> t.path("via").path("channel").asText()).collect(Collectors.toSet());
        assertThat(channels).contains("email", "web", "chat", "web_widget", "mobile_sdk", "voice");
        assertThat(world.tickets()).anySatisfy(t -> assertThat(t.path("status").asText()).isEqualTo("deleted"));
    }

    @Test
    void requesterEmailsResolveToTheSalesforceContactsTheyShould() {
        Map<String, List<String>> contactsByEmail = new HashMap<>();
        contacts.forEach(c -> contactsByEmail.computeIfAbsent(normalise(c.path("Email").asText(), false), k -> new ArrayList<>())
                .add(c.path("Id").asText()));
        Set<String> leadEmails = leads.stream().map(l -> normalise(l.path("Email").asText(), true)).collect(Collectors.toSet());
        Map<Long, ObjectNode> users = world.users().stream().collect(Collectors.toMap(u -> u.get("id").asLong(), u -> u));
        for (Requester r : ZendeskDemoWorldGenerator.REQUESTERS) {
            ObjectNode user = users.get(r.id());
            assertThat(user.path("email").isNull() ? null : user.path("email").asText()).isEqualTo(r.email());
            if (r.match() == Match.NONE) {
                if (r.email() != null) {
                    assertThat(contactsByEmail).as(r.name()).doesNotContainKey(normalise(r.email(), true));
                    assertThat(leadEmails).as(r.name()).doesNotContain(normalise(r.email(), true));
                }
                continue;
            }
            String exact = r.email();
            boolean plus = r.match() == Match.PLUS_ADDRESS;
            List<String> found = contactsByEmail.getOrDefault(normalise(exact, plus), List.of());
            assertThat(found).as(r.name() + " (" + r.match() + ")").contains(r.contactId());
            assertThat(found).hasSize(r.match() == Match.SHARED ? 2 : 1);
            if (r.match() == Match.EXACT || r.match() == Match.SHARED) {
                assertThat(contacts.stream().anyMatch(c -> c.path("Email").asText().equals(exact))).as(r.name()).isTrue();
            } else {
                assertThat(contacts.stream().anyMatch(c -> c.path("Email").asText().equals(exact))).as(r.name()).isFalse();
            }
            if (r.externalId() != null) {
                assertThat(user.path("external_id").asText()).isEqualTo(r.contactId());
            }
        }
        Set<Match> kinds = ZendeskDemoWorldGenerator.REQUESTERS.stream().map(Requester::match).collect(Collectors.toSet());
        assertThat(kinds).containsAll(Set.of(Match.values()));
        assertThat(world.users()).filteredOn(u -> u.hasNonNull("external_id")).hasSizeGreaterThanOrEqualTo(3);
    }

    /** Trim and lower-case; with {@code stripPlus}, drop a "+tag" from the local part. */
    private static String normalise(String email, boolean stripPlus) {
        String e = email.trim().toLowerCase(Locale.ROOT);
        return stripPlus ? e.replaceAll("\\+[^@]*@", "@") : e;
    }

    @Test
    void agentsAreTheSalesforceSupportUsers() {
        Set<String> sfEmails = sfUsers.stream().map(u -> u.path("Email").asText()).collect(Collectors.toSet());
        List<ObjectNode> staff = world.users().stream().filter(u -> !"end-user".equals(u.path("role").asText())).toList();
        assertThat(staff).extracting(u -> u.path("name").asText())
                .contains("Pavel Orlov", "Sofia Ramirez", "Lukas Brandt");
        staff.forEach(u -> assertThat(sfEmails).contains(u.path("email").asText()));
        assertThat(world.account().agentEmail()).isEqualTo("journey.integration@meridiangroup.example");
    }

    private static ObjectNode ticket(String key) {
        long id = ids.get(key);
        return world.tickets().stream().filter(t -> t.get("id").asLong() == id).findFirst().orElseThrow();
    }

    private static ObjectNode metrics(String key) {
        long id = ids.get(key);
        return world.ticketMetrics().stream().filter(m -> m.get("ticket_id").asLong() == id).findFirst().orElseThrow();
    }

    private static List<JsonNode> children(String key) {
        long id = ids.get(key);
        List<JsonNode> out = new ArrayList<>();
        world.ticketEvents().stream().filter(e -> e.get("ticket_id").asLong() == id)
                .forEach(e -> e.get("child_events").forEach(c -> {
                    ObjectNode copy = c.deepCopy();
                    copy.set("at", e.get("created_at"));
                    copy.set("updater_id", e.get("updater_id"));
                    out.add(copy);
                }));
        return out;
    }

    private static Instant at(JsonNode n, String field) {
        return Instant.parse(n.get(field).asText());
    }

    @Test
    void treyChatsThenEmailsAndWaitsThreeDaysForAReply() {
        ObjectNode chat = ticket("trey-chat");
        ObjectNode email = ticket("trey-itinerary");
        assertThat(chat.path("via").path("channel").asText()).isEqualTo("chat");
        assertThat(email.path("via").path("channel").asText()).isEqualTo("email");
        assertThat(chat.path("requester_id")).isEqualTo(email.path("requester_id"));
        assertThat(Duration.between(at(chat, "created_at"), at(email, "created_at"))).isLessThan(Duration.ofHours(48));
        assertThat(metrics("trey-itinerary").path("reply_time_in_minutes").path("calendar").asLong()).isGreaterThan(3 * 24 * 60);
        assertThat(email.path("subject").asText()).isEqualTo("Never received my itinerary");
    }

    @Test
    void nadiasComplaintGetsNoPublicReplyAndIsRatedBad() {
        long nadia = ZendeskDemoWorldGenerator.requester("Nadia Petrova").id();
        List<JsonNode> comments = children("nadia-complaint").stream()
                .filter(c -> c.path("event_type").asText().equals("Comment")).toList();
        assertThat(comments).filteredOn(c -> c.path("author_id").asLong() != nadia)
                .isNotEmpty().allSatisfy(c -> assertThat(c.path("public").asBoolean()).isFalse());
        assertThat(metrics("nadia-complaint").path("replies").asInt()).isZero();
        assertThat(world.satisfactionRatings()).anySatisfy(r -> {
            assertThat(r.path("ticket_id").asLong()).isEqualTo(ids.get("nadia-complaint"));
            assertThat(r.path("score").asText()).isEqualTo("bad");
        });
    }

    @Test
    void materialForTheRules() {
        List<JsonNode> moved = children("group-move-no-note");
        JsonNode move = moved.stream().filter(c -> c.path("field_name").asText().equals("group_id")
                && c.path("event_type").asText().equals("Change")).findFirst().orElseThrow();
        assertThat(move.path("previous_value").asText()).isEqualTo(String.valueOf(TRAVEL));
        assertThat(move.path("value").asText()).isEqualTo(String.valueOf(BILLING));
        Instant movedAt = at(move, "at");
        assertThat(moved).filteredOn(c -> c.path("event_type").asText().equals("Comment") && !c.path("public").asBoolean()
                && !at(c, "at").isBefore(movedAt) && at(c, "at").isBefore(movedAt.plus(Duration.ofHours(1)))).isEmpty();

        assertThat(metrics("reopened").path("reopens").asInt()).isEqualTo(1);
        assertThat(children("raised-to-urgent")).anySatisfy(c -> {
            assertThat(c.path("field_name").asText()).isEqualTo("priority");
            assertThat(c.path("value").asText()).isEqualTo("urgent");
        });
        ObjectNode chat = ticket("channel-switch-chat");
        ObjectNode email = ticket("channel-switch-email");
        assertThat(Duration.between(at(chat, "created_at"), at(email, "created_at"))).isLessThan(Duration.ofHours(48));
        assertThat(at(metrics("channel-switch-chat"), "solved_at")).isAfter(at(email, "created_at"));
        assertThat(ticket("devices-web").path("via").path("channel").asText()).isEqualTo("web");
        assertThat(ticket("devices-app").path("via").path("channel").asText()).isEqualTo("mobile_sdk");
        assertThat(world.satisfactionRatings()).extracting(r -> r.path("score").asText()).contains("good", "bad", "offered");
    }
}
