package dev.journeyconnector.sandbox.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The simulator's responses have the structure of real Zendesk payloads kept (read-only, not copied) in
 * {@code shared/fixtures/reference-only/zendesk/} (read at test time, never copied); skipped where that folder is absent.
 */
class ZendeskFixtureStructureTest {
    /** Relative to the sandbox module: a checkout beside {@code shared/}, or a worktree one level deeper. */
    private static final Path REFERENCE = java.util.stream.Stream.of("../../shared", "../../../shared")
            .map(p -> Path.of(p, "fixtures/reference-only/zendesk"))
            .filter(Files::isDirectory).findFirst().orElse(Path.of("../../shared/fixtures/reference-only/zendesk"));
    private static ZendeskSimulator sim;

    @BeforeAll
    static void start() {
        sim = ZendeskSimulator.builder("worlds/demo").start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonNode reference(String file) throws IOException {
        Path p = REFERENCE.resolve(file);
        assumeTrue(Files.isRegularFile(p), "reference fixture " + p + " not present");
        return ZendeskHttp.JSON.readTree(p.toFile());
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void ticketExportPageAndTickets() throws IOException {
        JsonNode real = reference("zenpy_incremental_tickets_cursor_per_page1_page1.json");
        JsonNode ours = ZendeskHttp.get(sim, "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1").json();
        assertThat(keys(ours)).containsExactlyElementsOf(keys(real));
        assertThat(keys(ours.path("tickets").get(0))).containsAll(keys(real.path("tickets").get(0)));
        assertThat(keys(ours.path("tickets").get(0).path("via"))).containsExactlyElementsOf(keys(real.path("tickets").get(0).path("via")));
        JsonNode last = reference("zenpy_incremental_tickets_cursor_start_time0.json");
        assertThat(last.path("end_of_stream").asBoolean()).isTrue();
        assertThat(ZendeskHttp.get(sim, "/api/v2/incremental/tickets/cursor.json?start_time=0").json()
                .path("end_of_stream").asBoolean()).isTrue();
    }

    @Test
    void metricSets() throws IOException {
        JsonNode real = reference("airbyte_ticket_metric_single.json").path("ticket_metric");
        JsonNode ours = ZendeskHttp.get(sim, "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1&include=metric_sets")
                .json().path("metric_sets").get(0);
        List<String> expected = new ArrayList<>(keys(real));
        expected.remove("generated_timestamp");
        assertThat(keys(ours)).containsAll(expected);
        assertThat(keys(ours.path("reply_time_in_minutes"))).containsExactly("calendar", "business");
    }

    @Test
    void usersAndIdentities() throws IOException {
        JsonNode real = reference("airbyte_incremental_users_cursor.json");
        JsonNode ours = ZendeskHttp.get(sim, "/api/v2/incremental/users/cursor.json?start_time=0&include=identities").json();
        assertThat(keys(ours)).containsExactlyInAnyOrderElementsOf(keys(real));
        assertThat(keys(ours.path("users").get(0))).containsAll(keys(real.path("users").get(0)));
        assertThat(keys(ours.path("identities").get(0))).containsAll(keys(real.path("identities").get(0)));
    }

    @Test
    void ticketEvents() throws IOException {
        JsonNode real = reference("airbyte_incremental_ticket_events.json");
        JsonNode ours = ZendeskHttp.get(sim, "/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events").json();
        assertThat(keys(ours)).containsExactlyInAnyOrderElementsOf(keys(real));
        assertThat(keys(ours.path("ticket_events").get(0))).containsAll(keys(real.path("ticket_events").get(0)));
        JsonNode comment = null;
        for (JsonNode c : ours.path("ticket_events").get(0).path("child_events")) {
            if (c.path("event_type").asText().equals("Comment")) {
                comment = c;
            }
        }
        assertThat(comment).isNotNull();
        assertThat(keys(comment)).containsAll(keys(real.path("ticket_events").get(0).path("child_events").get(0)));
    }

    @Test
    void satisfactionRatings() throws IOException {
        JsonNode real = reference("airbyte_satisfaction_ratings.json");
        JsonNode ours = ZendeskHttp.get(sim, "/api/v2/satisfaction_ratings.json?page%5Bsize%5D=5").json();
        assertThat(keys(ours)).containsExactlyElementsOf(keys(real));
        assertThat(keys(ours.path("meta"))).containsExactlyElementsOf(keys(real.path("meta")));
        assertThat(keys(ours.path("links"))).containsExactlyInAnyOrderElementsOf(keys(real.path("links")));
        Set<String> optional = Set.of("reason", "reason_id");
        List<String> expected = keys(real.path("satisfaction_ratings").get(0)).stream().filter(k -> !optional.contains(k)).toList();
        assertThat(keys(ours.path("satisfaction_ratings").get(0))).containsAll(expected);
    }
}
