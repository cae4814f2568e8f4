package dev.journeyconnector.journey;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Links from a touchpoint to its record's page in its own system. The host comes only from settings; the
 * record supplies nothing but an id, and every id is checked against its system's id shape first, so no
 * record content can change where a link points or add to its path or query.
 *
 * <ul>
 *   <li>Salesforce Lightning record page: {@code https://<my-domain>/lightning/r/<Object>/<Id>/view}
 *       (https://developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/components_navigation_page_definitions.htm)</li>
 *   <li>Zendesk agent ticket page: {@code https://<subdomain>.zendesk.com/agent/tickets/<id>}</li>
 *   <li>Mailchimp campaign report: {@code https://<dc>.admin.mailchimp.com/reports/summary?id=<web_id>}
 *       ({@code web_id} is the numeric id the Mailchimp web app uses, not the API's campaign id)</li>
 * </ul>
 *
 * Each system is optional: links for a system without settings are empty, not guessed.
 */
public final class DeepLinks {
    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final List<String> SALESFORCE_DOMAINS = List.of(
            ".salesforce.com", ".force.com", ".cloudforce.com", ".salesforce.mil", ".salesforce-setup.com");
    /** Mailchimp data centres are a region and a number: us1 ... us21 (the suffix of an API key). */
    private static final Pattern MAILCHIMP_DC = Pattern.compile("[a-z]{2,4}[0-9]{1,3}");
    /** Salesforce ids are 15 case-sensitive or 18 case-insensitive alphanumeric characters. */
    private static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
    /** API names: standard (Case), custom (Journey_Note__c) and namespaced (ns__Thing__c) objects. */
    private static final Pattern SALESFORCE_OBJECT = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private static final Pattern NUMERIC_ID = Pattern.compile("[1-9][0-9]{0,17}");

    private final String salesforceHost;
    private final String zendeskSubdomain;
    private final String mailchimpDc;

    private DeepLinks(String salesforceHost, String zendeskSubdomain, String mailchimpDc) {
        this.salesforceHost = salesforceHost;
        this.zendeskSubdomain = zendeskSubdomain;
        this.mailchimpDc = mailchimpDc;
    }

    /**
     * @param salesforceMyDomain the org's My Domain host ({@code acme.my.salesforce.com}) or its https URL
     *                           without a path; null when Salesforce is not configured
     * @param zendeskSubdomain   {@code acme} for acme.zendesk.com; null when Zendesk is not configured
     * @param mailchimpDc        the data centre, e.g. {@code us21}; null when Mailchimp is not configured
     * @throws IllegalArgumentException naming every setting that is not valid
     */
    public static DeepLinks of(String salesforceMyDomain, String zendeskSubdomain, String mailchimpDc) {
        List<String> problems = new ArrayList<>();
        String host = salesforceMyDomain == null ? null : salesforceHost(salesforceMyDomain, problems);
        String sub = zendeskSubdomain == null ? null : lower(zendeskSubdomain);
        if (sub != null && !HOST_LABEL.matcher(sub).matches()) {
            problems.add("Zendesk subdomain '" + zendeskSubdomain + "' is not valid; use the first part of "
                    + "<subdomain>.zendesk.com, e.g. acme");
        }
        String dc = mailchimpDc == null ? null : lower(mailchimpDc);
        if (dc != null && !MAILCHIMP_DC.matcher(dc).matches()) {
            problems.add("Mailchimp data centre '" + mailchimpDc + "' is not valid; use the part after the dash in "
                    + "the API key, e.g. us21");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Deep link settings: " + String.join("; ", problems));
        }
        return new DeepLinks(host, sub, dc);
    }

    private static String salesforceHost(String setting, List<String> problems) {
        String host = lower(setting);
        if (host.startsWith("https://")) {
            host = host.substring("https://".length());
            if (host.endsWith("/")) {
                host = host.substring(0, host.length() - 1);
            }
        }
        boolean shape = host.length() <= 253 && host.contains(".")
                && List.of(host.split("\\.", -1)).stream().allMatch(l -> HOST_LABEL.matcher(l).matches());
        if (!shape || SALESFORCE_DOMAINS.stream().noneMatch(host::endsWith)) {
            problems.add("Salesforce My Domain '" + setting + "' is not valid; use the org's host, e.g. "
                    + "acme.my.salesforce.com");
        }
        return host;
    }

    /** The Lightning record page, e.g. {@code https://acme.my.salesforce.com/lightning/r/Case/500.../view}. */
    public Optional<URI> salesforceRecord(String object, String id) {
        require("Salesforce object name", object, SALESFORCE_OBJECT);
        require("Salesforce id", id, SALESFORCE_ID);
        return salesforceHost == null ? Optional.empty()
                : Optional.of(URI.create("https://" + salesforceHost + "/lightning/r/" + object + "/" + id + "/view"));
    }

    /** The agent's ticket page, e.g. {@code https://acme.zendesk.com/agent/tickets/4711}. */
    public Optional<URI> zendeskTicket(String ticketId) {
        require("Zendesk ticket id", ticketId, NUMERIC_ID);
        return zendeskSubdomain == null ? Optional.empty()
                : Optional.of(URI.create("https://" + zendeskSubdomain + ".zendesk.com/agent/tickets/" + ticketId));
    }

    public Optional<URI> zendeskTicket(long ticketId) {
        return zendeskTicket(Long.toString(ticketId));
    }

    /** The campaign's report, e.g. {@code https://us21.admin.mailchimp.com/reports/summary?id=123456}. */
    public Optional<URI> mailchimpCampaignReport(String webId) {
        require("Mailchimp campaign web_id", webId, NUMERIC_ID);
        return mailchimpDc == null ? Optional.empty()
                : Optional.of(URI.create("https://" + mailchimpDc + ".admin.mailchimp.com/reports/summary?id=" + webId));
    }

    public Optional<URI> mailchimpCampaignReport(long webId) {
        return mailchimpCampaignReport(Long.toString(webId));
    }

    private static void require(String what, String value, Pattern shape) {
        if (value == null || !shape.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " "
                    + (value == null ? "is missing" : "'" + Touchpoint.printable(value, 40) + "' is not valid")
                    + "; no link is built from it");
        }
    }

    private static String lower(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The links {@link #toString()} describes: what the derivation stored as the settings its touchpoints were built
     * with, so a command working from the store alone builds the same links.
     *
     * @throws IllegalArgumentException when the text is not such a description
     */
    public static DeepLinks fromSettings(String settings) {
        java.util.regex.Matcher m = Pattern.compile("DeepLinks\\[salesforce=(\\S+), zendesk=(\\S+), mailchimp=(\\S+)]")
                .matcher(settings == null ? "" : settings);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + settings + "' is not a deep-link settings description");
        }
        return new DeepLinks(nullable(m.group(1)), nullable(m.group(2)), nullable(m.group(3)));
    }

    private static String nullable(String setting) {
        return setting.equals("null") ? null : setting;
    }

    /** Settings only, so it can be logged. */
    @Override
    public String toString() {
        return "DeepLinks[salesforce=" + salesforceHost + ", zendesk=" + zendeskSubdomain + ", mailchimp="
                + mailchimpDc + "]";
    }
}
