package dev.journeyconnector.insight;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which fields count as categories, and how their values are counted. */
class ValueCountsTest {

    private static Map<String, Object> record(Object... keyValues) {
        Map<String, Object> record = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            record.put((String) keyValues[i], keyValues[i + 1]);
        }
        return record;
    }

    @Test
    void countsPicklistValuesPerObjectAndRecord() {
        ValueCounts counts = new ValueCounts()
                .add("salesforce", "Case", record("Origin", "Phone", "Priority", "High"))
                .add("salesforce", "Case", record("Origin", "Phone", "Priority", null))
                .add("salesforce", "Case", record("Origin", "Web", "Priority", ""))
                .add("zendesk", "tickets", record("status", "open"));

        assertThat(counts.records("salesforce", "Case")).isEqualTo(3);
        assertThat(counts.records("zendesk", "tickets")).isEqualTo(1);
        assertThat(counts.records("mailchimp", "members")).isZero();
        assertThat(counts.records()).isEqualTo(4);
        assertThat(counts.counts("salesforce", "Case", "Origin")).isEqualTo(Map.of("Phone", 2, "Web", 1));
        assertThat(counts.counts("salesforce", "Case", "Priority"))
                .as("null and empty text are one value: (empty)").isEqualTo(Map.of("High", 1, "(empty)", 2));
    }

    @Test
    void leavesOutReferencesDatesEmailsLinksAndFreeText() {
        ValueCounts counts = new ValueCounts().add("salesforce", "Case", record(
                "Id", "500Jx0000000001IAA",
                "AccountId", "001Jx0000000001IAA",
                "CreatedDate", "2026-05-05T10:00:00.000+0000",
                "ClosedDate", Instant.parse("2026-05-06T10:00:00Z"),
                "Birthdate", "1980-02-29",
                "SuppliedEmail", "trey.weller@example.com",
                "attributes", Map.of("type", "Case", "url", "/services/data/v60.0/sobjects/Case/500Jx0000000001IAA"),
                "Description", "Hello,\nI cannot filter tours.",
                "Subject", "x".repeat(ValueCounts.MAX_CATEGORY_LENGTH + 1),
                "Origin", "Web"));
        counts.add("zendesk", "tickets", record("id", 17, "requester_id", 9, "collaborator_ids", List.of(1, 2),
                "external_id", "003Jx0000000001IAA", "url", "https://meridiangroup.zendesk.com/api/v2/tickets/17.json"));

        assertThat(counts.whyNotCounted("salesforce", "Case", "Id")).contains("the record's own id");
        assertThat(counts.counts("salesforce", "Case", "AccountId")).as("references are judged by cardinality")
                .isEqualTo(Map.of("001Jx0000000001IAA", 1));
        assertThat(counts.whyNotCounted("salesforce", "Case", "CreatedDate")).contains("dates and times");
        assertThat(counts.whyNotCounted("salesforce", "Case", "ClosedDate")).contains("dates and times");
        assertThat(counts.whyNotCounted("salesforce", "Case", "Birthdate")).contains("dates and times");
        assertThat(counts.whyNotCounted("salesforce", "Case", "SuppliedEmail")).contains("email addresses");
        assertThat(counts.whyNotCounted("salesforce", "Case", "attributes.url")).contains("links");
        assertThat(counts.whyNotCounted("salesforce", "Case", "Description")).contains("free text");
        assertThat(counts.whyNotCounted("salesforce", "Case", "Subject")).contains("free text");
        assertThat(counts.whyNotCounted("salesforce", "Case", "Origin")).isEmpty();
        assertThat(counts.counts("salesforce", "Case", "attributes.type")).isEqualTo(Map.of("Case", 1));
        assertThat(counts.whyNotCounted("zendesk", "tickets", "id")).contains("the record's own id");
        assertThat(counts.counts("zendesk", "tickets", "collaborator_ids")).isEqualTo(Map.of("1", 1, "2", 1));
        assertThat(counts.whyNotCounted("zendesk", "tickets", "url")).contains("links");
    }

    @Test
    void aFieldOnceSeenAsNoCategoryStaysOutForLaterRecords() {
        ValueCounts counts = new ValueCounts()
                .add("salesforce", "Case", record("Reason", "Delivery"))
                .add("salesforce", "Case", record("Reason", "2026-05-05"))
                .add("salesforce", "Case", record("Reason", "Delivery"));
        assertThat(counts.counts("salesforce", "Case", "Reason")).isEmpty();
        assertThat(counts.whyNotCounted("salesforce", "Case", "Reason")).contains("dates and times");
    }

    @Test
    void flattensNestedMapsAndCountsEachListValueOncePerRecord() {
        ValueCounts counts = new ValueCounts()
                .add("zendesk", "tickets", record(
                        "via", Map.of("channel", "web", "source", Map.of("rel", "web_widget")),
                        "tags", List.of("vip", "vip", "delivery"),
                        "custom_fields", List.of(Map.of("id", 9070000000001L, "value", "stores"))))
                .add("zendesk", "tickets", record("via", Map.of("channel", "email"), "tags", List.of()));

        assertThat(counts.counts("zendesk", "tickets", "via.channel")).isEqualTo(Map.of("web", 1, "email", 1));
        assertThat(counts.counts("zendesk", "tickets", "via.source.rel")).isEqualTo(Map.of("web_widget", 1));
        assertThat(counts.counts("zendesk", "tickets", "tags")).isEqualTo(Map.of("vip", 1, "delivery", 1,
                "(empty)", 1));
        assertThat(counts.counts("zendesk", "tickets", "custom_fields")).as("a list of maps has no one field")
                .isEmpty();
    }

    @Test
    void comparesNumbersByValue() {
        ValueCounts counts = new ValueCounts()
                .add("zendesk", "tickets", record("group_stations", 2))
                .add("zendesk", "tickets", record("group_stations", 2L))
                .add("zendesk", "tickets", record("group_stations", 2.0))
                .add("zendesk", "tickets", record("group_stations", new BigDecimal("2.00")))
                .add("zendesk", "tickets", record("group_stations", true));
        assertThat(counts.counts("zendesk", "tickets", "group_stations")).isEqualTo(Map.of("2", 4, "true", 1));
    }

    @Test
    void stopsCountingAFieldPastTheDistinctLimit() {
        ValueCounts counts = new ValueCounts();
        for (int i = 0; i <= ValueCounts.MAX_DISTINCT; i++) {
            counts.add("salesforce", "Opportunity", record("Amount", i, "StageName", "Closed Won"));
        }
        assertThat(counts.counts("salesforce", "Opportunity", "Amount")).isEmpty();
        assertThat(counts.whyNotCounted("salesforce", "Opportunity", "Amount"))
                .contains("more than " + ValueCounts.MAX_DISTINCT + " distinct values");
        assertThat(counts.counts("salesforce", "Opportunity", "StageName"))
                .isEqualTo(Map.of("Closed Won", ValueCounts.MAX_DISTINCT + 1));
    }

    @Test
    void onlyTheRecordsOwnIdIsLeftOutByName() {
        assertThat(Arrays.asList("Id", "id", "ID")).allMatch(ValueCounts::isOwnId);
        assertThat(Arrays.asList("AccountId", "RecordTypeId", "group_id", "Paid", "Identity"))
                .noneMatch(ValueCounts::isOwnId);
    }
}
