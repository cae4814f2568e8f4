package dev.journeyconnector.sandbox.mailchimp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the demo world's Mailchimp account (Meridian Group) to {@code worlds/demo/mailchimp/}: two audiences,
 * their members (matching the Salesforce demo's contacts and leads, plus prospects Salesforce does not know),
 * twelve campaigns sent May to November 2026 and what recipients did. Deterministic (fixed dates, one seeded
 * {@link Random}); {@code MailchimpDemoWorldTest} fails when the committed files differ from {@link #generate()}.
 *
 * <p>Story material, matching the Salesforce records:
 * <ul>
 *   <li>Nadia Petrova unsubscribes from Meridian Stores offers on 2026-07-20 (Salesforce: HasOptedOutOfEmail).</li>
 *   <li>Consent drift: Oliver Grant unsubscribes (2026-09-10), Dmitri Volkov is cleaned after a hard bounce
 *       (2026-10-06) and Tom Reid (purchased list) reports the June newsletter as spam; Salesforce still has
 *       HasOptedOutOfEmail false for all three.</li>
 *   <li>Rafael Costa, the hot lead nobody called, opens every Journeys newsletter from October and clicks the
 *       Andalusia tour twice.</li>
 *   <li>Email fatigue: Lars Nilsson received six Journeys newsletters in a row without opening one; no other
 *       subscriber misses five in a row.</li>
 *   <li>Identity cases: {@code Mei.Tanaka@example.net} and {@code Olga.Ivanova@Example.ORG} differ in case from
 *       Salesforce; {@code hugo.moreau+meridian@example.org} is a plus-address of a Salesforce email;
 *       {@code maria.santos+travel@example.com} matches exactly; the Bianchis' shared address is one member.</li>
 * </ul>
 *
 * <p>Regenerate as for {@code DemoWorldGenerator}, with main class
 * {@code dev.journeyconnector.sandbox.mailchimp.MailchimpDemoGenerator} (first argument: the world directory,
 * default {@code sandbox/src/main/resources/worlds/demo}).
 */
public final class MailchimpDemoGenerator {
    public static final String API_KEY = "5e1f3c9a7b2d4e6f8a0b1c2d3e4f5a6b-us21";
    static final String JOURNEYS = id("list:meridian-journeys-newsletter");
    static final String STORES = id("list:meridian-stores-offers");
    static final String TOURS = "https://journeys.meridiangroup.example";
    static final String SHOP = "https://stores.meridiangroup.example";
    static final String UNWANTED = "I no longer want to receive these emails";

    private final Random random = new Random(20260520L);
    private final List<Audience> lists = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final List<Campaign> campaigns = new ArrayList<>();
    private final Map<String, String> campaignUrl = new HashMap<>();
    private final List<EmailActivity> activity = new ArrayList<>();
    private final List<Unsubscribe> unsubscribes = new ArrayList<>();
    private final List<AbuseReport> abuse = new ArrayList<>();

    private MailchimpDemoGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "sandbox/src/main/resources/worlds/demo");
        for (Map.Entry<String, String> f : generate().entrySet()) {
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** File path relative to the world directory → content. */
    public static Map<String, String> generate() {
        return new MailchimpDemoGenerator().build();
    }

    /** The world the files describe. */
    static MailchimpWorld world() {
        MailchimpDemoGenerator g = new MailchimpDemoGenerator();
        g.populate();
        return g.asWorld();
    }

    private Map<String, String> build() {
        populate();
        ObjectWriter writer = writer();
        Map<String, String> files = new LinkedHashMap<>();
        asWorld().toFiles().forEach((name, content) -> files.put("mailchimp/" + name + ".json", write(writer, content)));
        return files;
    }

    private MailchimpWorld asWorld() {
        return new MailchimpWorld("generated", new ApiAccount(API_KEY, "us21", "Meridian Group"), lists, members, campaigns,
                activity, unsubscribes, abuse);
    }

    private void populate() {
        lists.add(new Audience(JOURNEYS, "Meridian Journeys newsletter", t("2026-04-20 09:00"),
                "You signed up for coach tour news on journeys.meridiangroup.example or when you booked a tour.",
                "Meridian Journeys", "journeys@meridiangroup.example", "", "en"));
        lists.add(new Audience(STORES, "Meridian Stores offers", t("2026-04-22 09:00"),
                "You asked for offers from Meridian Stores in store, online or at checkout.",
                "Meridian Stores", "offers@meridiangroup.example", "", "en"));
        campaigns();
        journeysMembers();
        storesMembers();
        storyEvents();
        routineActivity();
    }

    // ------------------------------------------------------------------ campaigns

    private void campaigns() {
        journeys("2026-05-12 08:00", "Scottish Highlands: last seats for June", "/tours/scottish-highlands");
        journeys("2026-06-09 08:00", "Lakes and mountains: summer coach tours", "/tours/italian-lakes");
        journeys("2026-07-07 08:00", "Before you travel: packing for a coach tour", "/travel-tips/packing");
        journeys("2026-08-11 08:00", "Autumn in the Dolomites", "/tours/dolomites-autumn");
        journeys("2026-09-08 08:00", "Andalusia in October: 12 days by coach", "/tours/andalusia-12-days");
        journeys("2026-10-06 08:00", "Christmas markets by coach", "/tours/christmas-markets");
        journeys("2026-10-27 08:00", "Spring 2027: book early, travel for less", "/tours/andalusia-12-days");
        journeys("2026-11-17 08:00", "Winter sun: Andalusia and the Algarve", "/tours/andalusia-12-days");
        stores("2026-05-19 09:00", "Summer living: new garden furniture", "/offers/garden-furniture");
        stores("2026-06-30 09:00", "Sofa week: up to 30% off corner sofas", "/offers/sofa-week");
        stores("2026-07-14 09:00", "Mid-season sale starts today", "/offers/mid-season-sale");
        stores("2026-09-01 09:00", "Autumn dining sets, made to order", "/offers/autumn-dining");
    }

    private void journeys(String send, String subject, String path) {
        campaign(JOURNEYS, send, subject, "Meridian Journeys", "journeys@meridiangroup.example", TOURS + path);
    }

    private void stores(String send, String subject, String path) {
        campaign(STORES, send, subject, "Meridian Stores", "offers@meridiangroup.example", SHOP + path);
    }

    private void campaign(String listId, String send, String subject, String from, String replyTo, String url) {
        Instant at = t(send);
        String id = id("campaign:" + (campaigns.size() + 1));
        String title = (listId.equals(JOURNEYS) ? "Journeys " : "Stores ") + send.substring(0, 10);
        campaigns.add(new Campaign(id, "regular", "sent", listId, at.minus(Duration.ofDays(3)), at, subject,
                "Meridian Group news", title, from, replyTo));
        campaignUrl.put(id, url);
    }

    private Campaign campaign(int number) {
        return campaigns.get(number - 1);
    }

    // ------------------------------------------------------------------ members

    private void journeysMembers() {
        // Salesforce contacts (Meridian Journeys households and the partner), then leads, then prospects.
        member(JOURNEYS, "Lars", "Nilsson", "lars.nilsson@example.com", "2026-04-28 18:00", "Hosted Signup Form");
        member(JOURNEYS, "Greta", "Huber", "greta.huber@alpine-travel-partners.example", "2026-05-08 09:30", "Admin Add");
        member(JOURNEYS, "Felix", "Gruber", "felix.gruber@alpine-travel-partners.example", "2026-05-08 09:31", "Admin Add");
        member(JOURNEYS, "Ahmed", "Karim", "ahmed.karim@example.net", "2026-05-10 20:15", "Hosted Signup Form");
        member(JOURNEYS, "Trey", "Weller", "trey.weller@example.com", "2026-05-14 11:25", "API - Generic", "customer");
        member(JOURNEYS, "Katarina", "Horvat", "katarina.horvat@example.org", "2026-05-14 16:20", "API - Generic");
        member(JOURNEYS, "Isabel", "Navarro", "isabel.navarro@example.com", "2026-05-15 10:40", "API - Generic");
        member(JOURNEYS, "Mei", "Tanaka", "Mei.Tanaka@example.net", "2026-05-21 10:05", "Embedded Form", "customer");
        member(JOURNEYS, "Oliver", "Grant", "oliver.grant@example.com", "2026-05-24 15:05", "API - Generic");
        member(JOURNEYS, "Francesca", "Romano", "francesca.romano@example.org", "2026-06-18 12:40", "API - Generic");
        member(JOURNEYS, "Hugo", "Moreau", "hugo.moreau+meridian@example.org", "2026-06-19 21:02", "Hosted Signup Form");
        member(JOURNEYS, "Emma", "Schulz", "emma.schulz@example.net", "2026-06-22 09:20", "API - Generic");
        member(JOURNEYS, "Sophie", "Laurent", "sophie.laurent@example.net", "2026-06-22 16:50", "API - Generic");
        member(JOURNEYS, "Zoe", "Clarke", "zoe.clarke@example.com", "2026-07-01 15:50", "API - Generic");
        member(JOURNEYS, "Maria", "Santos", "maria.santos+travel@example.com", "2026-07-20 14:20", "API - Generic");
        member(JOURNEYS, "Olga", "Ivanova", "Olga.Ivanova@Example.ORG", "2026-08-15 15:50", "API - Generic");
        member(JOURNEYS, "Dmitri", "Volkov", "dmitri.volkov@example.org", "2026-09-09 09:10", "API - Generic");
        member(JOURNEYS, "Chiara", "Bianchi", "bianchi.family@example.net", "2026-09-17 16:20", "API - Generic");
        member(JOURNEYS, "Jonas", "Becker", "jonas.becker@example.com", "2026-10-05 20:08", "Hosted Signup Form");
        member(JOURNEYS, "Ravi", "Patel", "ravi.patel@example.net", "2026-10-21 14:30", "API - Generic");
        member(JOURNEYS, "Carmen", "Ruiz", "carmen.ruiz@example.com", "2026-11-07 16:45", "API - Generic");
        // Leads.
        member(JOURNEYS, "Tom", "Reid", "tom.reid@example.net", "2026-06-02 10:00", "Import", "purchased-list");
        member(JOURNEYS, "Rafael", "Costa", "rafael.costa@example.com", "2026-10-02 19:40", "Embedded Form");
        member(JOURNEYS, "Chloe", "Martin", "chloe.martin@example.org", "2026-10-10 11:00", "Admin Add", "trade-show");
        members.add(new Member(JOURNEYS, "aisha.bello@example.com", "pending", Map.of("FNAME", "Aisha", "LNAME", "Bello"),
                "Hosted Signup Form", t("2026-11-16 18:02"), null, t("2026-11-16 18:02"), List.of(), null, "en", false, 2,
                ip(), ""));
        // Prospects Salesforce does not know.
        String[][] prospects = {
            {"Léa", "Fontaine", "lea.fontaine@example.net", "2026-04-26 10:00"},
            {"Hiroshi", "Mori", "hiroshi.mori@example.org", "2026-04-30 07:45"},
            {"Sanna", "Virtanen", "sanna.virtanen@example.com", "2026-05-03 19:10"},
            {"David", "O'Connor", "david.oconnor@example.net", "2026-05-20 12:00"},
            {"Amélie", "Weber", "amelie.weber@example.org", "2026-06-01 08:30"},
            {"Marco", "Bellini", "marco.bellini@example.com", "2026-06-11 17:25"},
            {"Nora", "Lindahl", "nora.lindahl@example.net", "2026-06-28 21:40"},
            {"George", "Papas", "george.papas@example.org", "2026-07-12 13:15"},
            {"Elena", "Popescu", "elena.popescu@example.com", "2026-08-02 09:55"},
            {"Tobias", "Keller", "tobias.keller@example.com", "2026-08-20 20:30"},
            {"Inés", "García", "ines.garcia@example.net", "2026-09-02 18:05"},
            {"Mikkel", "Jensen", "mikkel.jensen@example.org", "2026-09-25 07:20"},
            {"Clara", "Rossi", "clara.rossi@example.com", "2026-10-14 12:35"},
            {"Adam", "Kowalczyk", "adam.kowalczyk@example.net", "2026-11-02 19:50"},
        };
        for (String[] p : prospects) {
            member(JOURNEYS, p[0], p[1], p[2], p[3], "Hosted Signup Form", "prospect");
        }
    }

    private void storesMembers() {
        member(STORES, "Marek", "Dvořák", "marek.dvorak@example.org", "2026-05-17 09:05", "Embedded Form");
        member(STORES, "Nadia", "Petrova", "nadia.petrova@example.net", "2026-05-16 15:30", "API - Generic", "customer");
        member(STORES, "Javier", "Ortega", "javier.ortega@example.com", "2026-05-16 17:10", "API - Generic");
        member(STORES, "Yuki", "Sato", "yuki.sato@example.net", "2026-05-25 15:40", "API - Generic");
        member(STORES, "Ewa", "Zielińska", "ewa.zielinska@example.org", "2026-05-26 11:15", "API - Generic");
        member(STORES, "Mei", "Tanaka", "mei.tanaka@example.net", "2026-06-02 19:00", "Embedded Form");
        member(STORES, "Inês", "Almeida", "ines.almeida@example.net", "2026-06-14 17:40", "Embedded Form");
        member(STORES, "Claire", "Dupont", "claire.dupont@example.com", "2026-06-16 14:30", "API - Generic");
        member(STORES, "Sven", "Eriksson", "sven.eriksson@example.com", "2026-06-17 16:20", "API - Generic");
        member(STORES, "Hanna", "Koch", "hanna.koch@example.net", "2026-07-06 09:25", "API - Generic");
        member(STORES, "Kofi", "Asante", "kofi.asante@example.org", "2026-07-15 10:05", "API - Generic", "customer");
        member(STORES, "Alice", "Moretti", "alice.moretti@example.com", "2026-07-24 14:05", "API - Generic");
        member(STORES, "Lucia", "Marino", "lucia.marino@example.org", "2026-08-09 14:00", "API - Generic");
        member(STORES, "Ruth", "Cohen", "RUTH.COHEN@EXAMPLE.ORG", "2026-08-16 17:40", "API - Generic");
        member(STORES, "Ben", "Carter", "ben.carter@example.net", "2026-09-28 13:20", "API - Generic");
        // An online-shop customer who never opted in to marketing: order emails only.
        members.add(new Member(STORES, "tom.harris@example.com", "transactional", Map.of("FNAME", "Tom", "LNAME", "Harris"),
                "E-Commerce", null, null, t("2026-05-21 10:55"), List.of(), null, "en", false, 2, "", ""));
        String[][] prospects = {
            {"Julie", "Bernard", "julie.bernard@example.com", "2026-04-29 12:00"},
            {"Karl", "Fischer", "karl.fischer@example.net", "2026-05-05 18:30"},
            {"Sofia", "Marques", "sofia.marques@example.org", "2026-05-30 10:10"},
            {"Liam", "Walsh", "liam.walsh@example.com", "2026-06-08 20:45"},
            {"Freya", "Holm", "freya.holm@example.net", "2026-06-25 08:15"},
            {"Omar", "Saleh", "omar.saleh@example.org", "2026-07-03 16:00"},
            {"Petra", "Král", "petra.kral@example.com", "2026-07-29 19:35"},
            {"Ana", "Silva", "ana.silva@example.net", "2026-08-12 11:50"},
            {"Emily", "Watts", "emily.watts@example.com", "2026-08-27 09:05"},
            {"Jan", "Dekker", "jan.dekker@example.org", "2026-09-14 21:10"},
        };
        for (String[] p : prospects) {
            member(STORES, p[0], p[1], p[2], p[3], "Embedded Form", "prospect");
        }
    }

    private void member(String listId, String first, String last, String email, String optIn, String source, String... tags) {
        Instant opt = t(optIn);
        boolean form = source.endsWith("Form");
        members.add(new Member(listId, email, "subscribed", Map.of("FNAME", first, "LNAME", last), source,
                form ? opt.minus(Duration.ofMinutes(3)) : null, opt, opt, List.of(tags), null, "en", false,
                2 + random.nextInt(3), form ? ip() : "", ip()));
    }

    private Member find(String listId, String email) {
        return members.stream().filter(m -> m.listId().equals(listId) && m.key().equals(Member.key(email))).findFirst()
                .orElseThrow(() -> new IllegalStateException(email));
    }

    private void change(String listId, String email, java.util.function.UnaryOperator<Member> f) {
        Member m = find(listId, email);
        members.set(members.indexOf(m), f.apply(m));
    }

    // ------------------------------------------------------------------ story

    private void storyEvents() {
        // Nadia Petrova: engaged in May, opens the sofa week mail after her complaint, then leaves on 2026-07-20.
        String nadia = "nadia.petrova@example.net";
        open(campaign(9), nadia, "2026-05-19 19:30");
        click(campaign(9), nadia, "2026-05-19 19:32");
        open(campaign(10), nadia, "2026-06-30 21:05");
        open(campaign(11), nadia, "2026-07-20 07:49");
        unsubscribe(campaign(11), nadia, "2026-07-20 07:51", UNWANTED);

        // Consent drift: unsubscribed, cleaned and complained in Mailchimp; Salesforce still allows email.
        String oliver = "oliver.grant@example.com";
        open(campaign(5), oliver, "2026-09-10 19:10");
        unsubscribe(campaign(5), oliver, "2026-09-10 19:12", UNWANTED);
        bounce(campaign(6), "dmitri.volkov@example.org", "2026-10-06 08:03", "hard");
        change(JOURNEYS, "dmitri.volkov@example.org", m -> m.withStatus("cleaned", t("2026-10-06 08:03"), null));
        bounce(campaign(3), "marco.bellini@example.com", "2026-07-07 08:02", "hard");
        change(JOURNEYS, "marco.bellini@example.com", m -> m.withStatus("cleaned", t("2026-07-07 08:02"), null));
        abuse.add(new AbuseReport(1, campaign(2).id(), "tom.reid@example.net", t("2026-06-09 12:31")));
        change(JOURNEYS, "tom.reid@example.net", m -> m.withStatus("unsubscribed", t("2026-06-09 12:31"), "Abuse report"));
        open(campaign(12), "karl.fischer@example.net", "2026-09-01 12:00");
        unsubscribe(campaign(12), "karl.fischer@example.net", "2026-09-01 12:01", "I never signed up for this mailing list");

        // Rafael Costa: opens every Journeys newsletter from October and clicks the Andalusia tour twice.
        String rafael = "rafael.costa@example.com";
        open(campaign(6), rafael, "2026-10-06 18:20");
        open(campaign(7), rafael, "2026-10-28 08:10");
        click(campaign(7), rafael, "2026-10-28 08:12");
        open(campaign(8), rafael, "2026-11-17 12:30");
        click(campaign(8), rafael, "2026-11-17 12:33");
        change(JOURNEYS, rafael, m -> m.withTags(List.of("andalusia"), t("2026-10-28 08:12")));

        // Jonas Becker came back through the newsletter form for the Christmas markets.
        String jonas = "jonas.becker@example.com";
        open(campaign(6), jonas, "2026-10-06 09:15");
        click(campaign(6), jonas, "2026-10-06 09:17");
        change(JOURNEYS, jonas, m -> m.withTags(List.of("christmas-markets"), t("2026-10-06 09:17")));

        // Trey Weller reads the packing tips while he waits for his itinerary.
        open(campaign(3), "trey.weller@example.com", "2026-07-07 12:40");
        click(campaign(3), "trey.weller@example.com", "2026-07-07 12:42");

        // Lars Nilsson read the first two newsletters and none after (email fatigue).
        open(campaign(1), "lars.nilsson@example.com", "2026-05-12 19:00");
        open(campaign(2), "lars.nilsson@example.com", "2026-06-09 20:10");

        // A soft bounce that does not end the subscription.
        bounce(campaign(4), "nora.lindahl@example.net", "2026-08-11 08:04", "soft");
    }

    /** Members whose every campaign is scripted above: routine activity leaves them alone. */
    private static final List<String> SCRIPTED = List.of("nadia.petrova@example.net", "oliver.grant@example.com",
            "dmitri.volkov@example.org", "marco.bellini@example.com", "tom.reid@example.net", "karl.fischer@example.net",
            "rafael.costa@example.com", "lars.nilsson@example.com");

    /**
     * Everyone else opens with their own propensity, sometimes clicks; nobody else misses five sends in a row
     * (a fourth miss is followed by an open), so Lars Nilsson stays the one fatigued subscriber.
     */
    private void routineActivity() {
        Map<String, Double> propensity = new HashMap<>();
        Map<String, Integer> misses = new HashMap<>();
        for (Campaign c : campaigns) {
            for (Member m : members) {
                if (SCRIPTED.contains(m.key()) || !MailchimpData.receivedCampaign(m, c) || touched(c, m)) {
                    continue;
                }
                String who = m.listId() + m.key();
                double p = propensity.computeIfAbsent(who, k -> 0.35 + 0.5 * random.nextDouble());
                boolean opens = random.nextDouble() < p || misses.getOrDefault(who, 0) >= 4;
                if (!opens) {
                    misses.merge(who, 1, Integer::sum);
                    continue;
                }
                misses.put(who, 0);
                Instant at = c.sendTime().plus(Duration.ofMinutes(20 + random.nextInt(60 * 40)));
                activity.add(new EmailActivity(c.id(), m.emailAddress(), "open", at, null, null, ip()));
                if (random.nextDouble() < 0.3) {
                    activity.add(new EmailActivity(c.id(), m.emailAddress(), "open", at.plus(Duration.ofHours(2 + random.nextInt(20))),
                            null, null, ip()));
                }
                if (random.nextDouble() < 0.3) {
                    activity.add(new EmailActivity(c.id(), m.emailAddress(), "click", at.plus(Duration.ofMinutes(1 + random.nextInt(5))),
                            campaignUrl.get(c.id()), null, ip()));
                }
            }
        }
        activity.sort(java.util.Comparator.comparing(EmailActivity::timestamp));
    }

    private boolean touched(Campaign c, Member m) {
        return activity.stream().anyMatch(a -> a.campaignId().equals(c.id()) && Member.key(a.emailAddress()).equals(m.key()));
    }

    private void open(Campaign c, String email, String at) {
        activity.add(new EmailActivity(c.id(), find(c.listId(), email).emailAddress(), "open", t(at), null, null, ip()));
    }

    private void click(Campaign c, String email, String at) {
        activity.add(new EmailActivity(c.id(), find(c.listId(), email).emailAddress(), "click", t(at), campaignUrl.get(c.id()),
                null, ip()));
    }

    private void bounce(Campaign c, String email, String at, String type) {
        activity.add(new EmailActivity(c.id(), find(c.listId(), email).emailAddress(), "bounce", t(at), null, type, null));
    }

    private void unsubscribe(Campaign c, String email, String at, String reason) {
        change(c.listId(), email, m -> m.withStatus("unsubscribed", t(at), reason));
        unsubscribes.add(new Unsubscribe(c.id(), find(c.listId(), email).emailAddress(), t(at), reason));
    }

    // ------------------------------------------------------------------ helpers

    private String ip() {
        return "203.0.113." + (1 + random.nextInt(254));
    }

    static String id(String seed) {
        return MailchimpResponses.md5(seed).substring(0, 10);
    }

    private static Instant t(String dateTime) {
        return LocalDateTime.parse(dateTime.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static ObjectWriter writer() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
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
}
