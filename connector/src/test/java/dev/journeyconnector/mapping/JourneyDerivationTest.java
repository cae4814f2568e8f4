package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.DeepLinks;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Touchpoint.Source;
import dev.journeyconnector.mapping.JourneyDerivation.Derived;
import dev.journeyconnector.mapping.JourneyDerivation.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JourneyDerivationTest {
    private static final DeepLinks LINKS = DeepLinks.of("meridiangroup.my.salesforce.com", "meridiangroup", "us21");

    @TempDir
    static Path dir;
    private static MappingSet model;

    @BeforeAll
    static void model() {
        model = TestModels.load(TestModels.folder(dir.resolve("mappings"), Map.of(
                "salesforce-task.yaml", TestModels.TASKS,
                "zendesk-tickets.yaml", TestModels.TICKETS,
                "salesforce-case-comment.yaml", TestModels.CASE_COMMENTS,
                "mailchimp-email-activity.yaml", TestModels.EMAIL_ACTIVITY,
                "mailchimp-campaigns.yaml", TestModels.CAMPAIGNS)));
    }

    private static JourneyDerivation derivation(DeepLinks links) {
        return new JourneyDerivation(model, links, id -> id.equals("810cf7446e") ? Optional.of("123456") : Optional.empty());
    }

    @Test
    void aTicketYieldsItsTouchpointLinkedToTheAgentsPageAndItsRequesterAsCustomerLink() {
        Map<String, Object> ticket = new HashMap<>(Map.of("id", 16L, "requester_id", 9010000000101L,
                "created_at", "2026-07-03T09:15:00Z", "subject", "Never received my itinerary",
                "via", Map.of("channel", "email")));

        Derived d = derivation(LINKS).derive(Source.ZENDESK, "tickets", "16", false, ticket);

        assertThat(d.outcome()).isEqualTo(Outcome.MAPPED);
        assertThat(d.links()).containsExactly(new CustomerLinkValue(CustomerLink.Kind.ZENDESK_USER, "9010000000101"));
        assertThat(d.unmapped()).isEmpty();
        Touchpoint t = d.touchpoints().get(0);
        assertThat(t.key().asString()).isEqualTo("zendesk/tickets/16/ticket-opened");
        assertThat(t.customerKey()).as("identity's part").isNull();
        assertThat(t.channel()).isEqualTo("email");
        assertThat(t.occurredAt()).isEqualTo(Instant.parse("2026-07-03T09:15:00Z"));
        assertThat(t.deepLink()).isEqualTo(URI.create("https://meridiangroup.zendesk.com/agent/tickets/16"));
    }

    @Test
    void aLinkedTouchpointKeepsItsAttributes() {
        String tickets = TestModels.TICKETS.replace("    sentiment: neutral\n  - type: ticket-solved",
                "    sentiment: neutral\n"
                        + "    attributes:\n"
                        + "      ticket: id\n"
                        + "      priority: { from: priority, map: { urgent: urgent, high: high }, default: normal }\n"
                        + "  - type: ticket-solved");
        assertThat(tickets).contains("attributes:");
        MappingSet withAttributes = TestModels.load(TestModels.folder(dir.resolve("with-attributes"),
                Map.of("zendesk-tickets.yaml", tickets)));
        Map<String, Object> ticket = Map.of("id", new BigDecimal("16"), "requester_id", 9010000000101L,
                "created_at", "2026-07-03T09:15:00Z", "priority", "urgent", "via", Map.of("channel", "email"));

        Derived d = new JourneyDerivation(withAttributes, LINKS, id -> Optional.empty())
                .derive(Source.ZENDESK, "tickets", "16", false, ticket);

        assertThat(d.touchpoints()).singleElement().satisfies(t -> {
            assertThat(t.deepLink()).isEqualTo(URI.create("https://meridiangroup.zendesk.com/agent/tickets/16"));
            assertThat(t.attributes()).isEqualTo(Map.of("ticket", "16", "priority", "urgent"));
        });
    }

    @Test
    void aSalesforceLinkOpensTheRecordOrTheParentTheFileNames() {
        Derived call = derivation(LINKS).derive(Source.SALESFORCE, "Task", "00TJx0000000001IAA", false, task(
                "Call about the Highlands tour", null));
        Derived reply = derivation(LINKS).derive(Source.SALESFORCE, "CaseComment", "00aJx0000000001IAA", false,
                Map.of("ParentId", "500Jx0000000001IAA", "IsPublished", true, "CreatedDate", "2026-07-06T10:00:00Z"));

        assertThat(call.touchpoints()).singleElement().satisfies(t -> assertThat(t.deepLink()).isEqualTo(URI.create(
                "https://meridiangroup.my.salesforce.com/lightning/r/Task/00TJx0000000001IAA/view")));
        assertThat(reply.touchpoints()).singleElement().satisfies(t -> assertThat(t.deepLink()).isEqualTo(URI.create(
                "https://meridiangroup.my.salesforce.com/lightning/r/Case/500Jx0000000001IAA/view")));
        assertThat(reply.links()).containsExactly(new CustomerLinkValue(CustomerLink.Kind.CASE, "500Jx0000000001IAA"));
    }

    @Test
    void withoutASystemsSettingsItsTouchpointsHaveNoLink() {
        Derived call = derivation(DeepLinks.of(null, "meridiangroup", null)).derive(Source.SALESFORCE, "Task",
                "00TJx0000000001IAA", false, task("Call", null));

        assertThat(call.touchpoints()).singleElement().satisfies(t -> assertThat(t.deepLink()).isNull());
    }

    @Test
    void anEmailActivityLinksToItsCampaignsReportByTheCampaignsWebId() {
        Map<String, Object> open = Map.of("campaign_id", "810cf7446e", "email_address", "Trey.Weller@example.com",
                "action", "open", "timestamp", "2026-05-12T09:01:00+00:00");
        Map<String, Object> elsewhere = Map.of("campaign_id", "ffffffffff", "email_address", "trey.weller@example.com",
                "action", "open", "timestamp", "2026-05-19T09:01:00+00:00");

        Derived d = derivation(LINKS).derive(Source.MAILCHIMP, "email_activity",
                "810cf7446e/abc/open/2026-05-12T09:01:00+00:00", false, open);
        Derived unknown = derivation(LINKS).derive(Source.MAILCHIMP, "email_activity",
                "ffffffffff/abc/open/2026-05-19T09:01:00+00:00", false, elsewhere);

        assertThat(d.touchpoints()).singleElement().satisfies(t -> {
            assertThat(t.key().recordId()).isEqualTo("810cf7446e/abc/open/2026-05-12T09:01:00+00:00");
            assertThat(t.deepLink()).isEqualTo(URI.create("https://us21.admin.mailchimp.com/reports/summary?id=123456"));
        });
        assertThat(d.links()).containsExactly(new CustomerLinkValue(CustomerLink.Kind.EMAIL, "Trey.Weller@example.com"));
        assertThat(unknown.touchpoints()).singleElement().satisfies(t -> assertThat(t.deepLink())
                .as("a campaign whose web_id is not stored").isNull());
    }

    @Test
    void theConnectorsOwnTasksAreNeverTouchpointsNorUnmapped() {
        Derived summary = derivation(LINKS).derive(Source.SALESFORCE, "Task", "00TJx00000000AAIAA", false,
                task("[Journey] Journey summary: Trey Weller", "Journey summary ...\njourney-connector:summary:003"));

        assertThat(summary.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(summary.touchpoints()).isEmpty();
        assertThat(summary.unmapped()).isEmpty();
        assertThat(summary.links()).as("kept, so records pointing at it still find its customer").isNotEmpty();
    }

    @Test
    void aTombstoneYieldsNothing() {
        Derived d = derivation(LINKS).derive(Source.SALESFORCE, "Task", "00TJx0000000001IAA", true, task("Call", null));

        assertThat(d.outcome()).isEqualTo(Outcome.TOMBSTONE);
        assertThat(d.touchpoints()).isEmpty();
        assertThat(d.unmapped()).isEmpty();
        assertThat(d.links()).isEmpty();
    }

    @Test
    void aRecordNoRuleMatchesIsUnmappedWithoutARuleType() {
        Map<String, Object> email = new HashMap<>(task("Quote sent", null));
        email.put("TaskSubtype", "Email");

        Derived d = derivation(LINKS).derive(Source.SALESFORCE, "Task", "00TJx0000000002IAA", false, email);

        assertThat(d.outcome()).isEqualTo(Outcome.MAPPED);
        assertThat(d.touchpoints()).isEmpty();
        assertThat(d.unmapped()).containsExactly(new TouchpointMapping.Unmapped(null, TouchpointMapping.NO_RULE_MATCHED));
    }

    @Test
    void anObjectTheModelDoesNotMapIsRefused() {
        assertThatThrownBy(() -> derivation(LINKS).derive(Source.SALESFORCE, "Event", "00U", false, Map.of()))
                .hasMessageContaining("no mapping for salesforce/Event");
    }

    @Test
    void idsReadAsNumbersBecomeTheirDigits() {
        assertThat(JourneyDerivation.idText(new BigDecimal("16.0"))).isEqualTo("16");
        assertThat(JourneyDerivation.idText(9010000000101L)).isEqualTo("9010000000101");
        assertThat(JourneyDerivation.idText(16.0d)).isEqualTo("16");
        assertThat(JourneyDerivation.idText(" 003Jx0000000001IAA ")).isEqualTo("003Jx0000000001IAA");
        assertThat(JourneyDerivation.idText("  ")).isNull();
        assertThat(JourneyDerivation.idText(Map.of("id", 1))).isNull();
    }

    private static Map<String, Object> task(String subject, String description) {
        Map<String, Object> task = new HashMap<>();
        task.put("Id", "00TJx0000000001IAA");
        task.put("Subject", subject);
        task.put("Description", description);
        task.put("TaskSubtype", "Call");
        task.put("WhoId", "003Jx0000000001IAA");
        task.put("WhatId", "001Jx0000000001IAA");
        task.put("CreatedDate", "2026-05-20T10:00:00Z");
        return task;
    }
}
