package dev.journeyconnector.sandbox.zendesk;

import dev.journeyconnector.sandbox.Sandbox;
import dev.journeyconnector.sandbox.SandboxOptions;
import dev.journeyconnector.sandbox.world.WorldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZendeskPersistenceTest {
    @TempDir
    Path dir;

    @Test
    void changesSurviveARestartAndResetRestoresTheWorld() throws Exception {
        long id;
        int worldTickets;
        try (ZendeskSimulator sim = ZendeskSimulator.builder("worlds/demo").dataDir(dir).start()) {
            worldTickets = sim.ticketCount();
            id = sim.createTicket(Map.of("subject", "Made in run one", "requester_id", 9_010_000_000_101L)).path("id").asLong();
            sim.rateTicket(17, "bad", "Still no hotel list.");
        }
        Path state = dir.resolve("zendesk/state.json");
        assertThat(state).exists();
        assertThat(Files.list(state.getParent())).allSatisfy(p -> assertThat(p.toString()).doesNotEndWith(".tmp"));

        try (ZendeskSimulator again = ZendeskSimulator.builder("worlds/demo").dataDir(dir).start()) {
            assertThat(again.ticket(id).orElseThrow().path("subject").asText()).isEqualTo("Made in run one");
            assertThat(again.ticket(17).orElseThrow().path("satisfaction_rating").path("score").asText()).isEqualTo("bad");
            long next = again.createTicket(Map.of("subject", "Run two", "requester_id", 9_010_000_000_101L)).path("id").asLong();
            assertThat(next).isEqualTo(id + 1);
        }

        try (ZendeskSimulator reset = ZendeskSimulator.builder("worlds/demo").dataDir(dir).reset(true).start()) {
            assertThat(reset.ticket(id)).isEmpty();
            assertThat(reset.ticketCount()).isEqualTo(worldTickets);
            reset.createTicket(Map.of("subject", "after reset", "requester_id", 9_010_000_000_101L));
            reset.resetToWorld();
            assertThat(reset.ticketCount()).isEqualTo(worldTickets);
        }
    }

    @Test
    void theSandboxStartsZendeskBesideSalesforceAndDumpsBoth() throws Exception {
        Path dump = dir.resolve("out/dump.json");
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(null, dir, false, 0))) {
            assertThat(sandbox.zendeskUrl()).isNotEqualTo(sandbox.salesforceUrl());
            assertThat(ZendeskHttp.get(sandbox.zendesk(), "/api/v2/groups.json").json().path("count").asInt()).isEqualTo(4);
            sandbox.dump(dump);
        }
        assertThat(dump).exists();
        assertThat(Files.readString(dir.resolve("out/dump.zendesk.json"))).contains("Never received my itinerary");
        assertThat(dir.resolve("zendesk/state.json")).exists();
        assertThat(dir.resolve("salesforce/state.json")).exists();
    }

    @Test
    void aWorldWithoutZendeskFilesHasAnEmptyHelpDesk() throws Exception {
        Path small = Path.of(getClass().getResource("/worlds/small").toURI());
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(small, null, false, 0))) {
            ZendeskSimulator zd = sandbox.zendesk();
            assertThat(zd.ticketCount()).isZero();
            assertThat(ZendeskHttp.get(zd, "/api/v2/incremental/tickets/cursor.json?start_time=0").json()
                    .path("end_of_stream").asBoolean()).isTrue();
        }
    }

    @Test
    void everyWorldProblemIsReportedAtOnce() throws Exception {
        Path zd = Files.createDirectories(dir.resolve("zendesk"));
        Files.writeString(zd.resolve("account.json"), "{\"subdomain\":\"x\",\"agentEmail\":\"agent@x.example\"}");
        Files.writeString(zd.resolve("users.json"), """
                [{"id": 1, "name": "Agent", "email": "agent@x.example", "role": "agent",
                  "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"},
                 {"id": 1, "name": "Twin", "role": "boss", "created_at": "yesterday", "updated_at": "2026-01-01T00:00:00Z"}]""");
        Files.writeString(zd.resolve("tickets.json"), """
                [{"id": 5, "subject": "s", "status": "waiting", "via": {"channel": "email"}, "requester_id": 99,
                  "assignee_id": 1, "created_at": "2026-02-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}]""");
        Files.writeString(zd.resolve("satisfaction_ratings.json"), """
                [{"id": 1, "ticket_id": 6, "score": "great", "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}]""");

        assertThatThrownBy(() -> ZendeskWorldLoader.fromDirectory(dir))
                .isInstanceOfSatisfying(WorldException.class, e -> assertThat(e.problems()).contains(
                        "zendesk/account.json: apiToken is required (a non-empty string)",
                        "zendesk/account.json: oauthToken is required (a non-empty string)",
                        "zendesk/users.json[1].id: 1 is used twice",
                        "zendesk/users.json[1].role: 'boss' is not one of [admin, agent, end-user]",
                        "zendesk/users.json[1].created_at: 'yesterday' is not an ISO-8601 UTC time like 2026-06-01T09:30:00Z",
                        "zendesk/tickets.json[0].requester_id: no user with id 99",
                        "zendesk/tickets.json[0].updated_at: before created_at",
                        "zendesk/satisfaction_ratings.json[0].ticket_id: no ticket with id 6"))
                .hasMessageContaining("zendesk/tickets.json[0].status: 'waiting'")
                .hasMessageContaining("zendesk/satisfaction_ratings.json[0].score: 'great'");
    }
}
