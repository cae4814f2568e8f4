package dev.journeyconnector.it;

import dev.journeyconnector.app.JourneyConfig;
import dev.journeyconnector.journey.Touchpoint.Source;
import dev.journeyconnector.journey.VocabularyLoader;
import dev.journeyconnector.mapping.PersonaLoader;
import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.JourneyContextStore;
import dev.journeyconnector.writeback.JourneyContext;
import dev.journeyconnector.writeback.JourneyContext.Labels;
import dev.journeyconnector.writeback.JourneyContext.OpenFinding;
import dev.journeyconnector.writeback.JourneyContext.RecentTouchpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey context of the demo world's customers after a real {@code --once} (pull from the three sandbox
 * simulators, derive, resolve, evaluate): what a rep would read on Trey Weller's Contact.
 */
class JourneyContextIT {
    private static final String TREY_ID = "003Jx0000000001IAA";

    @TempDir
    static Path dataDir;
    private static List<JourneyContext> contexts;

    @BeforeAll
    static void runTheDemoWorldAndReadEveryContext() throws Exception {
        Cli once = Cli.run(dataDir, "--once");
        assertThat(once.exit()).as(once.err()).isZero();
        Labels labels = Labels.of(VocabularyLoader.load(Cli.MAPPINGS.resolve("vocabularies.yaml")),
                PersonaLoader.load(Cli.MAPPINGS.resolve("personas.yaml")));
        try (Database db = Database.open(new JourneyConfig.Database("", "", "", 2), dataDir)) {
            contexts = new JourneyContextStore(db.dataSource(), labels).contexts();
        }
    }

    @Test
    void treyWellersRecentTouchpointsSpanSalesforceZendeskAndMailchimp() {
        JourneyContext trey = trey();

        assertThat(trey.name()).isEqualTo("Trey Weller");
        assertThat(trey.personaLabel()).isEqualTo("Leisure traveller");
        assertThat(trey.recentTouchpoints()).hasSize(JourneyContext.DEFAULT_RECENT_TOUCHPOINTS);
        assertThat(trey.recentTouchpoints()).as(trey.summaryText()).extracting(RecentTouchpoint::source)
                .contains(Source.values());
        assertThat(trey.touchpointCount()).isGreaterThan(JourneyContext.DEFAULT_RECENT_TOUCHPOINTS);
    }

    @Test
    void treyWellersOpenGapIsListedAndScored() {
        JourneyContext trey = trey();

        // docs/sandbox.md: the Highlands tour won on 22 May 2026 with no onboarding contact is still open
        assertThat(trey.openFindings()).extracting(OpenFinding::ruleId).contains("won-not-onboarded");
        assertThat(trey.healthScore()).isLessThan(100)
                .isEqualTo(Math.max(0, 100 - trey.openFindings().stream().mapToInt(OpenFinding::penalty).sum()));
        assertThat(trey.summaryText()).contains("Stage: ", "Recent touchpoints (8 of ", "Open pain points and gaps (")
                .doesNotContain("Open pain points and gaps\nnone");
    }

    @Test
    void everyContextIsOfAContactAndFitsItsFields() {
        assertThat(contexts).isNotEmpty();
        assertThat(contexts).allSatisfy(c -> {
            assertThat(c.contactId()).startsWith("003");
            assertThat(c.customerKey()).isEqualTo("sf:" + c.contactId());
            assertThat(c.summaryText().length()).isLessThanOrEqualTo(JourneyContext.SUMMARY_LENGTH);
            String stage = (String) c.contactFields().get(JourneyContext.STAGE_FIELD);
            assertThat(stage == null || stage.length() <= JourneyContext.STAGE_LENGTH).isTrue();
        });
    }

    private static JourneyContext trey() {
        return contexts.stream().filter(c -> c.contactId().equals(TREY_ID)).findFirst().orElseThrow();
    }
}
