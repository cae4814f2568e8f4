package dev.journeyconnector.sandbox.world;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.journeyconnector.sandbox.salesforce.schema.SalesforceIds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes the demo world (Meridian Group) to {@code worlds/demo}: world.json and one JSON array per sObject.
 * Deterministic: fixed dates in 2026 and one seeded {@link Random}, so the committed files must equal
 * what {@link #generate()} returns ({@code DemoWorldTest} checks that).
 *
 * <p>Regenerate from the repository root (the first argument, if given, is the target directory):
 * <pre>mvn -q -pl sandbox test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test-classpath.txt
 * java -cp sandbox/target/test-classes:sandbox/target/classes:$(cat sandbox/target/test-classpath.txt) \
 *     dev.journeyconnector.sandbox.world.DemoWorldGenerator</pre>
 */
public final class DemoWorldGenerator {

    public static final String WORLD_DIR = "worlds/demo";
    public static final String DOMAIN = "meridiangroup.example";

    /** Object → key prefix, in the order files are listed in world.json. */
    public static final Map<String, String> KEY_PREFIXES = orderedPrefixes();

    private static Map<String, String> orderedPrefixes() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("User", "005");
        p.put("Account", "001");
        p.put("Contact", "003");
        p.put("Lead", "00Q");
        p.put("Opportunity", "006");
        p.put("OpportunityHistory", "008");
        p.put("Case", "500");
        p.put("CaseHistory", "017");
        p.put("CaseComment", "00a");
        p.put("Task", "00T");
        p.put("Event", "00U");
        return p;
    }

    /** Nothing in the world happens after this; routine history is squeezed in before it. */
    private static final Instant LAST_RECORD = t("2026-11-18 12:00");

    private static final String JOURNEYS = "Hospitality";
    private static final String BANK = "Banking";
    private static final String STORES = "Retail";

    private static final Map<String, Integer> STAGE_PROBABILITY = Map.of(
            "Prospecting", 10, "Qualification", 10, "Needs Analysis", 20, "Value Proposition", 50,
            "Id. Decision Makers", 60, "Perception Analysis", 70, "Proposal/Price Quote", 75,
            "Negotiation/Review", 90, "Closed Won", 100, "Closed Lost", 0);

    /** One record: fields in output order plus the audit data the org keeps for it. */
    static final class Rec {
        final String type;
        final Map<String, Object> f = new LinkedHashMap<>();
        final Instant created;
        final String createdBy;
        Instant modified;
        String modifiedBy;

        Rec(String type, String id, Instant created, String createdBy) {
            this.type = type;
            this.created = created;
            this.createdBy = createdBy;
            this.modified = created;
            this.modifiedBy = createdBy;
            f.put("Id", id);
        }

        String id() {
            return (String) f.get("Id");
        }

        Rec put(String field, Object value) {
            f.put(field, value);
            return this;
        }

        Object get(String field) {
            return f.get(field);
        }

        void touch(Instant at, String by) {
            if (!at.isBefore(modified)) {
                modified = at;
                modifiedBy = by;
            }
        }
    }

    private final Map<String, List<Rec>> records = new LinkedHashMap<>();
    private final Map<String, Long> serials = new HashMap<>();
    private final Random random = new Random(20260501L);

    private Rec admin;
    private Rec giulia;
    private Rec marco;
    private Rec hannah;
    private Rec sofia;
    private Rec pavel;
    private Rec elena;
    private Rec lukas;

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0])
                : Files.isRegularFile(Path.of("sandbox", "pom.xml"))
                ? Path.of("sandbox/src/main/resources", WORLD_DIR)
                : Path.of("src/main/resources", WORLD_DIR);
        for (Map.Entry<String, String> file : generate().entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
        System.out.println("wrote the demo world to " + dir.toAbsolutePath());
    }

    /** Path relative to the world directory → file content, world.json first. */
    public static Map<String, String> generate() {
        DemoWorldGenerator g = new DemoWorldGenerator();
        g.build();
        return g.render();
    }

    private DemoWorldGenerator() {
        KEY_PREFIXES.keySet().forEach(type -> records.put(type, new ArrayList<>()));
    }

    // ---------------------------------------------------------------- the world

    private void build() {
        users();
        busTourBuyer();
        banksNewCustomer();
        retailShopperWhoChurns();
        onboardedTourBuyer();
        onboardedBankClient();
        escalatedBankClient();
        reopenedBankClient();
        repeatContactShopper();
        reassignedWithoutNote();
        partnerWithStalledDeal();
        leisureTravellers();
        bankClients();
        retailShoppers();
        otherLeads();
        // Added later; kept last so the records above keep their Ids (serials follow creation order here).
        leadFromReviewSite();
        invoicesFromBilling();
        dealOwnerBlindToPayrollIncident();
    }

    private void users() {
        Instant at = t("2026-04-01 08:00");
        admin = user("Ana", "Lopes", "Operations", "Salesforce Administrator", null, at, null);
        giulia = user("Giulia", "Conti", "Sales - Journeys", "Travel Sales Representative", null, at, admin);
        marco = user("Marco", "Silva", "Sales - Business Banking", "Business Banking Relationship Manager", null, at, admin);
        hannah = user("Hannah", "Vogel", "Sales - Stores", "Retail Account Executive", null, at, admin);
        pavel = user("Pavel", "Orlov", "Customer Support", "Support Team Lead", null, at, admin);
        sofia = user("Sofia", "Ramirez", "Customer Support", "Support Agent", pavel, at, admin);
        elena = user("Elena", "Marchetti", "Customer Success", "Onboarding Specialist", pavel, at, admin);
        lukas = user("Lukas", "Brandt", "Billing", "Billing Agent", null, at, admin);
        user("Journey", "Integration", "Operations", "Integration User", admin, t("2026-04-02 08:00"), admin);
    }

    /** Story 1: web lead after ads, cannot filter tours, converts and books, then no onboarding touchpoint. */
    private void busTourBuyer() {
        String email = "trey.weller@example.com";
        // The web form records the ad campaign he came from (utm_source) as the lead source.
        Rec lead = webFormLead("Trey", "Weller", "Weller Household", email, "+44 161 496 0217", "Advertisement",
                JOURNEYS, "Warm", "Manchester", "United Kingdom", giulia, t("2026-05-04 19:42"),
                "Clicked a 'Highlands by coach' display ad on 2026-05-02 and a social ad on 2026-05-03, then asked "
                        + "for a brochure through the website form. Wants a coach tour of about a week in Scotland, "
                        + "under GBP 2,500 for two.");
        CaseFlow filter = caseFor(null, email, sofia, admin, t("2026-05-05 20:15"),
                "Cannot filter tours by country, price or length",
                "Web form: 'I want a coach tour in Scotland, about 8 days, under 2,500 pounds. The tours page shows "
                        + "a long list and I cannot filter by country, price or number of days.' Sent before the "
                        + "customer had an account, so the case carries only the web email.",
                "Web", "Problem", "Website", "Medium");
        filter.comment(t("2026-05-06 09:30"), sofia, true,
                "Thank you for telling us. The tours page cannot filter yet; here are the three Highlands departures "
                        + "under GBP 2,500 (12 July, 26 July, 9 August). I have passed your feedback to our web team.");
        filter.comment(t("2026-05-06 09:35"), sofia, false,
                "Pain point: no filter by country, price or length on the tours page. Forwarded to the digital team "
                        + "by email; the digital team has no Salesforce queue.");
        filter.close(t("2026-05-06 09:40"), sofia);
        lead.put("Status", "Working - Contacted").touch(t("2026-05-07 10:05"), giulia.id());

        Instant converted = t("2026-05-14 11:20");
        Rec account = account("Weller Household", "Customer - Direct", JOURNEYS, "Manchester", "United Kingdom",
                "+44 161 496 0217", giulia, converted,
                "Story customer (bus-tour buyer): came from ads to a web lead, could not filter tours on the website, "
                        + "booked the Scottish Highlands coach tour, and never received the itinerary email.");
        Rec contact = contact(account, "Trey", "Weller", "Mr.", email, "+44 161 496 0217", null, "Advertisement",
                "Manchester", "United Kingdom", giulia, converted,
                "Bus-tour buyer. 2026-05-04 web lead after display and social ads; 2026-05-05 web case 'Cannot filter "
                        + "tours by country, price or length'; 2026-05-14 converted; 2026-05-22 booked the Highlands "
                        + "tour (Closed Won); no onboarding touchpoint followed; 2026-07-03 emailed 'Never received my "
                        + "itinerary' and waited three days for a reply; had to log in to the website for the details.");
        Rec opp = opportunity(account, giulia, "Weller - Scottish Highlands by coach (8 days)", 2480,
                "New Customer", "Advertisement", "2026-06-15",
                "Two travellers, departure 2026-07-12. Booked after the web enquiry. After the win nobody from "
                        + "Customer Success sent the itinerary or a welcome: no onboarding touchpoint.",
                null, converted, "Qualification", t("2026-05-18 14:10"), "Proposal/Price Quote",
                t("2026-05-22 16:45"), "Closed Won");
        convert(lead, converted, contact, account, opp);
        task(giulia, contact, null, "Call: Highlands coach departures", "Call", t("2026-05-07 10:00"), 840,
                "Walked through the July and August Highlands departures; wants 12 July for two.");
        task(giulia, contact, opp, "Email: quote for the Highlands tour", "Email", t("2026-05-18 14:05"), 0,
                "Quote GBP 2,480 for two, half board.");
        task(giulia, contact, opp, "Email: booking confirmation and payment receipt", "Email",
                t("2026-05-22 16:50"), 0, "Booking confirmed. Itinerary to follow from Customer Success.");

        CaseFlow itinerary = caseFor(contact, email, sofia, admin, t("2026-07-03 08:12"),
                "Never received my itinerary",
                "Email: 'I booked the Highlands coach tour in May and leave on 12 July. I was told the itinerary would "
                        + "be emailed but nothing came. Where do we meet the coach?'",
                "Email", "Question", "Documents", "Medium");
        itinerary.priority(t("2026-07-04 09:00"), admin, "High");
        itinerary.comment(t("2026-07-06 15:40"), sofia, true,
                "Sorry for the wait. The itinerary is not emailed automatically after booking; it is in My Bookings on "
                        + "the website. I attach it here: the coach leaves Manchester Piccadilly at 07:30 on 12 July.");
        itinerary.status(t("2026-07-06 15:41"), sofia, "Working");
        itinerary.comment(t("2026-07-06 15:45"), sofia, false,
                "Handoff gap: won bookings get no itinerary email; Customer Success was not told about this booking.");
        itinerary.close(t("2026-07-07 09:10"), sofia);
    }

    /** Story 2: a new small-business bank customer; a long wait on the phone; a loan question that stalls. */
    private void banksNewCustomer() {
        Instant created = t("2026-06-01 10:30");
        Rec account = account("Haddad Ceramics Studio", "Customer - Direct", BANK, "Valencia", "Spain",
                "+34 961 000 418", marco, created,
                "Ceramics studio and shop (4 staff). Story customer (bank's new customer): business current "
                        + "account opened 2026-06-02, waited long on the phone for card activation, then an "
                        + "equipment-loan request stalled after 2026-10-05.")
                .put("Website", "https://haddad-ceramics.example").put("NumberOfEmployees", 4)
                .put("AnnualRevenue", 310000);
        String email = "amira@haddad-ceramics.example";
        Rec contact = contact(account, "Amira", "Haddad", "Ms.", email, "+34 961 000 418", "+34 612 000 418",
                "Phone Inquiry", "Valencia", "Spain", marco, created,
                "Bank's new customer. 2026-06-02 opened a business current account; 2026-06-09 called about the "
                        + "inactive debit card, 42 minutes on hold, first agent reply only on 2026-06-15; 2026-09-14 "
                        + "asked for a EUR 45,000 kiln loan, which has had no stage change or activity since early "
                        + "October; 2026-10-26 asked support about the loan and was passed to sales with no follow-up.")
                .put("Title", "Owner");
        Rec accountOpp = opportunity(account, marco, "Haddad Ceramics Studio - Business current account", 900,
                "New Customer", "Phone Inquiry", "2026-06-05", "Account fees and card package, first year.", null,
                created, "Qualification", t("2026-06-02 11:30"), "Closed Won");
        event(marco, contact, accountOpp, "Account opening meeting", "Meeting", "Meridian Bank, Valencia branch",
                t("2026-06-02 10:00"), 60, t("2026-06-01 10:40"), "Identity checks and account opening.");
        task(marco, contact, accountOpp, "Call: welcome to Meridian Bank business", "Call", t("2026-06-01 10:45"), 600,
                "First call; needs an account this week for a supplier payment.");

        CaseFlow wait = caseFor(contact, null, sofia, sofia, t("2026-06-09 09:05"),
                "Debit card not activated - long wait on the phone",
                "Called the business line at 08:20 and waited 42 minutes on hold. The debit card for the new "
                        + "business account still does not work a week after opening. Asked for a call back.",
                "Phone", "Problem", "Account Opening", "Medium");
        wait.comment(t("2026-06-15 16:18"), sofia, false,
                "Card activation was stuck in the cards back office queue since 2026-06-03. Callback queue had a "
                        + "six-day backlog.");
        wait.comment(t("2026-06-15 16:20"), sofia, true,
                "Your card is active now. I am sorry you had to wait so long for an answer.");
        wait.status(t("2026-06-15 16:21"), sofia, "Working");
        wait.close(t("2026-06-17 10:00"), sofia);
        task(elena, contact, accountOpp, "Onboarding call: online banking set-up", "Call", t("2026-06-19 11:00"), 1500,
                "Late onboarding call, 17 days after opening; customer mentioned the long wait for the card.");

        Rec loan = opportunity(account, marco, "Haddad Ceramics Studio - Equipment loan (kiln)", 45000,
                "Existing Customer - Upgrade", "Phone Inquiry", "2026-10-31",
                "EUR 45,000 over five years for a second kiln. Credit check documents sent 2026-10-02; last "
                        + "activity 2026-10-05; no stage change or activity since. Stalled, still open.",
                "Send the loan offer once the credit check is back", t("2026-09-14 09:40"), "Prospecting",
                t("2026-09-21 15:00"), "Needs Analysis", t("2026-10-02 12:10"), "Proposal/Price Quote");
        task(marco, contact, loan, "Call: loan enquiry for a second kiln", "Call", t("2026-09-14 09:30"), 780,
                "Wants EUR 45,000; busy season starts in December.");
        event(marco, contact, loan, "Loan needs analysis", "Meeting", "Meridian Bank, Valencia branch",
                t("2026-09-21 14:00"), 60, t("2026-09-15 09:00"), "Went through cash flow and quotes for the kiln.");
        task(marco, contact, loan, "Email: documents for the credit check", "Email", t("2026-10-02 12:00"), 0,
                "Asked for the last two years' accounts.");
        task(marco, contact, loan, "Call: chasing the credit check", "Call", t("2026-10-05 16:30"), 240,
                "Told the customer the credit check takes about a week.");

        CaseFlow question = caseFor(contact, email, sofia, admin, t("2026-10-26 10:02"),
                "Question about my loan application",
                "Email: 'I sent everything for the kiln loan at the start of October and have heard nothing. Is the "
                        + "application still open? I need to order the kiln before December.'",
                "Email", "Question", "Loan", "Medium");
        question.comment(t("2026-10-26 14:30"), sofia, true,
                "I have passed your question to Marco Silva, your relationship manager, who will call you.");
        question.comment(t("2026-10-26 14:32"), sofia, false,
                "Handed to Sales - Business Banking (Marco) by email; support cannot see loan status.");
        question.close(t("2026-10-26 14:35"), sofia);
    }

    /** Story 3: a retail shopper whose complaint gets no public reply, who unsubscribes and stops buying. */
    private void retailShopperWhoChurns() {
        Instant created = t("2026-05-16 15:20");
        String email = "nadia.petrova@example.net";
        Rec account = account("Petrova Household", "Customer - Direct", STORES, "Berlin", "Germany",
                "+49 30 0000 7731", hannah, created, "Loyalty card signed up in the Berlin store.");
        Rec contact = contact(account, "Nadia", "Petrova", "Ms.", email, null, "+49 151 0000 7731", "Other",
                "Berlin", "Germany", hannah, created,
                "Loyalty card from the Berlin store (2026-05-16).");
        Rec sofa = opportunity(account, hannah, "Petrova Household - Corner sofa", 2340, "New Customer", "Other",
                "2026-05-31", "Corner sofa, delivery 2026-06-12.", null, created, "Prospecting",
                t("2026-05-18 12:00"), "Proposal/Price Quote", t("2026-05-23 11:15"), "Closed Won");
        task(hannah, contact, sofa, "Email: order confirmation and delivery slot", "Email", t("2026-05-23 11:20"), 0,
                "Delivery on 2026-06-12 between 08:00 and 12:00.");

        CaseFlow complaint = caseFor(contact, email, sofia, admin, t("2026-06-13 18:47"),
                "Complaint: sofa delivered damaged",
                "Email: 'The corner sofa delivered yesterday has a torn seam and a broken leg. The drivers left before "
                        + "I could check it. I want a replacement or my money back.' Photos attached.",
                "Email", "Complaint", "Delivery", "Medium");
        complaint.comment(t("2026-06-16 11:02"), sofia, false,
                "Asked the delivery partner for the driver's report. No reply to the customer yet.");
        complaint.status(t("2026-06-16 11:03"), sofia, "Working");
        complaint.comment(t("2026-07-01 09:15"), sofia, false, "Still waiting for the delivery partner.");

        CaseFlow second = caseFor(contact, email, sofia, admin, t("2026-06-27 08:30"),
                "Second request: damaged sofa",
                "Email: 'Two weeks and no answer about the damaged sofa. Is anybody reading this?'",
                "Email", "Complaint", "Delivery", "High");
        second.comment(t("2026-06-29 10:00"), sofia, false, "Duplicate of the damaged-sofa complaint; closing.");
        second.close(t("2026-06-29 10:01"), sofia);
        complaint.comment(t("2026-08-14 16:00"), sofia, false, "Closing: no activity for six weeks.");
        complaint.close(t("2026-08-14 16:01"), sofia);

        contact.put("HasOptedOutOfEmail", true)
                .put("Description", "Retail shopper who churned after an unanswered complaint. 2026-05-23 bought "
                        + "a corner sofa; 2026-06-13 emailed a complaint that it arrived damaged, then a second "
                        + "request on 2026-06-27; neither got a public reply; 2026-07-20 unsubscribed from Meridian "
                        + "Stores emails; 2026-09-25 declined the autumn offer and said she will not buy again.")
                .touch(t("2026-07-20 07:55"), admin.id());

        Rec dining = opportunity(account, hannah, "Petrova Household - Dining set (autumn offer)", 1680,
                "Existing Customer - Replacement", "Email Campaign", "2026-09-30",
                "Lost: the customer said she will not buy from Meridian Stores again after her complaint about the "
                        + "damaged sofa was never answered.", null, t("2026-09-01 09:00"), "Prospecting",
                t("2026-09-25 17:30"), "Closed Lost");
        task(hannah, contact, dining, "Call: autumn offer follow-up", "Call", t("2026-09-25 17:20"), 190,
                "Nadia declined: 'Nobody answered my complaint about the sofa. I shop elsewhere now.'");
        account.put("Type", "Other")
                .put("Description", "Churned 2026-09-25: story customer (retail shopper who churns after an "
                        + "unanswered complaint). Type set from Customer - Direct to Other when she declined the "
                        + "autumn offer.")
                .touch(t("2026-09-25 17:35"), hannah.id());
    }

    /** Positive counterpart to story 1: a won tour booking followed by an onboarding call within days. */
    private void onboardedTourBuyer() {
        String email = "mei.tanaka@example.net";
        Rec lead = lead("Mei", "Tanaka", "Tanaka Household", email, "+33 4 00 00 52 18", "Advertisement", JOURNEYS,
                "Warm", "Lyon", "France", giulia, t("2026-05-21 12:10"),
                "Answered a print advertisement for the Dolomites tour.");
        Instant converted = t("2026-05-28 10:00");
        Rec account = account("Tanaka Household", "Customer - Direct", JOURNEYS, "Lyon", "France",
                "+33 4 00 00 52 18", giulia, converted, null);
        Rec contact = contact(account, "Mei", "Tanaka", "Ms.", email, "+33 4 00 00 52 18", null, "Advertisement",
                "Lyon", "France", giulia, converted,
                "Onboarded properly: welcome call with itinerary three days after booking.");
        Rec opp = opportunity(account, giulia, "Tanaka - Dolomites and Lake Garda (7 days)", 1890, "New Customer",
                "Advertisement", "2026-06-10", "Departure 2026-07-20, one traveller.", null, converted,
                "Qualification", t("2026-06-01 09:00"), "Proposal/Price Quote", t("2026-06-05 15:00"), "Closed Won");
        convert(lead, converted, contact, account, opp);
        task(giulia, contact, null, "Call: Dolomites tour dates", "Call", t("2026-05-22 09:30"), 560, null);
        task(giulia, contact, opp, "Email: quote for the Dolomites tour", "Email", t("2026-06-01 09:05"), 0, null);
        task(elena, contact, opp, "Welcome call and itinerary", "Call", t("2026-06-08 10:30"), 900,
                "Sent the itinerary and meeting point; answered luggage questions.");
    }

    /** Positive counterpart for the bank: a won account followed by onboarding within two days. */
    private void onboardedBankClient() {
        String email = "l.hoffmann@hoffmann-baeckerei.example";
        Rec lead = lead("Lena", "Hoffmann", "Hoffmann Bakery", email, "+49 711 0000 2290", "Partner Referral", BANK,
                "Hot", "Stuttgart", "Germany", marco, t("2026-06-18 08:45"),
                "Referred by the bakers' guild; moving the business account from another bank.");
        Instant converted = t("2026-06-24 14:00");
        Rec account = account("Hoffmann Bakery", "Customer - Direct", BANK, "Stuttgart", "Germany",
                "+49 711 0000 2290", marco, converted, "Family bakery with two shops (11 staff).")
                .put("Website", "https://hoffmann-baeckerei.example").put("NumberOfEmployees", 11)
                .put("AnnualRevenue", 820000);
        Rec contact = contact(account, "Lena", "Hoffmann", "Ms.", email, "+49 711 0000 2290", null,
                "Partner Referral", "Stuttgart", "Germany", marco, converted,
                "Onboarded properly: onboarding call two days after the account was opened.")
                .put("Title", "Managing Director");
        Rec opp = opportunity(account, marco, "Hoffmann Bakery - Business current account and card terminals", 2400,
                "New Customer", "Partner Referral", "2026-07-15", "Account, two card terminals, payroll.", null,
                converted, "Needs Analysis", t("2026-07-01 11:00"), "Proposal/Price Quote",
                t("2026-07-08 10:00"), "Closed Won");
        convert(lead, converted, contact, account, opp);
        task(marco, contact, null, "Call: switching the business account", "Call", t("2026-06-19 09:00"), 1100, null);
        event(marco, contact, opp, "Proposal meeting at the bakery", "Meeting", "Hoffmann Bakery, Stuttgart",
                t("2026-07-01 07:00"), 45, t("2026-06-25 09:00"), null);
        task(elena, contact, opp, "Onboarding call: online banking and terminals", "Call", t("2026-07-10 08:30"),
                1320, "Set up online banking users for both shops; terminals arrive 2026-07-14.");
        event(elena, contact, opp, "Terminal installation check", "Meeting", "Hoffmann Bakery, Stuttgart",
                t("2026-07-14 06:30"), 30, t("2026-07-10 08:45"), null);
    }

    private void escalatedBankClient() {
        Instant created = t("2026-05-12 13:00");
        Rec account = account("Okafor Logistics Ltd", "Customer - Direct", BANK, "London", "United Kingdom",
                "+44 20 7946 0381", marco, created, "Same-day courier firm (38 staff). Payroll through Meridian Bank.")
                .put("Website", "https://okafor-logistics.example").put("NumberOfEmployees", 38)
                .put("AnnualRevenue", 2900000);
        Rec chinedu = contact(account, "Chinedu", "Okafor", "Mr.", "chinedu@okafor-logistics.example",
                "+44 20 7946 0381", "+44 7700 900381", "Trade Show", "London", "United Kingdom", marco, created,
                "Met at the small-business fair in May.").put("Title", "Managing Director");
        Rec grace = contact(account, "Grace", "Okafor", "Ms.", "grace@okafor-logistics.example",
                "+44 20 7946 0382", null, "Trade Show", "London", "United Kingdom", marco, t("2026-05-20 09:00"),
                null).put("Title", "Finance Manager").put("Department", "Finance");
        Rec opp = opportunity(account, marco, "Okafor Logistics - Business account and payroll", 3600, "New Customer",
                "Trade Show", "2026-06-15", null, null, created, "Qualification", t("2026-05-20 10:00"),
                "Needs Analysis", t("2026-06-01 10:00"), "Proposal/Price Quote", t("2026-06-11 16:00"), "Closed Won");
        task(marco, chinedu, opp, "Call: follow-up from the small-business fair", "Call", t("2026-05-13 10:00"), 900,
                null);
        event(marco, grace, opp, "Payroll requirements workshop", "Meeting", "Okafor Logistics, London",
                t("2026-06-01 09:00"), 90, t("2026-05-25 09:00"), null);
        task(elena, grace, opp, "Onboarding: payroll file format", "Call", t("2026-06-15 10:00"), 1800, null);

        CaseFlow payroll = caseFor(grace, null, sofia, sofia, t("2026-10-29 07:40"), "Payroll transfer failed",
                "Phone: the October payroll batch (38 payments) was rejected this morning; staff must be paid "
                        + "by 30 October.", "Phone", "Problem", "Payments", "High");
        payroll.comment(t("2026-10-29 08:05"), sofia, true,
                "We can see the rejected batch and are escalating it to the payments team lead now.");
        payroll.escalate(t("2026-10-29 08:10"), sofia);
        payroll.owner(t("2026-10-29 08:11"), sofia, pavel);
        payroll.comment(t("2026-10-29 08:20"), pavel, false,
                "Batch rejected for a format change on our side (new IBAN validation). Asked payments operations "
                        + "for a manual release.");
        payroll.comment(t("2026-10-29 15:45"), pavel, true,
                "Payments were released manually and will arrive today. We keep the case open until the November "
                        + "batch goes through.");
    }

    private void reopenedBankClient() {
        Instant created = t("2026-08-03 10:00");
        Rec account = account("Fernández Dental Clinic", "Customer - Direct", BANK, "Málaga", "Spain",
                "+34 952 000 771", marco, created, "Dental clinic (9 staff).")
                .put("Website", "https://fernandez-dental.example").put("NumberOfEmployees", 9)
                .put("AnnualRevenue", 1100000);
        Rec contact = contact(account, "Lucía", "Fernández", "Dr.", "lucia@fernandez-dental.example",
                "+34 952 000 771", "+34 622 000 771", "Web", "Málaga", "Spain", marco, created, null)
                .put("Title", "Owner");
        Rec opp = opportunity(account, marco, "Fernández Dental Clinic - Business credit card", 1500,
                "New Customer", "Web", "2026-08-20", null, null, created, "Qualification",
                t("2026-08-10 12:00"), "Value Proposition", t("2026-08-14 09:30"), "Closed Won");
        task(marco, contact, opp, "Call: credit card for the clinic", "Call", t("2026-08-04 09:00"), 420, null);
        task(elena, contact, opp, "Onboarding call: card limits and app", "Call", t("2026-08-18 12:00"), 600, null);

        CaseFlow declined = caseFor(contact, null, sofia, sofia, t("2026-09-07 19:20"), "Card payment declined abroad",
                "Chat: the business card was declined at a dental congress in Lisbon.", "Chat", "Problem", "Cards",
                "Medium");
        declined.comment(t("2026-09-07 19:25"), sofia, true,
                "Foreign use was blocked by default; I have enabled it. Please try again.");
        declined.close(t("2026-09-08 09:00"), sofia);
        declined.reopen(t("2026-09-10 08:15"), sofia);
        declined.comment(t("2026-09-10 08:20"), sofia, false,
                "Reopened: the customer wrote back that the card was declined again on 2026-09-09.");
        declined.comment(t("2026-09-11 12:00"), sofia, true,
                "The daily limit for foreign payments was also too low; it is raised to EUR 3,000.");
        declined.close(t("2026-09-12 10:00"), sofia);
    }

    private void repeatContactShopper() {
        String email = "kofi.asante@example.org";
        Rec lead = lead("Kofi", "Asante", "Asante Household", email, null, "Social Media", STORES, "Warm",
                "Amsterdam", "Netherlands", hannah, t("2026-07-08 20:30"),
                "Answered a social media post about the summer sale on wardrobes.");
        Instant converted = t("2026-07-15 10:00");
        Rec account = account("Asante Household", "Customer - Direct", STORES, "Amsterdam", "Netherlands",
                "+31 20 000 0492", hannah, converted, null);
        Rec contact = contact(account, "Kofi", "Asante", "Mr.", email, null, "+31 6 0000 0492", "Social Media",
                "Amsterdam", "Netherlands", hannah, converted,
                "Repeat contact: three cases about one late delivery between 2026-08-03 and 2026-08-13.");
        convert(lead, converted, contact, account, null);
        Rec opp = opportunity(account, hannah, "Asante Household - Bedroom wardrobe system", 3150, "New Customer",
                "Social Media", "2026-07-31", "Delivery promised for 2026-08-01.", null, converted,
                "Proposal/Price Quote", t("2026-07-20 14:00"), "Closed Won");
        task(hannah, contact, opp, "Email: wardrobe quote", "Email", t("2026-07-15 10:10"), 0, null);

        CaseFlow first = caseFor(contact, email, sofia, admin, t("2026-08-03 09:10"),
                "Wardrobe not delivered on the promised day",
                "Email: 'The wardrobe was due on Saturday 1 August. Nobody came and nobody called.'",
                "Email", "Complaint", "Delivery", "Medium");
        first.comment(t("2026-08-04 11:00"), sofia, true, "We are checking with the warehouse and will update you.");
        first.status(t("2026-08-04 11:01"), sofia, "Working");
        first.close(t("2026-08-05 09:00"), sofia);
        CaseFlow second = caseFor(contact, null, sofia, sofia, t("2026-08-07 17:45"), "Where is my wardrobe order?",
                "Chat: still no delivery date for the wardrobe.", "Chat", "Question", "Delivery", "Medium");
        second.comment(t("2026-08-07 17:50"), sofia, true, "The warehouse expects the missing panels next week.");
        second.close(t("2026-08-07 17:55"), sofia);
        CaseFlow third = caseFor(contact, null, pavel, pavel, t("2026-08-13 12:30"), "Still waiting for delivery",
                "Phone: third contact about the same order; customer asked for a cancellation.", "Phone",
                "Complaint", "Delivery", "High");
        third.comment(t("2026-08-13 12:40"), pavel, true,
                "Delivery booked for 2026-08-15 with a 10% refund for the delay.");
        third.comment(t("2026-08-13 12:45"), pavel, false,
                "Third case in ten days about one order; warehouse had not told support about the missing panels.");
        third.close(t("2026-08-16 09:00"), pavel);
    }

    /** A case moved from support to billing with no internal note: the receiving department starts blind. */
    private void reassignedWithoutNote() {
        Instant created = t("2026-07-06 18:00");
        Rec account = account("Becker Household", "Customer - Direct", JOURNEYS, "Hamburg", "Germany",
                "+49 40 0000 3381", giulia, created, null);
        String email = "jonas.becker@example.com";
        Rec contact = contact(account, "Jonas", "Becker", "Mr.", email, "+49 40 0000 3381", null, "Email Campaign",
                "Hamburg", "Germany", giulia, created, null);
        Rec opp = opportunity(account, giulia, "Becker - Rhine and Moselle (5 days)", 1190, "New Customer",
                "Email Campaign", "2026-07-20", "Two travellers, departure 2026-08-14, with the Cochem excursion.",
                null, created, "Qualification", t("2026-07-10 10:00"), "Proposal/Price Quote",
                t("2026-07-14 12:00"), "Closed Won");
        task(giulia, contact, opp, "Call: Rhine tour and excursions", "Call", t("2026-07-07 09:30"), 660, null);
        task(elena, contact, opp, "Welcome email with itinerary", "Email", t("2026-07-16 09:00"), 0, null);

        CaseFlow refund = caseFor(contact, email, sofia, admin, t("2026-08-18 07:50"),
                "Refund for cancelled excursion",
                "Email: 'The Cochem castle excursion on 16 August was cancelled on the day. We paid EUR 78 for two; "
                        + "please refund it.'", "Email", "Problem", "Billing", "Medium");
        refund.status(t("2026-08-18 10:00"), sofia, "Working");
        refund.owner(t("2026-08-19 09:12"), sofia, lukas);
        refund.close(t("2026-08-28 15:30"), lukas);
        // Duplicate lead: the same person came back through a newsletter form as a new lead.
        lead("Jonas", "Becker", "Becker Household", email, null, "Email Campaign", JOURNEYS, "Warm", "Hamburg",
                "Germany", giulia, t("2026-10-05 20:10"),
                "Newsletter form: interested in Christmas markets by coach. Same person as the existing contact.");
    }

    private void partnerWithStalledDeal() {
        Instant created = t("2026-05-08 09:00");
        Rec account = account("Alpine Travel Partners", "Partner", JOURNEYS, "Innsbruck", "Austria",
                "+43 512 000 114", giulia, created, "Tour operator reselling Meridian Journeys group tours.")
                .put("Website", "https://alpine-travel-partners.example").put("NumberOfEmployees", 24)
                .put("AnnualRevenue", 4200000);
        Rec greta = contact(account, "Greta", "Huber", "Ms.", "greta.huber@alpine-travel-partners.example",
                "+43 512 000 114", null, "Partner Referral", "Innsbruck", "Austria", giulia, created, null)
                .put("Title", "Partnerships Manager").put("Department", "Partnerships");
        Rec felix = contact(account, "Felix", "Gruber", "Mr.", "felix.gruber@alpine-travel-partners.example",
                "+43 512 000 115", null, "Partner Referral", "Innsbruck", "Austria", giulia, created, null)
                .put("Title", "Group Bookings").put("Department", "Operations");
        Rec summer = opportunity(account, giulia, "Alpine Travel Partners - Summer group tours 2026 (60 seats)",
                98000, "New Customer", "Partner Referral", "2026-06-10", null, null, created, "Qualification",
                t("2026-05-19 10:00"), "Value Proposition", t("2026-05-29 10:00"), "Negotiation/Review",
                t("2026-06-09 16:00"), "Closed Won");
        event(giulia, greta, summer, "Partner review of summer allocations", "Meeting", "Video call",
                t("2026-05-19 09:00"), 60, t("2026-05-12 09:00"), null);
        Rec dolomites = opportunity(account, giulia, "Alpine Travel Partners - Dolomites autumn 2027 (40 seats)",
                64000, "Existing Customer - Upgrade", "Partner Referral", "2026-10-15",
                "Stalled: in negotiation since 2026-09-10, last contact 2026-09-15; close date passed.",
                "Agree the group rate for 40 seats", t("2026-08-20 10:00"), "Qualification",
                t("2026-08-28 11:00"), "Proposal/Price Quote", t("2026-09-10 15:00"), "Negotiation/Review");
        task(giulia, felix, dolomites, "Email: 2027 group rate proposal", "Email", t("2026-08-28 11:05"), 0, null);
        task(giulia, greta, dolomites, "Call: negotiation on the group rate", "Call", t("2026-09-15 10:00"), 1500,
                "Partner wants 8% below list; waiting on approval from Head of Journeys.");
        openTask(giulia, greta, dolomites, "Get approval for the 2027 group rate", "Waiting on someone else",
                t("2026-09-15 10:30"), "2026-09-22", "Overdue: no answer from Head of Journeys.");
    }

    // ------------------------------------------------------------ the rest of the customers

    private static final String[][] TOURS = {
            {"Andalusia coach tour (12 days)", "2650"}, {"Dolomites and Lake Garda (7 days)", "1890"},
            {"Baltic capitals (10 days)", "2150"}, {"Loire castles (6 days)", "1540"},
            {"Norwegian fjords by coach and ferry (9 days)", "2990"}, {"Croatian coast (8 days)", "1760"},
            {"Rhine and Moselle (5 days)", "1190"}, {"Scottish Highlands by coach (8 days)", "2480"}};

    /** First, last, email, phone, city, country, household. */
    private static final String[][] TRAVELLERS = {
            {"Paolo", "Bianchi", "bianchi.family@example.net", "+39 02 0000 4411", "Milan", "Italy", "Bianchi"},
            {"Chiara", "Bianchi", "bianchi.family@example.net", "+39 347 000 4412", "Milan", "Italy", "Bianchi"},
            {"Maria", "Santos", "maria.santos+travel@example.com", "+351 22 000 0815", "Porto", "Portugal", "Santos"},
            {"Olga", "Ivanova", " Olga.Ivanova@Example.ORG", "+371 6700 0264", "Riga", "Latvia", "Ivanova"},
            {"Carmen", "Ruiz", "carmen.ruiz@example.com", "+34 954 000 318", "Seville", "Spain", "Ruiz"},
            {"Dmitri", "Volkov", "dmitri.volkov@example.org", "+372 600 0731", "Tallinn", "Estonia", "Volkov"},
            {"Sophie", "Laurent", "sophie.laurent@example.net", "+32 2 000 05 19", "Brussels", "Belgium", "Laurent"},
            {"Oliver", "Grant", "oliver.grant@example.com", "+44 113 496 0552", "Leeds", "United Kingdom", "Grant"},
            {"Francesca", "Romano", "francesca.romano@example.org", "+39 011 000 2270", "Turin", "Italy", "Romano"},
            {"Lars", "Nilsson", "lars.nilsson@example.com", "+46 31 000 0906", "Gothenburg", "Sweden", "Nilsson"},
            {"Emma", "Schulz", "emma.schulz@example.net", "+49 89 0000 1145", "Munich", "Germany", "Schulz"},
            {"Hugo", "Moreau", "hugo.moreau@example.org", "+33 5 00 00 31 72", "Bordeaux", "France", "Moreau"},
            {"Isabel", "Navarro", "isabel.navarro@example.com", "+34 91 000 0627", "Madrid", "Spain", "Navarro"},
            {"Ahmed", "Karim", "ahmed.karim@example.net", "+44 121 496 0718", "Birmingham", "United Kingdom", "Karim"},
            {"Katarina", "Horvat", "katarina.horvat@example.org", "+385 1 000 0493", "Zagreb", "Croatia", "Horvat"},
            {"Zoe", "Clarke", "zoe.clarke@example.com", "+44 20 7946 0644", "London", "United Kingdom", "Clarke"},
            {"Ravi", "Patel", "ravi.patel@example.net", "+44 116 496 0381", "Leicester", "United Kingdom", "Patel"}};

    private static final String[][] TRAVEL_CASES = {
            {"Change of pick-up point", "Email", "Question", "Booking", "Asked to join the coach at a later stop."},
            {"Dietary requirements on tour", "Web", "Question", "Booking", "Needs gluten-free meals on every day."},
            {"Invoice copy for tour booking", "Email", "Question", "Billing", "Needs an invoice with both names."},
            {"Seat allocation on the coach", "Phone", "Question", "Booking", "Wants seats at the front for travel "
                    + "sickness."},
            {"Travel insurance question", "Chat", "Question", "Insurance", "Asked whether cancellation is covered."}};

    private void leisureTravellers() {
        Map<String, Rec> households = new HashMap<>();
        String[] sources = {"Web", "Advertisement", "Social Media", "Email Campaign", "Phone Inquiry"};
        for (String[] p : TRAVELLERS) {
            Instant start = t("2026-05-05 08:00").plus(Duration.ofDays(random.nextInt(140)))
                    .plus(Duration.ofMinutes(random.nextInt(9 * 60)));
            int outcome = random.nextInt(20);
            if (outcome >= 17) {
                start = t("2026-10-19 08:00").plus(Duration.ofDays(random.nextInt(22)))
                        .plus(Duration.ofMinutes(random.nextInt(9 * 60)));
            }
            Rec account = households.get(p[6]);
            boolean firstOfHousehold = account == null;
            if (!firstOfHousehold) {
                start = account.created.plus(days(1)).plus(Duration.ofMinutes(random.nextInt(9 * 60)));
            }
            if (firstOfHousehold) {
                account = account(p[6] + " Household", outcome < 14 ? "Customer - Direct" : "Prospect", JOURNEYS,
                        p[4], p[5], p[3], giulia, start, null);
                households.put(p[6], account);
            }
            Rec contact = contact(account, p[0], p[1], null, p[2], p[3], null, sources[random.nextInt(sources.length)],
                    p[4], p[5], giulia, start, null);
            if (!firstOfHousehold) {
                contact.put("Description", "Shares the household email with " + TRAVELLERS[0][0] + " "
                        + TRAVELLERS[0][1] + "; bookings are made by either of them.");
                continue;
            }
            String[] tour = TOURS[random.nextInt(TOURS.length)];
            Instant needs = start.plus(days(2 + random.nextInt(4)));
            Instant proposal = needs.plus(days(3 + random.nextInt(5)));
            Instant close = proposal.plus(days(2 + random.nextInt(7)));
            String expected = date(proposal.plus(days(14)));
            task(giulia, contact, null, "Call: tour enquiry", "Call", start.plus(Duration.ofHours(20)),
                    240 + random.nextInt(900), null);
            Rec opp;
            if (outcome < 14) {
                opp = opportunity(account, giulia, p[1] + " - " + tour[0], Long.parseLong(tour[1]), "New Customer",
                        (String) contact.get("LeadSource"), expected, null, null, start, "Qualification", needs,
                        "Needs Analysis", proposal, "Proposal/Price Quote", close, "Closed Won");
            } else if (outcome < 17) {
                opp = opportunity(account, giulia, p[1] + " - " + tour[0], Long.parseLong(tour[1]), "New Customer",
                        (String) contact.get("LeadSource"), expected, "Lost on price: booked with a competitor.", null,
                        start, "Qualification", needs, "Needs Analysis", proposal, "Proposal/Price Quote", close,
                        "Closed Lost");
            } else {
                opp = opportunity(account, giulia, p[1] + " - " + tour[0], Long.parseLong(tour[1]), "New Customer",
                        (String) contact.get("LeadSource"), date(start.plus(days(40))), null,
                        "Send the quote for spring departures", start, "Qualification");
                openTask(giulia, contact, opp, "Send the quote for spring departures", "Not Started",
                        start.plus(Duration.ofHours(21)), date(start.plus(days(14))), null);
                continue;
            }
            if (random.nextInt(10) < 4) {
                event(giulia, contact, opp, "Tour consultation", "Meeting", "Video call",
                        needs.plus(Duration.ofHours(2)), 30, start.plus(Duration.ofHours(21)), null);
            }
            task(giulia, contact, opp, "Email: tour quote", "Email", proposal.plus(Duration.ofMinutes(5)), 0, null);
            if (outcome >= 14) {
                continue;
            }
            if (random.nextInt(10) < 8) {
                task(elena, contact, opp, "Welcome call and itinerary", "Call",
                        close.plus(days(1 + random.nextInt(5))), 420 + random.nextInt(600), null);
            }
            if (random.nextInt(10) < 6) {
                String[] c = TRAVEL_CASES[random.nextInt(TRAVEL_CASES.length)];
                routineCase(contact, close.plus(days(5 + random.nextInt(35))), c);
            }
        }
    }

    /** First, last, email, phone, city, country, business, trade, employees, annual revenue, domain. */
    private static final String[][] BANK_CLIENTS = {
            {"Matteo", "Greco", "m.greco@grecowinebar.example", "+39 051 000 3318", "Bologna", "Italy",
                    "Greco Wine Bar", "Wine bar", "6", "540000", "grecowinebar.example"},
            {"Anna", "Kowalska", "anna@kowalska-design.example", "+48 12 000 0417", "Kraków", "Poland",
                    "Kowalska Design Studio", "Interior design studio", "3", "210000", "kowalska-design.example"},
            {"Sergei", "Morozov", "sergei@morozov-it.example", "+370 5 000 0823", "Vilnius", "Lithuania",
                    "Morozov IT Services", "IT support for small offices", "7", "690000", "morozov-it.example"},
            {"Julia", "Wagner", "julia@wagner-blumen.example", "+43 1 000 0562", "Vienna", "Austria",
                    "Wagner Florist", "Florist", "5", "380000", "wagner-blumen.example"},
            {"Pierre", "Dubois", "pierre@dubois-cycles.example", "+33 2 00 00 84 61", "Nantes", "France",
                    "Dubois Cycles", "Bicycle repairs and sales", "4", "450000", "dubois-cycles.example"},
            {"Elif", "Yılmaz", "elif@yilmaz-tailoring.example", "+31 10 000 0735", "Rotterdam", "Netherlands",
                    "Yılmaz Tailoring", "Tailoring and alterations", "2", "150000", "yilmaz-tailoring.example"},
            {"Tomasz", "Nowak", "tomasz@nowak-carpentry.example", "+48 58 000 0290", "Gdańsk", "Poland",
                    "Nowak Carpentry", "Carpentry and fitted furniture", "8", "760000", "nowak-carpentry.example"},
            {"Sara", "Lindqvist", "sara@lindqvist-yoga.example", "+46 40 000 0158", "Malmö", "Sweden",
                    "Lindqvist Yoga Studio", "Yoga studio", "3", "190000", "lindqvist-yoga.example"},
            {"Giorgio", "Ferri", "g.ferri@ferri-print.example", "+39 055 000 6621", "Florence", "Italy",
                    "Ferri Print Shop", "Print shop", "5", "420000", "ferri-print.example"},
            {"Noah", "Peeters", "noah@peeters-roasters.example", "+32 3 000 07 44", "Antwerp", "Belgium",
                    "Peeters Coffee Roasters", "Coffee roastery", "9", "980000", "peeters-roasters.example"},
            {"Nikos", "Papadopoulos", "nikos@papadopoulos-oil.example", "+30 231 000 0419", "Thessaloniki", "Greece",
                    "Papadopoulos Olive Oil Co.", "Olive oil producer", "12", "1300000", "papadopoulos-oil.example"}};

    private static final String[][] BANK_PRODUCTS = {
            {"Card terminal rental", "960"}, {"Overdraft facility", "10000"}, {"Business credit card", "1500"},
            {"Equipment loan", "25000"}};

    private static final String[][] BANK_CASES = {
            {"Online banking login locked", "Phone", "Problem", "Online Banking", "Locked out after a password "
                    + "reset."},
            {"Statement request for the accountant", "Email", "Question", "Statements", "Needs Q2 statements as "
                    + "PDF."},
            {"Card payment declined", "Chat", "Problem", "Cards", "Card declined at a supplier."},
            {"Direct debit set-up question", "Web", "Question", "Payments", "How to set up a direct debit for rent."},
            {"Unexpected fee on the monthly statement", "Email", "Complaint", "Billing", "Charged EUR 25 for an "
                    + "unknown service."}};

    private void bankClients() {
        String[] sources = {"Partner Referral", "Phone Inquiry", "Web", "Trade Show", "Other"};
        for (String[] b : BANK_CLIENTS) {
            Instant start = t("2026-05-06 08:00").plus(days(random.nextInt(150)))
                    .plus(Duration.ofMinutes(random.nextInt(8 * 60)));
            Rec account = account(b[6], "Customer - Direct", BANK, b[4], b[5], b[3], marco, start,
                    b[7] + " (" + b[8] + " staff).")
                    .put("Website", "https://" + b[10]).put("NumberOfEmployees", Integer.parseInt(b[8]))
                    .put("AnnualRevenue", Long.parseLong(b[9]));
            Rec contact = contact(account, b[0], b[1], null, b[2], b[3], null, sources[random.nextInt(sources.length)],
                    b[4], b[5], marco, start, null).put("Title", "Owner");
            Instant close = start.plus(days(5 + random.nextInt(14)));
            Rec opp = opportunity(account, marco, b[6] + " - Business current account", 600 + 100L * random.nextInt(13),
                    "New Customer", (String) contact.get("LeadSource"), date(close), null, null, start,
                    "Qualification", start.plus(days(2)), "Needs Analysis", close, "Closed Won");
            task(marco, contact, opp, "Call: business account enquiry", "Call", start.plus(Duration.ofMinutes(30)),
                    300 + random.nextInt(900), null);
            event(marco, contact, opp, "Account opening meeting", "Meeting", "Meridian Bank, " + b[4] + " branch",
                    close.minus(Duration.ofHours(1)), 60, start.plus(days(2)), null);
            if (random.nextInt(10) < 8) {
                task(elena, contact, opp, "Onboarding call: online banking set-up", "Call",
                        close.plus(days(1 + random.nextInt(5))), 600 + random.nextInt(900), null);
            }
            Instant second = close.plus(days(20 + random.nextInt(40)));
            Instant vp = second.plus(days(4 + random.nextInt(6)));
            Instant end = vp.plus(days(3 + random.nextInt(8)));
            if (random.nextInt(10) < 5 && end.isBefore(LAST_RECORD)) {
                String[] product = BANK_PRODUCTS[random.nextInt(BANK_PRODUCTS.length)];
                boolean won = random.nextInt(10) < 7;
                Rec upsell = opportunity(account, marco, b[6] + " - " + product[0], Long.parseLong(product[1]),
                        "Existing Customer - Upgrade", "Other", date(end), null, null, second, "Prospecting", vp,
                        "Value Proposition", end, won ? "Closed Won" : "Closed Lost");
                task(marco, contact, upsell, "Call: " + product[0].toLowerCase(Locale.ROOT), "Call",
                        second.plus(Duration.ofMinutes(15)), 300 + random.nextInt(600), null);
            }
            if (random.nextInt(10) < 7) {
                String[] c = BANK_CASES[random.nextInt(BANK_CASES.length)];
                routineCase(contact, close.plus(days(3 + random.nextInt(45))), c);
            }
        }
    }

    private static final String[][] SHOPPERS = {
            {"Claire", "Dupont", "claire.dupont@example.com", "+33 1 00 00 27 81", "Paris", "France", "Dupont"},
            {"Ben", "Carter", "ben.carter@example.net", "+44 117 496 0829", "Bristol", "United Kingdom", "Carter"},
            {"Lucia", "Marino", "lucia.marino@example.org", "+39 081 000 5530", "Naples", "Italy", "Marino"},
            {"Javier", "Ortega", "javier.ortega@example.com", "+34 963 000 742", "Valencia", "Spain", "Ortega"},
            {"Hanna", "Koch", "hanna.koch@example.net", "+49 221 0000 6615", "Cologne", "Germany", "Koch"},
            {"Ewa", "Zielińska", "ewa.zielinska@example.org", "+48 22 000 0388", "Warsaw", "Poland", "Zielińska"},
            {"Tom", "Harris", "tom.harris@example.com", "+44 29 2018 0477", "Cardiff", "United Kingdom", null},
            {"Inês", "Almeida", "ines.almeida@example.net", "+351 21 000 0906", "Lisbon", "Portugal", null},
            {"Marek", "Dvořák", "marek.dvorak@example.org", "+420 2 0000 0561", "Prague", "Czechia", null},
            {"Alice", "Moretti", "alice.moretti@example.com", "+39 06 0000 8142", "Rome", "Italy", "Moretti"},
            {"Yuki", "Sato", "yuki.sato@example.net", "+353 1 000 0733", "Dublin", "Ireland", "Sato"},
            {"Ruth", "Cohen", "ruth.cohen@example.org", "+44 20 7946 0917", "London", "United Kingdom", "Cohen"},
            {"Sven", "Eriksson", "sven.eriksson@example.com", "+46 8 000 0264", "Stockholm", "Sweden", "Eriksson"}};

    private static final String[][] STORE_ITEMS = {
            {"Kitchen refit", "8900"}, {"Corner sofa", "2340"}, {"Bedroom wardrobe system", "3150"},
            {"Dining set", "1680"}, {"Garden furniture set", "1290"}};

    private static final String[][] STORE_CASES = {
            {"Order not delivered on the promised day", "Email", "Complaint", "Delivery", "Delivery window "
                    + "missed."},
            {"Return request", "Web", "Question", "Returns", "Wants to return an unopened lamp."},
            {"Wrong colour delivered", "Email", "Complaint", "Product Quality", "Ordered grey, received beige."},
            {"Loyalty points missing", "Chat", "Question", "Loyalty", "Points for the last purchase are missing."},
            {"Assembly appointment", "Phone", "Question", "Delivery", "Wants to move the assembly appointment."}};

    private void retailShoppers() {
        String[] sources = {"Web", "Advertisement", "Social Media", "Email Campaign", "Other"};
        for (String[] s : SHOPPERS) {
            Instant start = t("2026-05-03 09:00").plus(days(random.nextInt(160)))
                    .plus(Duration.ofMinutes(random.nextInt(9 * 60)));
            Rec account = s[6] == null ? null : account(s[6] + " Household", "Customer - Direct", STORES, s[4], s[5],
                    s[3], hannah, start, null);
            Rec contact = contact(account, s[0], s[1], null, s[2], null, s[3], sources[random.nextInt(sources.length)],
                    s[4], s[5], hannah, start, account == null ? "Online shop customer; no household account." : null);
            Instant purchase = start.plus(days(3 + random.nextInt(10)));
            if (account != null && random.nextInt(10) < 6) {
                String[] item = STORE_ITEMS[random.nextInt(STORE_ITEMS.length)];
                boolean won = random.nextInt(10) < 7;
                Rec opp = opportunity(account, hannah, s[6] + " Household - " + item[0], Long.parseLong(item[1]),
                        "New Customer", (String) contact.get("LeadSource"), date(purchase), null, null, start,
                        "Prospecting", start.plus(days(2)), "Proposal/Price Quote", purchase,
                        won ? "Closed Won" : "Closed Lost");
                event(hannah, contact, opp, "In-store design consultation", "Meeting", "Meridian Stores, " + s[4],
                        start.plus(days(2)).minus(Duration.ofHours(3)), 45, start.plus(Duration.ofHours(1)), null);
                task(hannah, contact, opp, "Email: quote and delivery options", "Email",
                        start.plus(days(2)).plus(Duration.ofMinutes(20)), 0, null);
            }
            if (random.nextInt(10) < 8) {
                String[] c = STORE_CASES[random.nextInt(STORE_CASES.length)];
                routineCase(contact, purchase.plus(days(4 + random.nextInt(30))), c);
            }
        }
    }

    private void otherLeads() {
        lead("Rafael", "Costa", "Costa Household", "rafael.costa@example.com", "+351 21 000 0377", "Web", JOURNEYS,
                "Hot", "Lisbon", "Portugal", giulia, t("2026-10-28 21:14"),
                "Engaged lead nobody called: requested a quote for the 12-day Andalusia coach tour for four people, "
                        + "downloaded three brochures and opened every Journeys newsletter since October.");
        Rec ingrid = lead("Ingrid", "Larsen", "Larsen Architects", "ingrid@larsen-arkitekter.example",
                "+47 22 00 04 18", "Trade Show", BANK, "Warm", "Oslo", "Norway", marco, t("2026-09-22 11:00"),
                "Met at the architects' fair; compares business accounts.");
        ingrid.put("Title", "Partner").put("Status", "Working - Contacted").touch(t("2026-09-24 10:30"), marco.id());
        task(marco, ingrid, null, "Call: business account comparison", "Call", t("2026-09-24 10:00"), 720, null);
        task(marco, ingrid, null, "Call: follow-up on fees", "Call", t("2026-10-08 15:00"), 360, null);
        Rec tom = lead("Tom", "Reid", "Reid Household", "tom.reid@example.net", null, "Purchased List", STORES,
                "Cold", "Glasgow", "United Kingdom", hannah, t("2026-06-02 09:00"), "Not interested.");
        tom.put("Status", "Closed - Not Converted").touch(t("2026-06-10 14:05"), hannah.id());
        task(hannah, tom, null, "Call: kitchen promotion", "Call", t("2026-06-10 14:00"), 95, "Not interested.");
        lead("Yusuf", "Demir", "Demir Auto Repairs", "yusuf@demir-auto.example", "+49 40 0000 9182", "Purchased List",
                BANK, "Cold", "Hamburg", "Germany", marco, t("2026-08-11 08:30"), null);
        Rec chloe = lead("Chloe", "Martin", "Martin Household", "chloe.martin@example.org", "+33 4 00 00 66 20",
                "Trade Show", JOURNEYS, "Warm", "Marseille", "France", giulia, t("2026-10-10 16:40"),
                "Met at the travel fair; interested in the Norwegian fjords.");
        chloe.put("Status", "Working - Contacted").touch(t("2026-10-12 11:20"), giulia.id());
        task(giulia, chloe, null, "Call: fjords tour dates", "Call", t("2026-10-12 11:00"), 610, null);
        Rec viktor = lead("Viktor", "Novak", "Novak Transport", "viktor@novak-transport.example", "+386 1 000 0284",
                "Phone Inquiry", BANK, "Cold", "Ljubljana", "Slovenia", marco, t("2026-07-01 13:00"),
                "Wanted a fleet loan outside our lending area.");
        viktor.put("Status", "Closed - Not Converted").touch(t("2026-07-03 09:10"), marco.id());
        task(marco, viktor, null, "Call: fleet loan enquiry", "Call", t("2026-07-03 09:00"), 480, null);
        lead("Aisha", "Bello", "Bello Household", "aisha.bello@example.com", null, "Web", JOURNEYS, "Warm",
                "London", "United Kingdom", giulia, t("2026-11-16 19:05"), "Brochure request for the Croatian coast.");
    }

    /** A traveller who found the fjords tour through reviews: the prospect-stage touchpoint "reviews". */
    private void leadFromReviewSite() {
        Rec astrid = lead("Astrid", "Berg", "Berg Household", "astrid.berg@example.net", "+47 55 00 03 61",
                "Review Site", JOURNEYS, "Warm", "Bergen", "Norway", giulia, t("2026-11-04 18:25"),
                "Read travellers' reviews of the Norwegian fjords tour on a review site and phoned to ask about "
                        + "spring departures for two.");
        astrid.put("Status", "Working - Contacted").touch(t("2026-11-05 10:20"), giulia.id());
        task(giulia, astrid, null, "Call: fjords tour in spring", "Call", t("2026-11-05 10:00"), 540,
                "Wants May 2027; sending dates and prices once the 2027 programme is out.");
    }

    /**
     * Billing's invoices for the bank's won deals with a monthly fee: the post-sale touchpoint "invoice". Found
     * by name, as they were created earlier in {@link #build()}.
     */
    private void invoicesFromBilling() {
        Rec lena = find("Contact", "Email", "l.hoffmann@hoffmann-baeckerei.example");
        Rec terminals = find("Opportunity", "Name", "Hoffmann Bakery - Business current account and card terminals");
        task(lukas, lena, terminals, "Email: first invoice for the card terminals", "Email", t("2026-08-03 09:15"), 0,
                "July rental for two card terminals, EUR 80, and the account package fee.");
        Rec grace = find("Contact", "Email", "grace@okafor-logistics.example");
        Rec payroll = find("Opportunity", "Name", "Okafor Logistics - Business account and payroll");
        task(lukas, grace, payroll, "Email: invoice for payroll processing, October", "Email", t("2026-11-02 08:40"), 0,
                "38 payroll payments; the rejected batch of 29 October is not charged.");
    }

    /**
     * Support → sales handoff gap (support-blind-to-deal): while Marco negotiates a van-fleet loan with Okafor
     * Logistics, the firm's payroll fails (Grace Okafor's high-priority, escalated case of 29 October). Nobody
     * tells Marco; he hears of it from Chinedu five days later, on his next call about the loan.
     */
    private void dealOwnerBlindToPayrollIncident() {
        Rec account = find("Account", "Name", "Okafor Logistics Ltd");
        Rec chinedu = find("Contact", "Email", "chinedu@okafor-logistics.example");
        Rec vans = opportunity(account, marco, "Okafor Logistics - Van fleet financing (6 vans)", 186000,
                "Existing Customer - Upgrade", "Phone Inquiry", "2026-11-30",
                "Financing for six electric delivery vans over four years. Proposal sent 2026-10-22. On 2026-11-03 "
                        + "the customer raised the failed payroll of 2026-10-29, which nobody had told the "
                        + "relationship manager about; he wants payroll fixed before he signs.",
                "Revised offer once the November payroll has gone through", t("2026-10-12 10:00"), "Qualification",
                t("2026-10-22 15:30"), "Proposal/Price Quote");
        task(marco, chinedu, vans, "Call: financing for six delivery vans", "Call", t("2026-10-12 09:30"), 1140,
                "Wants to replace the diesel vans before the Christmas peak; about GBP 186,000.");
        task(marco, chinedu, vans, "Email: van fleet financing proposal", "Email", t("2026-10-22 15:25"), 0,
                "Four years, first instalment in January.");
        task(marco, chinedu, vans, "Call: fleet financing, next steps", "Call", t("2026-11-03 14:00"), 960,
                "Chinedu asked why nobody from the bank called after the payroll batch failed on 29 October; I had "
                        + "not heard about it. He will not sign for the vans until payroll runs cleanly.");
        task(marco, chinedu, vans, "Email: revised fleet offer after the November payroll", "Email",
                t("2026-11-17 16:10"), 0, "November payroll went through; sent the revised offer with a lower rate.");
    }

    private Rec find(String type, String field, String value) {
        return records.get(type).stream().filter(r -> value.equals(r.get(field))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + type + " with " + field + " " + value));
    }

    // ------------------------------------------------------------ record builders

    private String nextId(String type) {
        long serial = serials.merge(type, 1L, Long::sum);
        return SalesforceIds.of(KEY_PREFIXES.get(type), serial);
    }

    private Rec add(String type, Instant created, Rec by) {
        Rec r = new Rec(type, nextId(type), created, by == null ? null : by.id());
        records.get(type).add(r);
        return r;
    }

    private Rec user(String first, String last, String department, String title, Rec manager, Instant created,
                     Rec by) {
        String id = nextId("User");
        // The first user (the ops admin) stands in for the org's setup and so is its own creator.
        Rec u = new Rec("User", id, created, by == null ? id : by.id());
        records.get("User").add(u);
        String email = first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + "@" + DOMAIN;
        return u.put("Username", email).put("FirstName", first).put("LastName", last).put("Email", email)
                .put("IsActive", true).put("Department", department).put("Title", title)
                .put("ManagerId", manager == null ? null : manager.id());
    }

    private Rec account(String name, String type, String industry, String city, String country, String phone,
                        Rec owner, Instant created, String description) {
        return add("Account", created, owner).put("Name", name).put("Type", type).put("Industry", industry)
                .put("BillingCity", city).put("BillingCountry", country).put("Website", null).put("Phone", phone)
                .put("NumberOfEmployees", null).put("AnnualRevenue", null).put("Description", description)
                .put("OwnerId", owner.id());
    }

    private Rec contact(Rec account, String first, String last, String salutation, String email, String phone,
                        String mobile, String leadSource, String city, String country, Rec owner, Instant created,
                        String description) {
        return add("Contact", created, owner).put("FirstName", first).put("LastName", last)
                .put("Salutation", salutation).put("Title", null).put("Department", null).put("Email", email)
                .put("Phone", phone).put("MobilePhone", mobile).put("AccountId", account == null ? null : account.id())
                .put("OwnerId", owner.id()).put("LeadSource", leadSource).put("MailingCity", city)
                .put("MailingCountry", country).put("HasOptedOutOfEmail", false).put("DoNotCall", false)
                .put("Description", description);
    }

    private Rec lead(String first, String last, String company, String email, String phone, String source,
                     String industry, String rating, String city, String country, Rec owner, Instant created,
                     String description) {
        // Web and newsletter forms create leads as the ops admin's automation; the rest are typed in by the owner.
        boolean form = "Web".equals(source) || "Email Campaign".equals(source);
        return lead(first, last, company, email, phone, source, industry, rating, city, country, owner, created,
                description, form ? admin : owner);
    }

    /** A lead from the website's form whose source the form took from the ad or campaign the visitor came from. */
    private Rec webFormLead(String first, String last, String company, String email, String phone, String source,
                            String industry, String rating, String city, String country, Rec owner, Instant created,
                            String description) {
        return lead(first, last, company, email, phone, source, industry, rating, city, country, owner, created,
                description, admin);
    }

    private Rec lead(String first, String last, String company, String email, String phone, String source,
                     String industry, String rating, String city, String country, Rec owner, Instant created,
                     String description, Rec by) {
        return add("Lead", created, by).put("FirstName", first).put("LastName", last).put("Company", company)
                .put("Title", null).put("Email", email).put("Phone", phone).put("Status", "Open - Not Contacted")
                .put("LeadSource", source).put("Industry", industry).put("Rating", rating).put("City", city)
                .put("Country", country).put("IsConverted", false).put("ConvertedDate", null)
                .put("ConvertedContactId", null).put("ConvertedAccountId", null).put("ConvertedOpportunityId", null)
                .put("HasOptedOutOfEmail", false).put("OwnerId", owner.id()).put("Description", description);
    }

    private void convert(Rec lead, Instant at, Rec contact, Rec account, Rec opportunity) {
        lead.put("Status", "Closed - Converted").put("IsConverted", true).put("ConvertedDate", date(at))
                .put("ConvertedContactId", contact.id()).put("ConvertedAccountId", account.id())
                .put("ConvertedOpportunityId", opportunity == null ? null : opportunity.id())
                .touch(at, (String) lead.get("OwnerId"));
    }

    /**
     * An Opportunity and its OpportunityHistory: {@code steps} alternate Instant and stage name, first the
     * creation. Open opportunities close on {@code expectedClose}; closed ones on the day of the last step.
     */
    private Rec opportunity(Rec account, Rec owner, String name, long amount, String type, String leadSource,
                            String expectedClose, String description, String nextStep, Object... steps) {
        Instant created = (Instant) steps[0];
        Rec opp = add("Opportunity", created, owner);
        String finalStage = (String) steps[steps.length - 1];
        Instant last = (Instant) steps[steps.length - 2];
        boolean closed = finalStage.startsWith("Closed");
        String closeDate = closed ? date(last) : expectedClose;
        opp.put("Name", name).put("AccountId", account.id()).put("StageName", finalStage).put("Amount", amount)
                .put("CloseDate", closeDate).put("Probability", STAGE_PROBABILITY.get(finalStage)).put("Type", type)
                .put("LeadSource", leadSource).put("NextStep", closed ? null : nextStep)
                .put("OwnerId", owner.id()).put("Description", description);
        for (int i = 0; i < steps.length; i += 2) {
            Instant at = (Instant) steps[i];
            String stage = (String) steps[i + 1];
            boolean isLast = i == steps.length - 2;
            Rec h = add("OpportunityHistory", at, owner);
            h.put("OpportunityId", opp.id()).put("StageName", stage).put("Amount", amount)
                    .put("CloseDate", isLast ? closeDate : expectedClose)
                    .put("Probability", STAGE_PROBABILITY.get(stage));
            opp.touch(at, owner.id());
        }
        return opp;
    }

    private Rec task(Rec owner, Rec who, Rec what, String subject, String type, Instant at, int callSeconds,
                     String description) {
        String subtype = switch (type) {
            case "Call" -> "Call";
            case "Email" -> "Email";
            default -> "Task";
        };
        return add("Task", at, owner).put("WhoId", who.id()).put("WhatId", what == null ? null : what.id())
                .put("OwnerId", owner.id()).put("Subject", subject).put("Description", description)
                .put("Status", "Completed").put("Priority", "Normal").put("ActivityDate", date(at)).put("Type", type)
                .put("TaskSubtype", subtype).put("IsReminderSet", false)
                .put("CallDurationInSeconds", "Call".equals(type) ? callSeconds : null);
    }

    /** A task still to do: due on {@code due}, with a reminder at 08:00 UTC that day. */
    private Rec openTask(Rec owner, Rec who, Rec what, String subject, String status, Instant created, String due,
                         String description) {
        return add("Task", created, owner).put("WhoId", who.id()).put("WhatId", what == null ? null : what.id())
                .put("OwnerId", owner.id()).put("Subject", subject).put("Description", description)
                .put("Status", status).put("Priority", "Normal").put("ActivityDate", due).put("Type", "Other")
                .put("TaskSubtype", "Task").put("IsReminderSet", true)
                .put("ReminderDateTime", iso(t(due + " 08:00")));
    }

    private Rec event(Rec owner, Rec who, Rec what, String subject, String type, String location, Instant start,
                      int minutes, Instant booked, String description) {
        return add("Event", booked, owner).put("WhoId", who.id()).put("WhatId", what == null ? null : what.id())
                .put("OwnerId", owner.id()).put("Subject", subject).put("Description", description)
                .put("Location", location).put("Type", type).put("StartDateTime", iso(start))
                .put("EndDateTime", iso(start.plus(Duration.ofMinutes(minutes))))
                .put("ActivityDateTime", iso(start)).put("DurationInMinutes", minutes);
    }

    /** A routine case: one public reply within hours, closed a day later. Cases about billing go to billing. */
    private void routineCase(Rec contact, Instant created, String[] c) {
        if (created.isAfter(LAST_RECORD)) {
            created = LAST_RECORD.minus(days(1 + random.nextInt(20)));
        }
        String origin = c[1];
        Rec agent = random.nextBoolean() ? sofia : pavel;
        boolean automated = "Email".equals(origin) || "Web".equals(origin);
        String email = automated ? ((String) contact.get("Email")).trim().toLowerCase(Locale.ROOT) : null;
        CaseFlow flow = caseFor(contact, email, agent, automated ? admin : agent, created, c[0],
                origin + ": " + c[4], origin, c[2], c[3], "Medium");
        Instant reply = created.plus(Duration.ofMinutes(40 + random.nextInt(20 * 60)));
        if ("Billing".equals(c[3])) {
            flow.comment(reply, agent, false, "Billing question; passing to Billing with the statement attached.");
            flow.owner(reply.plus(Duration.ofMinutes(2)), agent, lukas);
            Instant answer = reply.plus(Duration.ofHours(3 + random.nextInt(30)));
            flow.comment(answer, lukas, true, "We have checked your statement and corrected the charge.");
            flow.close(answer.plus(Duration.ofMinutes(5)), lukas);
        } else {
            flow.comment(reply, agent, true, "Thanks for getting in touch. This is sorted; reply here if anything "
                    + "else comes up.");
            flow.status(reply.plus(Duration.ofMinutes(1)), agent, "Working");
            flow.close(reply.plus(days(1)), agent);
        }
    }

    private CaseFlow caseFor(Rec contact, String suppliedEmail, Rec owner, Rec creator, Instant created,
                             String subject, String description, String origin, String type, String reason,
                             String priority) {
        Rec c = add("Case", created, creator);
        c.put("ContactId", contact == null ? null : contact.id())
                .put("AccountId", contact == null ? null : contact.get("AccountId")).put("Subject", subject)
                .put("Description", description).put("Status", "New").put("Priority", priority)
                .put("Origin", origin).put("Reason", reason).put("Type", type).put("IsEscalated", false)
                .put("ClosedDate", null).put("SuppliedEmail", suppliedEmail).put("OwnerId", owner.id());
        history(c, created, creator, "created", null, null);
        return new CaseFlow(c);
    }

    private void history(Rec c, Instant at, Rec by, String field, String oldValue, String newValue) {
        add("CaseHistory", at, by).put("CaseId", c.id()).put("Field", field).put("OldValue", oldValue)
                .put("NewValue", newValue);
        c.touch(at, by.id());
    }

    /** Changes to one case, each recorded in CaseHistory the way field history tracking records it. */
    private final class CaseFlow {
        private final Rec c;

        CaseFlow(Rec c) {
            this.c = c;
        }

        CaseFlow comment(Instant at, Rec by, boolean published, String body) {
            add("CaseComment", at, by).put("ParentId", c.id()).put("CommentBody", body).put("IsPublished", published);
            c.touch(at, by.id());
            return this;
        }

        CaseFlow status(Instant at, Rec by, String status) {
            history(c, at, by, "Status", (String) c.get("Status"), status);
            c.put("Status", status);
            return this;
        }

        CaseFlow priority(Instant at, Rec by, String priority) {
            history(c, at, by, "Priority", (String) c.get("Priority"), priority);
            c.put("Priority", priority);
            return this;
        }

        /** Owner changes carry user Ids in OldValue/NewValue. */
        CaseFlow owner(Instant at, Rec by, Rec newOwner) {
            history(c, at, by, "Owner", (String) c.get("OwnerId"), newOwner.id());
            c.put("OwnerId", newOwner.id());
            return this;
        }

        CaseFlow escalate(Instant at, Rec by) {
            status(at, by, "Escalated");
            history(c, at, by, "IsEscalated", "false", "true");
            c.put("IsEscalated", true);
            return this;
        }

        CaseFlow close(Instant at, Rec by) {
            status(at, by, "Closed");
            c.put("ClosedDate", iso(at));
            return this;
        }

        CaseFlow reopen(Instant at, Rec by) {
            status(at, by, "Working");
            c.put("ClosedDate", null);
            return this;
        }
    }

    // ------------------------------------------------------------ output

    private Map<String, String> render() {
        ObjectWriter writer = writer();
        Map<String, String> files = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>();
        KEY_PREFIXES.keySet().forEach(type -> paths.add("salesforce/" + type + ".json"));
        files.put("world.json", write(writer, worldDescriptor(paths)));
        for (Map.Entry<String, List<Rec>> e : records.entrySet()) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Rec r : e.getValue()) {
                out.add(withAudit(r));
            }
            files.put("salesforce/" + e.getKey() + ".json", write(writer, out));
        }
        return files;
    }

    private static Map<String, Object> withAudit(Rec r) {
        Map<String, Object> out = new LinkedHashMap<>();
        r.f.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        out.put("CreatedDate", iso(r.created));
        out.put("CreatedById", r.createdBy);
        switch (r.type) {
            case "CaseHistory" -> {
            }
            case "OpportunityHistory" -> out.put("SystemModstamp", iso(r.created));
            case "CaseComment" -> {
                out.put("LastModifiedDate", iso(r.modified));
                out.put("SystemModstamp", iso(r.modified));
            }
            default -> {
                out.put("LastModifiedDate", iso(r.modified));
                out.put("LastModifiedById", r.modifiedBy);
                out.put("SystemModstamp", iso(r.modified));
            }
        }
        out.put("IsDeleted", false);
        return out;
    }

    private Map<String, Object> worldDescriptor(List<String> paths) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("name", "demo");
        w.put("description", "Meridian Group: a travel-and-leisure group with three business lines in one "
                + "Salesforce org - Meridian Journeys (coach tours), Meridian Bank (small-business banking) and "
                + "Meridian Stores (home and living retail). About fifty customers with sales and support history "
                + "from May to 20 November 2026, including three story customers: Trey "
                + "Weller (bus-tour buyer), Amira Haddad (the bank's new customer) and Nadia Petrova (retail "
                + "shopper who churns).");
        w.put("organizationId", SalesforceIds.of("00D", 1));
        w.put("orgName", "Meridian Group");
        // A real org's My Domain: the connector's Lightning record links use it, as they would against the org.
        w.put("myDomain", "meridiangroup.my.salesforce.com");
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("clientId", "journey-sandbox-client");
        app.put("clientSecret", "journey-sandbox-secret");
        w.put("connectedApp", app);
        // The connector's own user, as an admin would set up a connected app's "Run As" user.
        w.put("integrationUser", "journey.integration@meridiangroup.example");
        Map<String, Object> soapLogin = new LinkedHashMap<>();
        soapLogin.put("username", "journey.integration@meridiangroup.example");
        soapLogin.put("password", "sandbox-password");
        soapLogin.put("securityToken", "sandboxtoken");
        w.put("users", List.of(soapLogin));
        w.put("dailyApiRequests", 15000);
        w.put("salesforce", paths);
        w.put("personas", List.of(
                persona("leisure-traveller", "Leisure traveller", "Meridian Journeys",
                        "Private traveller who finds coach tours through ads, the website and newsletters, books "
                                + "once or twice a year, and needs the itinerary and practical details before "
                                + "departure.",
                        List.of("Account.Industry = Hospitality and Account.Type in (Customer - Direct, Prospect)",
                                "Contact.LeadSource mostly Web, Advertisement, Social Media or Email Campaign",
                                "owned by Sales - Journeys"),
                        List.of("Trey Weller", "Mei Tanaka", "Jonas Becker")),
                persona("small-business-banking-client", "Small-business banking client", "Meridian Bank",
                        "Owner or finance lead of a small business (2-40 staff) with a business account, cards and "
                                + "sometimes a loan; cares about waiting times and clear answers on credit.",
                        List.of("Account.Industry = Banking (the account's own trade is in Account.Description)",
                                "Account.NumberOfEmployees and AnnualRevenue set; Contact.Title Owner, Managing "
                                        + "Director or Finance Manager",
                                "owned by Sales - Business Banking"),
                        List.of("Amira Haddad", "Lena Hoffmann", "Chinedu Okafor")),
                persona("retail-shopper", "Retail shopper", "Meridian Stores",
                        "Buys furniture and home goods in store and online; big purchases are quoted as "
                                + "opportunities; delivery and returns drive most contacts with support.",
                        List.of("Account.Industry = Retail (household account) or a Contact with no Account and "
                                        + "Description 'Online shop customer'",
                                "owned by Sales - Stores"),
                        List.of("Nadia Petrova", "Kofi Asante"))));
        return w;
    }

    private static Map<String, Object> persona(String key, String name, String businessLine, String description,
                                               List<String> recognisedBy, List<String> examples) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("key", key);
        p.put("name", name);
        p.put("businessLine", businessLine);
        p.put("description", description);
        p.put("recognisedBy", recognisedBy);
        p.put("examples", examples);
        return p;
    }

    private static ObjectWriter writer() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        return new ObjectMapper().writer(printer);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant t(String dateTime) {
        return LocalDateTime.parse(dateTime.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static Duration days(int n) {
        return Duration.ofDays(n);
    }

    private static String date(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static String iso(Instant at) {
        return at.toString();
    }
}
