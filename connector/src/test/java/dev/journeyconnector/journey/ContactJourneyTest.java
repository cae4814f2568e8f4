package dev.journeyconnector.journey;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContactJourneyTest {
    private static final Map<String, Object> CONTACT = Map.of("Id", "003A", "FirstName", "Lucia", "LastName", "Ferri",
            "AccountId", "001A", "OwnerId", "005A", "CreatedDate", "2026-05-02T09:00:00Z");
    private static final Map<String, Object> ACCOUNT = Map.of("Id", "001A", "Name", "Ferri Viaggi");

    @Test
    void anOpenCasePutsTheCustomerInServiceAndIsListed() {
        ContactJourney j = ContactJourney.of(CONTACT, ACCOUNT,
                List.of(opp("006A", "Closed Won", "2026-06-01T10:00:00Z")),
                List.of(Map.of("Id", "500A", "Subject", "Never received my itinerary", "Status", "New", "Origin", "Email",
                        "Priority", "High", "CreatedDate", "2026-06-20T08:00:00Z", "LastModifiedDate", "2026-06-21T08:00:00Z")));

        assertThat(j.stage()).isEqualTo("service");
        assertThat(j.summaryText()).isEqualTo("""
                Journey summary for Lucia Ferri (Ferri Viaggi)
                Stage: service
                Opportunities: 0 open, 1 won, 0 lost
                Cases: 1 in all, 1 open
                  - "Never received my itinerary" via Email, High priority, opened 2026-06-20
                Last touchpoint: 2026-06-21, case "Never received my itinerary" (New)
                """);
    }

    @Test
    void stageFollowsTheStrongestSignal() {
        assertThat(ContactJourney.stage(List.of(opp("006A", "Closed Won", "2026-06-01T10:00:00Z")), List.of()))
                .isEqualTo("purchase");
        assertThat(ContactJourney.stage(List.of(opp("006A", "Prospecting", "2026-06-01T10:00:00Z")), List.of()))
                .isEqualTo("engagement");
        assertThat(ContactJourney.stage(List.of(opp("006A", "Closed Lost", "2026-06-01T10:00:00Z")),
                List.of(Map.of("Id", "500A", "Status", "Closed", "IsClosed", true)))).isEqualTo("awareness");
    }

    @Test
    void openDealsShowStageAmountAndCloseDate() {
        Map<String, Object> open = new java.util.HashMap<>(opp("006B", "Negotiation/Review", "2026-07-01T10:00:00Z"));
        open.put("Amount", 1250);
        open.put("CloseDate", "2026-08-15");

        String text = ContactJourney.of(CONTACT, null, List.of(open), List.of()).summaryText();

        assertThat(text).startsWith("Journey summary for Lucia Ferri\nStage: engagement\n")
                .contains("  - Tour 006B: Negotiation/Review, 1250.00, closes 2026-08-15\n");
    }

    private static Map<String, Object> opp(String id, String stage, String modified) {
        return Map.of("Id", id, "Name", "Tour " + id, "StageName", stage, "CreatedDate", modified, "LastModifiedDate", modified);
    }
}
