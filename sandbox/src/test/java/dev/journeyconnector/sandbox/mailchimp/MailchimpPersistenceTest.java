package dev.journeyconnector.sandbox.mailchimp;

import dev.journeyconnector.sandbox.Sandbox;
import dev.journeyconnector.sandbox.SandboxOptions;
import dev.journeyconnector.sandbox.world.WorldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailchimpPersistenceTest {
    @TempDir
    Path dir;

    private static final Instant AT = Instant.parse("2026-11-19T10:00:00Z");

    @Test
    void changesSurviveARestartAndResetGoesBackToTheWorld() {
        MailchimpWorld world = MailchimpWorld.fromClasspath("worlds/demo");
        String list = MailchimpDemoGenerator.JOURNEYS;
        try (MailchimpSimulator sim = MailchimpSimulator.builder(world).dataDir(dir).start()) {
            sim.data().putMember(Member.subscribed(list, "kept@example.com", "Kept", "Member", AT));
            sim.data().unsubscribe(sim.data().campaigns().get(7).id(), "jonas.becker@example.com", AT, "Other");
        }
        assertThat(dir.resolve("mailchimp/state.json")).exists();
        assertThat(dir.resolve("mailchimp")).isDirectoryNotContaining("glob:**.tmp");

        try (MailchimpSimulator again = MailchimpSimulator.builder(world).dataDir(dir).start()) {
            assertThat(again.data().member(list, "kept@example.com")).isPresent();
            assertThat(again.data().member(list, "jonas.becker@example.com").orElseThrow().status()).isEqualTo("unsubscribed");
            assertThat(again.data().unsubscribes(again.data().campaigns().get(7).id())).hasSize(1);
            assertThat(new MailchimpClient(again).json("/lists/" + list + "/members?status=subscribed&count=1000")
                    .toString()).contains("kept@example.com");
        }

        try (MailchimpSimulator reset = MailchimpSimulator.builder(world).dataDir(dir).reset(true).start()) {
            assertThat(reset.data().member(list, "kept@example.com")).isEmpty();
            reset.data().putMember(Member.subscribed(list, "again@example.com", "Again", "Member", AT));
            reset.resetToWorld();
            assertThat(reset.data().members(list)).hasSize(world.members().stream().filter(m -> m.listId().equals(list)).toList().size());
        }
    }

    @Test
    void sandboxStartsMailchimpWithTheDemoWorldAndDumpsItBesideSalesforce() throws Exception {
        Path dump = dir.resolve("out/dump.json");
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(null, null, false, 0))) {
            assertThat(sandbox.mailchimpUrl().toString()).startsWith("http://127.0.0.1:");
            assertThat(new MailchimpClient(sandbox.mailchimp()).json("/lists").get("total_items").asInt()).isEqualTo(2);
            sandbox.dump(dump);
        }
        assertThat(Files.readString(dir.resolve("out/dump.mailchimp.json"))).contains("nadia.petrova@example.net");
        assertThat(dump).exists();
    }

    @Test
    void aWorldWithoutMailchimpFilesHasAnEmptyAccount() throws Exception {
        Files.createDirectories(dir.resolve("world"));
        MailchimpWorld empty = MailchimpWorld.fromDirectory(dir.resolve("world"));
        assertThat(empty.lists()).isEmpty();
        assertThat(empty.account()).isEqualTo(ApiAccount.EMPTY_WORLD);
    }

    @Test
    void everyProblemInTheWorldFilesIsReportedAtOnceWithFileIndexAndField() throws Exception {
        Path mc = Files.createDirectories(dir.resolve("bad/mailchimp"));
        Files.writeString(mc.resolve("account.json"), "{\"apiKey\": \"not-a-key\", \"dataCenter\": \"us21\", \"accountName\": \"X\"}");
        Files.writeString(mc.resolve("lists.json"), "[{\"id\": \"aaaaaaaaaa\", \"name\": \"L\", \"date_created\": \"2026-05-01T00:00:00+00:00\"}]");
        Files.writeString(mc.resolve("members.json"), """
                [{"list_id": "aaaaaaaaaa", "email_address": "a@example.com", "status": "subscribed",
                  "timestamp_opt": "2026-05-02T00:00:00+00:00", "last_changed": "2026-05-02T00:00:00+00:00"},
                 {"list_id": "bbbbbbbbbb", "email_address": " b@example.com", "status": "gone", "last_changed": "yesterday",
                  "colour": "blue"}]""");
        Files.writeString(mc.resolve("campaigns.json"), """
                [{"id": "cccccccccc", "status": "sent", "create_time": "2026-05-03T00:00:00+00:00",
                  "send_time": "2026-05-04T00:00:00+00:00", "recipients": {"list_id": "aaaaaaaaaa"},
                  "settings": {"subject_line": "Hi"}}]""");
        Files.writeString(mc.resolve("email_activity.json"), """
                [{"campaign_id": "cccccccccc", "email_address": "a@example.com", "action": "click", "timestamp": "2026-05-04T01:00:00+00:00"},
                 {"campaign_id": "dddddddddd", "email_address": "a@example.com", "action": "open", "timestamp": "2026-05-04T01:00:00+00:00"},
                 {"campaign_id": "cccccccccc", "email_address": "z@example.com", "action": "bounce", "type": "hard", "timestamp": "2026-05-04T01:00:00+00:00"}]""");
        assertThatThrownBy(() -> MailchimpWorld.fromDirectory(dir.resolve("bad")))
                .isInstanceOf(WorldException.class)
                .satisfies(e -> assertThat(((WorldException) e).problems()).contains(
                        "mailchimp/account.json.apiKey: must be 32 lower-case hex digits, '-' and the data centre (e.g. -us21)",
                        "mailchimp/members.json[1].email_address: ' b@example.com' is not an email address Mailchimp would accept",
                        "mailchimp/members.json[1].status: 'gone' is not one of [subscribed, unsubscribed, cleaned, pending, transactional, archived]",
                        "mailchimp/members.json[1].last_changed: 'yesterday' is not an ISO 8601 date-time with offset",
                        "mailchimp/members.json[1].colour: unknown field",
                        "mailchimp/members.json[1].list_id: no list 'bbbbbbbbbb'",
                        "mailchimp/email_activity.json[0].url: required for a click",
                        "mailchimp/email_activity.json[1].campaign_id: no campaign 'dddddddddd'",
                        "mailchimp/email_activity.json[2].email_address: 'z@example.com' is not a member of list aaaaaaaaaa"));
    }
}
