package dev.journeyconnector.journey;

import dev.journeyconnector.journey.Touchpoint.Key;
import dev.journeyconnector.journey.Touchpoint.Source;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TouchpointTest {
    static final Key CASE_OPENED = new Key(Source.SALESFORCE, "Case", "500Aa00000Xyz12AAB", "case-opened");
    static final Instant AT = Instant.parse("2026-06-20T08:00:00Z");

    static Touchpoint touchpoint(String stage, String channel, String department, String device) {
        return new Touchpoint(CASE_OPENED, null, stage, channel, department, device, Sentiment.NEGATIVE, AT,
                "Never received my itinerary",
                URI.create("https://acme.my.salesforce.com/lightning/r/Case/500Aa00000Xyz12AAB/view"));
    }

    @Test
    void theNaturalKeyIsStableAndCarriesTheType() {
        Touchpoint t = touchpoint("service", "phone", "support", "unknown");
        assertThat(t.key().asString()).isEqualTo("salesforce/Case/500Aa00000Xyz12AAB/case-opened");
        assertThat(t.type()).isEqualTo("case-opened");
        assertThat(new Key(Source.SALESFORCE, "Case", "500Aa00000Xyz12AAB", "case-opened")).isEqualTo(t.key());
        assertThat(new Key(Source.ZENDESK, "ticket", "4711", "ticket-first-reply").asString())
                .isEqualTo("zendesk/ticket/4711/ticket-first-reply");
    }

    @Test
    void keyPartsThatWouldBreakTheKeyAreRejected() {
        assertThatThrownBy(() -> new Key(Source.ZENDESK, "ticket", "47 11", "ticket-opened"))
                .hasMessageStartingWith("touchpoint key recordId '47 11' is not valid");
        assertThatThrownBy(() -> new Key(Source.ZENDESK, "ticket", "4711\n", "ticket-opened"))
                .hasMessageStartingWith("touchpoint key recordId '4711\\n' is not valid");
        assertThatThrownBy(() -> new Key(Source.ZENDESK, "ticket", "4711", "Ticket Opened"))
                .hasMessageStartingWith("touchpoint key type 'Ticket Opened' is not valid");
        assertThatThrownBy(() -> new Key(Source.ZENDESK, "tic ket", "4711", "ticket-opened"))
                .hasMessageStartingWith("touchpoint key object 'tic ket' is not valid");
        assertThatThrownBy(() -> new Key(Source.MAILCHIMP, "campaign", null, "campaign-click"))
                .hasMessageStartingWith("touchpoint key recordId is missing");
        assertThatThrownBy(() -> new Key(null, "campaign", "1", "campaign-click")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void storedIdsWithSlashesAreKeysThatParseBack() {
        Key member = new Key(Source.MAILCHIMP, "members", "44e73ccf5b/5f2b2b2a0b5c", "list-signup");
        Key click = new Key(Source.MAILCHIMP, "email_activity",
                "810cf7446e/0b1c/click/2026-05-12T09:00:00+00:00/https://meridian.example/tours?id=7&utm=mc", "campaign-click");

        assertThat(member.asString()).isEqualTo("mailchimp/members/44e73ccf5b/5f2b2b2a0b5c/list-signup");
        assertThat(Key.parse(member.asString())).isEqualTo(member);
        assertThat(Key.parse(click.asString())).isEqualTo(click);
        assertThat(Key.parse(CASE_OPENED.asString())).isEqualTo(CASE_OPENED);
        assertThatThrownBy(() -> Key.parse("salesforce/Case/case-opened")).hasMessageContaining("is not a touchpoint key");
        assertThatThrownBy(() -> Key.parse("hubspot/Deal/1/deal-won")).hasMessageContaining("source 'hubspot'");
    }

    @Test
    void theCustomerKeyIsNullUntilResolved() {
        Touchpoint t = touchpoint("service", "phone", "support", "unknown");
        assertThat(t.customerKey()).isNull();
        assertThat(t.withCustomerKey("cust-42").customerKey()).isEqualTo("cust-42");
        assertThat(t.withCustomerKey("cust-42").key()).isEqualTo(t.key());
        assertThatThrownBy(() -> t.withCustomerKey(" ")).hasMessageContaining("customerKey is blank");
    }

    @Test
    void requiredFieldsMustBeGiven() {
        assertThatThrownBy(() -> new Touchpoint(CASE_OPENED, null, "service", "phone", "support", "unknown",
                Sentiment.NEUTRAL, null, "t", null)).isInstanceOf(NullPointerException.class).hasMessage("occurredAt");
        assertThatThrownBy(() -> new Touchpoint(CASE_OPENED, null, null, "phone", "support", "unknown",
                Sentiment.NEUTRAL, AT, "t", null)).hasMessage("stage");
    }

    @Test
    void toStringIsOneQuotableLine() {
        assertThat(touchpoint("service", "phone", "support", "unknown").withCustomerKey("cust-42"))
                .hasToString("2026-06-20T08:00:00Z salesforce/Case/500Aa00000Xyz12AAB/case-opened "
                        + "[stage=service channel=phone department=support device=unknown sentiment=negative] "
                        + "customer=cust-42 \"Never received my itinerary\" "
                        + "https://acme.my.salesforce.com/lightning/r/Case/500Aa00000Xyz12AAB/view");
    }

    @Test
    void aTitleCannotBreakTheLineOrRunOn() {
        Touchpoint t = new Touchpoint(CASE_OPENED, null, "service", "phone", "support", "unknown",
                Sentiment.NEUTRAL, AT, "Hi \"there\"\nFAKE LOG LINE\u202e" + "x".repeat(200), null);
        String s = t.toString();
        assertThat(s).doesNotContain("\n").contains("customer=unresolved")
                .contains("\"Hi \\\"there\\\"\\nFAKE LOG LINE\\u202ex").endsWith("x…\"");
    }

    @Test
    void theVocabularyChecksEveryNameAtOnce() {
        Vocabulary v = Vocabulary.defaults();
        assertThat(v.check(touchpoint("service", "phone", "support", "unknown"))).isEmpty();
        assertThat(v.check(touchpoint("churn", "email", "marketing", "mobile"))).isEmpty();
        assertThat(v.check(touchpoint("servce", "fax", "legal", "watch"))).containsExactly(
                "unknown stage 'servce'; known stages: awareness, engagement, purchase, onboarding, service, retention, churn",
                "unknown channel 'fax'; known channels: email, web, phone, chat, social, in_person, sms, mobile_app, api",
                "unknown department 'legal'; known departments: marketing, sales, onboarding, support, billing",
                "unknown device 'watch'; known devices: desktop, mobile, tablet, unknown");
    }
}
