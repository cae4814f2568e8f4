package dev.journeyconnector.it;

import dev.journeyconnector.insight.RuleRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo world's stories through the real pipeline: {@code --once} pulls Meridian Group from the three sandbox
 * simulators, derives the journey and evaluates the insight rules; {@code journey findings --state all} then shows,
 * for every shipped rule, a finding on the story customer docs/sandbox.md names for it, explained with the numbers
 * of that story.
 *
 * <p>The rules are evaluated at the real time, after the demo world's last record (20 November 2026). The numbers
 * asserted are the ones that do not move with it: past episodes are resolved with their own times ("First reply
 * after 3 d 1 h"), and conditions still open are asserted by their dates and thresholds, not by how long ago.
 */
class StoryFindingsIT {
    private static final String TREY = "sf:003Jx0000000001IAA";
    private static final String AMIRA = "sf:003Jx0000000002IAA";
    private static final String NADIA = "sf:003Jx0000000003IAA";
    private static final String GRACE_OKAFOR = "sf:003Jx0000000007IAA";
    private static final String LUCIA_FERNANDEZ = "sf:003Jx0000000008IAA";
    private static final String KOFI_ASANTE = "sf:003Jx0000000009IAA";
    private static final String JONAS_BECKER = "sf:003Jx000000000AIAQ";
    private static final String DMITRI_VOLKOV = "sf:003Jx000000000IIAQ";
    private static final String OLIVER_GRANT = "sf:003Jx000000000KIAQ";
    private static final String LARS_NILSSON = "sf:003Jx000000000MIAQ";
    private static final String YUKI_SATO = "sf:003Jx000000000pIAA";
    private static final String RAFAEL_COSTA = "sf:00QJx0000000006MAA";

    @TempDir
    static Path dataDir;
    private static List<Block> findings;

    /** One finding as {@code journey findings} prints it. */
    record Block(String state, String rule, String customer, String title, String explanation, String handoff,
                 String key, String text) {

        static Block parse(String text) {
            String[] lines = text.split("\n");
            String[] head = lines[0].trim().split("\\s+");
            String handoff = null;
            String key = null;
            for (String line : lines) {
                if (line.startsWith("  handoff: ")) {
                    handoff = line.substring("  handoff: ".length());
                } else if (line.startsWith("  key: ")) {
                    key = line.substring("  key: ".length());
                }
            }
            // "OPEN  high  won-not-onboarded (handoff-gap)  sf:003..., persona leisure-traveller"
            return new Block(head[0], head[2], head[4].replace(",", ""), lines[1].trim(), lines[2].trim(), handoff,
                    key, text);
        }
    }

    /** What one rule's finding on a story customer must say. */
    record Story(String rule, String customer, String who, String anchor, String state, List<String> says) {
        @Override
        public String toString() {
            return rule + " on " + who;
        }
    }

    @BeforeAll
    static void runTheDemoWorldAndListEveryFinding() {
        Cli once = Cli.run(dataDir, "--once");
        assertThat(once.exit()).as(once.err()).isZero();
        assertThat(once.out()).contains("Findings (pain points and handoff gaps");

        Cli listed = Cli.run(dataDir, "findings", "--state", "all");
        assertThat(listed.exit()).as(listed.err()).isZero();
        String out = listed.out();
        findings = new ArrayList<>();
        for (String block : out.substring(out.indexOf("\n\n") + 2).split("\n\n")) {
            if (!block.isBlank()) {
                findings.add(Block.parse(block));
            }
        }
        assertThat(findings).isNotEmpty();
    }

    static Stream<Story> stories() {
        return Stream.of(
                // ---- pain points
                new Story("repeat-contact", KOFI_ASANTE, "Kofi Asante", "salesforce/Case/500Jx0000000009IAA",
                        "RESOLVED", List.of("6 support contacts (3 cases and 3 tickets, by chat, email, phone) within "
                        + "10 d 3 h, from 3 Aug 2026 to 13 Aug 2026; the rule fires at 3 within 14 d")),
                new Story("slow-first-response", TREY, "Trey Weller", "zendesk/tickets/17", "RESOLVED",
                        List.of("First reply after 3 d 1 h; the SLA for high priority is 4 h")),
                new Story("slow-first-response", AMIRA, "Amira Haddad", "salesforce/Case/500Jx0000000003IAA",
                        "RESOLVED", List.of("First reply after 6 d 7 h; the SLA for normal priority is 8 h")),
                new Story("unresolved-too-long", TREY, "Trey Weller", "salesforce/Case/500Jx0000000002IAA",
                        "RESOLVED", List.of("Resolved after 4 d; the resolution SLA for high priority is 3 d")),
                new Story("unresolved-too-long", NADIA, "Nadia Petrova", "salesforce/Case/500Jx0000000005IAA",
                        "RESOLVED", List.of("Resolved after 61 d 21 h; the resolution SLA for normal priority is 5 d")),
                new Story("low-satisfaction", NADIA, "Nadia Petrova", "zendesk/satisfaction_ratings/", "OPEN",
                        List.of("Rated the support bad on ticket \"Complaint: sofa delivered damaged\" on 15 Aug 2026")),
                new Story("reopened", LUCIA_FERNANDEZ, "Lucía Fernández", "salesforce/Case/500Jx0000000008IAA",
                        "RESOLVED", List.of("Case \"Card payment declined abroad\" was reopened 1 time after it was "
                        + "closed, last on 10 Sep 2026")),
                new Story("escalation", OLIVER_GRANT, "Oliver Grant", "zendesk/tickets/32", "RESOLVED",
                        List.of("Ticket \"Coach left the pick-up point without me\" was raised to urgent on "
                                + "14 Aug 2026, 7 min after it was opened")),
                new Story("escalation", GRACE_OKAFOR, "Grace Okafor", "salesforce/Case/500Jx0000000007IAA", "OPEN",
                        List.of("Case \"Payroll transfer failed\" was escalated on 29 Oct 2026, 30 min after it was "
                                + "opened; it is still open")),
                new Story("stalled-deal", AMIRA, "Amira Haddad", "salesforce/Opportunity/006Jx0000000003IAA", "OPEN",
                        List.of("Opportunity \"Haddad Ceramics Studio - Equipment loan (kiln)\" (stage Proposal/Price "
                                + "Quote) has had no stage change and no sales activity for ",
                                "since 5 Oct 2026 (last: call); the rule fires after 21 d")),
                new Story("email-fatigue", NADIA, "Nadia Petrova", "mailchimp/unsubscribes/", "OPEN",
                        List.of("Unsubscribed on 20 Jul 2026 (list 4c9dc7d3de, campaign ecd07f74f8); they had opened "
                                + "3 of the 3 campaigns sent to them before")),
                new Story("email-fatigue", LARS_NILSSON, "Lars Nilsson", "mailchimp/campaigns/", "OPEN",
                        List.of("6 campaigns in a row unopened, sent from 7 Jul 2026 to 17 Nov 2026; the rule fires "
                                + "at 5")),
                // ---- handoff gaps
                new Story("won-not-onboarded", TREY, "Trey Weller", "salesforce/Opportunity/006Jx0000000001IAA",
                        "OPEN", List.of("Deal \"Weller - Scottish Highlands by coach (8 days)\" won on 22 May 2026; "
                        + "no onboarding contact in the 7 days after (threshold 7 days).")),
                new Story("engaged-lead-not-followed", TREY, "Trey Weller", "salesforce/Lead/00QJx0000000001MAA",
                        "RESOLVED", List.of("Lead from an ad on 4 May 2026 19:42 UTC; no sales call, meeting or email "
                        + "within 16 h of business hours", "The first sales activity came on 7 May 2026 10:00 UTC "
                        + "(call \"Call: Highlands coach departures\"), 2 d 14 h after.")),
                new Story("engaged-lead-not-followed", RAFAEL_COSTA, "Rafael Costa", "mailchimp/email_activity/",
                        "OPEN", List.of("Clicked a campaign email on 28 Oct 2026 08:12 UTC; no sales call, meeting or "
                        + "email within 16 h of business hours")),
                new Story("transfer-without-context", JONAS_BECKER, "Jonas Becker",
                        "salesforce/CaseHistory/", "OPEN", List.of("Case \"Refund for cancelled excursion\" moved from "
                        + "owner 005Jx0000000006IAA to owner 005Jx0000000008IAA on 19 Aug 2026 09:12 UTC with no "
                        + "internal note within 1 h before or after the move (threshold 1 h)")),
                new Story("channel-switch", TREY, "Trey Weller", "zendesk/tickets/16", "RESOLVED",
                        List.of("Ticket \"Where is my itinerary?\" opened on 2 Jul 2026 21:40 UTC (channel chat) was "
                                + "still unresolved when the customer came back on email 10 h 32 min later",
                                "window 48 h", "It was resolved on 6 Jul 2026 10:06 UTC.")),
                new Story("device-switch", YUKI_SATO, "Yuki Sato", "zendesk/tickets/50", "RESOLVED",
                        List.of("Ticket \"Return request: lamp base cracked\" opened on 3 Oct 2026 19:10 UTC (device "
                                + "desktop) was still unresolved when the customer came back on mobile 13 h 20 min "
                                + "later (ticket-opened \"Return label not received\"); window 48 h.")),
                new Story("support-blind-to-deal", GRACE_OKAFOR, "Grace Okafor", "salesforce/Case/500Jx0000000007IAA",
                        "RESOLVED", List.of("High-priority case \"Payroll transfer failed\" opened on 29 Oct 2026 07:40 "
                        + "UTC while the Account's opportunity \"Okafor Logistics - Van fleet financing (6 vans)\" "
                        + "(stage Proposal/Price Quote) was open; its owner logged no call, meeting or email with the "
                        + "account in the 24 h after (threshold 24 h).", "The owner's first activity came on 3 Nov "
                        + "2026 14:00 UTC (call \"Call: fleet financing, next steps\"), 5 d 6 h after.")),
                new Story("consent-drift", OLIVER_GRANT, "Oliver Grant", "mailchimp/members/", "OPEN",
                        List.of("Mailchimp shows the address unsubscribed on list 44e73ccf5b since 10 Sep 2026 19:12 "
                                + "UTC and subscribed on no list, but Salesforce still allows email "
                                + "(HasOptedOutOfEmail is false on the Contact), past the 24 h grace period.")),
                new Story("consent-drift", DMITRI_VOLKOV, "Dmitri Volkov", "mailchimp/members/", "OPEN",
                        List.of("Mailchimp shows the address cleaned (the address bounced) on list 44e73ccf5b since "
                                + "6 Oct 2026 08:03 UTC")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stories")
    void theStoryCustomersFindingExplainsTheStoryWithItsNumbers(Story story) {
        List<Block> candidates = findings.stream()
                .filter(f -> f.rule().equals(story.rule()) && f.customer().equals(story.customer())
                        && f.key().startsWith(story.rule() + "|" + story.customer() + "|" + story.anchor()))
                .toList();

        assertThat(candidates).as("%s findings of %s (%s) about %s", story.rule(), story.who(), story.customer(),
                story.anchor()).isNotEmpty();
        assertThat(candidates).as("the finding telling %s's story", story.who()).anySatisfy(f -> {
            assertThat(f.state()).isEqualTo(story.state());
            story.says().forEach(words -> assertThat(f.explanation()).contains(words));
        });
    }

    @Test
    void everyShippedRuleFiresOnAStoryCustomer() {
        Set<String> covered = stories().map(Story::rule).collect(Collectors.toCollection(TreeSet::new));
        Set<String> fired = findings.stream().map(Block::rule).collect(Collectors.toCollection(TreeSet::new));

        assertThat(covered).isEqualTo(new TreeSet<>(RuleRegistry.defaults().ids()));
        assertThat(fired).containsAll(covered);
    }

    @Test
    void everyFindingReadsAsPlainWords() {
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.title()).as(f.key()).isNotBlank();
            assertThat(f.explanation()).as(f.key()).isNotBlank().doesNotContain("null", "{", "}", "Deal opened:")
                    .containsPattern("\\d");
        });
        assertThat(findings).filteredOn(f -> f.rule().equals("device-switch") || f.rule().equals("channel-switch")
                        || f.rule().equals("support-blind-to-deal") || f.rule().equals("consent-drift"))
                .allSatisfy(f -> assertThat(f.handoff()).as(f.key()).isNotNull().contains(" -> "));
    }
}
