package dev.journeyconnector.sandbox.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo world's Mailchimp account is valid, fits the Salesforce demo world and carries the story material. */
class MailchimpDemoWorldTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MailchimpWorld world;
    private static MailchimpData data;
    /** Lower-cased, trimmed Salesforce email → the Contact/Lead records with it. */
    private static final Map<String, List<JsonNode>> SALESFORCE = new HashMap<>();

    @BeforeAll
    static void load() {
        world = MailchimpWorld.fromClasspath("worlds/demo");
        data = new MailchimpData(world);
        for (String object : List.of("Contact", "Lead")) {
            for (JsonNode r : readJson("salesforce/" + object + ".json")) {
                SALESFORCE.computeIfAbsent(normal(r.get("Email").asText()), k -> new ArrayList<>()).add(r);
            }
        }
    }

    @Test
    void committedFilesEqualWhatTheGeneratorWrites() {
        Map<String, String> generated = MailchimpDemoGenerator.generate();
        assertThat(generated.keySet()).containsExactlyInAnyOrderElementsOf(
                MailchimpWorld.FILES.stream().map(f -> "mailchimp/" + f).toList());
        generated.forEach((path, content) -> assertThat(readText(path))
                .as("%s differs from MailchimpDemoGenerator's output; rerun the generator", path).isEqualTo(content));
    }

    @Test
    void twoAudiencesAboutSeventyMembersAndTwelveCampaignsSentMayToNovember() {
        assertThat(world.lists()).extracting(Audience::name)
                .containsExactly("Meridian Journeys newsletter", "Meridian Stores offers");
        assertThat(world.members().size()).isBetween(60, 80);
        assertThat(world.campaigns()).hasSize(12).allSatisfy(c -> {
            assertThat(c.isSent()).isTrue();
            assertThat(c.sendTime()).isBetween(Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-11-20T00:00:00Z"));
        });
        Instant end = Instant.parse("2026-11-20T00:00:00Z");
        assertThat(world.members()).allSatisfy(m -> assertThat(m.lastChanged()).isBefore(end));
        assertThat(world.activity()).allSatisfy(a -> assertThat(a.timestamp()).isBefore(end));
        assertThat(world.members()).extracting(Member::status).contains("subscribed", "unsubscribed", "cleaned", "pending",
                "transactional");
    }

    @Test
    void mostMembersJoinSalesforceByEmailAndSomeAreProspectsSalesforceDoesNotKnow() {
        List<Member> joined = world.members().stream().filter(m -> SALESFORCE.containsKey(normal(m.emailAddress()))).toList();
        List<Member> prospects = world.members().stream().filter(m -> !SALESFORCE.containsKey(normal(m.emailAddress()))).toList();
        assertThat(joined.size()).isGreaterThan(35);
        assertThat(prospects.size()).isBetween(10, 30);
        // Identity cases: case differences, a plus-address, and a plus-address only identity rules can match.
        assertThat(joined).extracting(Member::emailAddress)
                .contains("Mei.Tanaka@example.net", "Olga.Ivanova@Example.ORG", "RUTH.COHEN@EXAMPLE.ORG",
                        "maria.santos+travel@example.com", "bianchi.family@example.net");
        assertThat(prospects).extracting(Member::emailAddress).contains("hugo.moreau+meridian@example.org");
        assertThat(SALESFORCE).containsKey("hugo.moreau@example.org");
        // Leads on the list: the hot lead and the newsletter-form comeback.
        assertThat(SALESFORCE.get("rafael.costa@example.com")).extracting(r -> r.get("Id").asText()).allMatch(id -> id.startsWith("00Q"));
    }

    @Test
    void everyActivityUnsubscribeAndAbuseReportNamesACampaignAndAMemberWhoReceivedIt() {
        assertThat(world.referenceProblems()).isEmpty();
        Map<String, Campaign> campaigns = new HashMap<>();
        world.campaigns().forEach(c -> campaigns.put(c.id(), c));
        assertThat(world.activity()).allSatisfy(a -> {
            Campaign c = campaigns.get(a.campaignId());
            assertThat(c).isNotNull();
            assertThat(data.recipients(c.id())).extracting(Member::key).contains(Member.key(a.emailAddress()));
        });
        assertThat(world.activity()).filteredOn(a -> a.action().equals("click"))
                .allSatisfy(a -> assertThat(a.url()).startsWith("https://").contains(".meridiangroup.example/"));
        assertThat(world.activity()).filteredOn(a -> a.action().equals("bounce")).extracting(EmailActivity::type)
                .contains("hard", "soft");
    }

    @Test
    void nadiaPetrovaUnsubscribesOnTheDaySalesforceRecordsHerOptOut() {
        Member nadia = member(MailchimpDemoGenerator.STORES, "nadia.petrova@example.net");
        assertThat(nadia.status()).isEqualTo("unsubscribed");
        JsonNode contact = SALESFORCE.get("nadia.petrova@example.net").get(0);
        assertThat(contact.get("HasOptedOutOfEmail").asBoolean()).isTrue();
        assertThat(world.unsubscribes()).filteredOn(u -> u.emailAddress().equals("nadia.petrova@example.net"))
                .singleElement().satisfies(u -> {
                    assertThat(u.timestamp().toString()).startsWith("2026-07-20");
                    assertThat(u.timestamp()).isBeforeOrEqualTo(Instant.parse(contact.get("LastModifiedDate").asText()));
                });
    }

    @Test
    void consentDriftMembersLeftMailchimpWhileSalesforceStillAllowsEmail() {
        for (String email : List.of("oliver.grant@example.com", "dmitri.volkov@example.org", "tom.reid@example.net")) {
            Member m = member(MailchimpDemoGenerator.JOURNEYS, email);
            assertThat(m.status()).as(email).isIn("unsubscribed", "cleaned");
            assertThat(SALESFORCE.get(email)).as(email).allSatisfy(r -> assertThat(r.get("HasOptedOutOfEmail").asBoolean()).isFalse());
        }
        assertThat(world.activity()).anySatisfy(a -> {
            assertThat(a.emailAddress()).isEqualTo("dmitri.volkov@example.org");
            assertThat(a.type()).isEqualTo("hard");
        });
        assertThat(world.abuseReports()).singleElement().satisfies(a -> assertThat(a.emailAddress()).isEqualTo("tom.reid@example.net"));
    }

    @Test
    void rafaelCostaClicksTheAndalusiaTourAndTheLeadIsNeverCalled() {
        JsonNode lead = SALESFORCE.get("rafael.costa@example.com").get(0);
        assertThat(lead.get("Status").asText()).isEqualTo("Open - Not Contacted");
        assertThat(lead.get("Rating").asText()).isEqualTo("Hot");
        List<EmailActivity> clicks = world.activity().stream()
                .filter(a -> a.emailAddress().equals("rafael.costa@example.com") && a.action().equals("click")).toList();
        assertThat(clicks).hasSizeGreaterThanOrEqualTo(2).allSatisfy(a -> assertThat(a.url()).contains("andalusia"));
        // Every Journeys campaign sent after he subscribed was opened.
        for (Campaign c : world.campaigns()) {
            if (data.recipients(c.id()).stream().anyMatch(m -> m.key().equals("rafael.costa@example.com"))) {
                assertThat(data.activity(c.id())).as(c.title())
                        .anyMatch(a -> a.emailAddress().equals("rafael.costa@example.com") && a.action().equals("open"));
            }
        }
    }

    @Test
    void larsNilssonIsTheOneSubscriberWithFiveSendsInARowUnopened() {
        Map<String, Integer> longestRun = new HashMap<>();
        for (Member m : world.members()) {
            int run = 0;
            int longest = 0;
            for (Campaign c : world.campaigns().stream().sorted(Comparator.comparing(Campaign::sendTime)).toList()) {
                if (!MailchimpData.receivedCampaign(m, c)) {
                    continue;
                }
                boolean opened = data.activity(c.id()).stream()
                        .anyMatch(a -> Member.key(a.emailAddress()).equals(m.key()) && a.action().equals("open"));
                run = opened ? 0 : run + 1;
                longest = Math.max(longest, run);
            }
            longestRun.put(m.listId() + " " + m.key(), longest);
        }
        Set<String> fatigued = new HashSet<>();
        longestRun.forEach((k, v) -> {
            if (v >= 5) {
                fatigued.add(k.substring(k.indexOf(' ') + 1));
            }
        });
        assertThat(fatigued).containsExactly("lars.nilsson@example.com");
        assertThat(member(MailchimpDemoGenerator.JOURNEYS, "lars.nilsson@example.com").status()).isEqualTo("subscribed");
    }

    private static Member member(String listId, String email) {
        return data.member(listId, email).orElseThrow();
    }

    private static String normal(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static String readText(String path) {
        try (InputStream in = MailchimpDemoWorldTest.class.getClassLoader().getResourceAsStream("worlds/demo/" + path)) {
            assertThat(in).as("classpath resource %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String path) {
        try {
            return JSON.readTree(readText(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
