package dev.journeyconnector.journey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeepLinksTest {
    private final DeepLinks links = DeepLinks.of("acme.my.salesforce.com", "acme", "us21");

    @Test
    void salesforceLinksToTheLightningRecordPage() {
        assertThat(links.salesforceRecord("Case", "500Aa00000Xyz12AAB")).contains(
                URI.create("https://acme.my.salesforce.com/lightning/r/Case/500Aa00000Xyz12AAB/view"));
        assertThat(links.salesforceRecord("Journey_Note__c", "a01Aa00000Xyz12")).contains(
                URI.create("https://acme.my.salesforce.com/lightning/r/Journey_Note__c/a01Aa00000Xyz12/view"));
    }

    @Test
    void zendeskLinksToTheAgentTicketPage() {
        assertThat(links.zendeskTicket("4711")).contains(URI.create("https://acme.zendesk.com/agent/tickets/4711"));
        assertThat(links.zendeskTicket(4711L)).contains(URI.create("https://acme.zendesk.com/agent/tickets/4711"));
    }

    @Test
    void mailchimpLinksToTheCampaignReport() {
        assertThat(links.mailchimpCampaignReport("123456"))
                .contains(URI.create("https://us21.admin.mailchimp.com/reports/summary?id=123456"));
        assertThat(links.mailchimpCampaignReport(123456L))
                .contains(URI.create("https://us21.admin.mailchimp.com/reports/summary?id=123456"));
    }

    @Test
    void settingsMayBeAnHttpsUrlAndAnyCase() {
        DeepLinks l = DeepLinks.of("https://Acme.My.Salesforce.com/", "ACME", "US21");
        assertThat(l.salesforceRecord("Case", "500Aa00000Xyz12")).contains(
                URI.create("https://acme.my.salesforce.com/lightning/r/Case/500Aa00000Xyz12/view"));
        assertThat(l.zendeskTicket("1")).contains(URI.create("https://acme.zendesk.com/agent/tickets/1"));
        assertThat(l).hasToString("DeepLinks[salesforce=acme.my.salesforce.com, zendesk=acme, mailchimp=us21]");
    }

    @Test
    void aSystemWithoutSettingsGetsNoLink() {
        DeepLinks none = DeepLinks.of(null, null, null);
        assertThat(none.salesforceRecord("Case", "500Aa00000Xyz12")).isEmpty();
        assertThat(none.zendeskTicket("4711")).isEmpty();
        assertThat(none.mailchimpCampaignReport("1")).isEmpty();
    }

    @Test
    void idsAreCheckedEvenWithoutSettings() {
        assertThatThrownBy(() -> DeepLinks.of(null, null, null).zendeskTicket("1/../../x"))
                .hasMessageStartingWith("Zendesk ticket id '1/../../x' is not valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"500Aa00000Xyz1", "500Aa00000Xyz12A", "500Aa00000Xyz12/../../x", "500Aa00000Xyz12?a=b",
            "500Aa00000Xyz12AA#", "500Aa00000Xyz12%2F", "", "500Aa 0000Xyz12"})
    void salesforceIdsOfAnotherShapeAreRefused(String id) {
        assertThatThrownBy(() -> links.salesforceRecord("Case", id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Salesforce id").hasMessageEndingWith("no link is built from it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Case/../x", "Case?x", "1Case", "", "Ca se"})
    void salesforceObjectNamesOfAnotherShapeAreRefused(String object) {
        assertThatThrownBy(() -> links.salesforceRecord(object, "500Aa00000Xyz12"))
                .hasMessageContaining("Salesforce object name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "12a", "12&id=13", "12#x", " 12", "1234567890123456789", "４７"})
    void zendeskAndMailchimpIdsMustBeNumeric(String id) {
        assertThatThrownBy(() -> links.zendeskTicket(id)).hasMessageContaining("Zendesk ticket id");
        assertThatThrownBy(() -> links.mailchimpCampaignReport(id)).hasMessageContaining("Mailchimp campaign web_id");
    }

    @Test
    void aMissingIdIsRefused() {
        assertThatThrownBy(() -> links.zendeskTicket((String) null)).hasMessage(
                "Zendesk ticket id is missing; no link is built from it");
    }

    @Test
    void badSettingsAreReportedTogether() {
        assertThatThrownBy(() -> DeepLinks.of("evil.example.com", "acme.evil", "us21/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Deep link settings: "
                        + "Salesforce My Domain 'evil.example.com' is not valid; use the org's host, e.g. "
                        + "acme.my.salesforce.com; "
                        + "Zendesk subdomain 'acme.evil' is not valid; use the first part of <subdomain>.zendesk.com, "
                        + "e.g. acme; "
                        + "Mailchimp data centre 'us21/x' is not valid; use the part after the dash in the API key, "
                        + "e.g. us21");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme.my.salesforce.com.evil.com", "https://acme.my.salesforce.com/x", "salesforce.com@x.io",
            "acme..my.salesforce.com", "http://acme.my.salesforce.com"})
    void salesforceHostsMustBeSalesforceHosts(String host) {
        assertThatThrownBy(() -> DeepLinks.of(host, null, null)).hasMessageContaining("Salesforce My Domain");
    }
}
