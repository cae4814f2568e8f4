package dev.journeyconnector.sandbox.zendesk;

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
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the demo world's help desk (Meridian Group's retail and travel support lines in Zendesk) to
 * {@code worlds/demo/zendesk/}. Deterministic: fixed dates in 2026 and one seeded {@link Random}; the committed
 * files must equal what {@link #generate()} returns ({@code ZendeskDemoWorldTest} checks that).
 *
 * <p>Requesters are Salesforce demo Contacts (same emails, with deliberate case, whitespace and plus-address
 * differences, some with the Contact Id as external_id) plus a few prospects Salesforce has never seen.
 * Regenerate from the repository root as for {@code DemoWorldGenerator}, with this class as the main class.
 */
public final class ZendeskDemoWorldGenerator {
    public static final String DIR = "worlds/demo/zendesk";
    static final String DOMAIN = "meridiangroup.example";
    static final Instant LAST_RECORD = t("2026-11-20 18:00");

    static final long GROUP_BASE = 9_020_000_000_000L;
    static final long AGENT_BASE = 9_010_000_000_000L;
    static final long REQUESTER_BASE = 9_010_000_000_100L;
    static final long METRIC_BASE = 9_030_000_000_000L;
    static final long EVENT_BASE = 9_040_000_000_000L;
    static final long RATING_BASE = 9_050_000_000_000L;
    static final long FIELD_BUSINESS_LINE = 9_070_000_000_001L;
    static final long FIELD_BOOKING = 9_070_000_000_002L;
    static final long BRAND = 9_080_000_000_001L;
    static final long FORM = 9_080_000_000_002L;

    /** How a requester's Zendesk email relates to the Salesforce Contact's email. */
    public enum Match { EXACT, CASE, WHITESPACE, CASE_AND_WHITESPACE, PLUS_ADDRESS, SHARED, NONE }

    /**
     * A Zendesk end user. {@code contactId}: the Salesforce Contact the email should resolve to (null for prospects);
     * {@code externalId}: set when the help desk stores the Contact Id.
     */
    public record Requester(long id, String name, String email, String phone, Match match, String contactId,
                            String externalId, Instant created) {
    }

    public static final long TRAVEL = GROUP_BASE + 1;
    public static final long RETAIL = GROUP_BASE + 2;
    public static final long BILLING = GROUP_BASE + 3;
    public static final long ESCALATIONS = GROUP_BASE + 4;

    public static final long ANA = AGENT_BASE + 1;
    public static final long INTEGRATION = AGENT_BASE + 2;
    public static final long PAVEL = AGENT_BASE + 3;
    public static final long SOFIA = AGENT_BASE + 4;
    public static final long LUKAS = AGENT_BASE + 5;

    /** Requesters; ids follow the list order. */
    public static final List<Requester> REQUESTERS = requesters();

    private static List<Requester> requesters() {
        Object[][] rows = {
                // name, Zendesk email, phone, match, Salesforce Contact Id, external_id?, created
                {"Trey Weller", "trey.weller@example.com", null, Match.EXACT, "003Jx0000000001IAA", true, "2026-05-05 20:10"},
                {"Mei Tanaka", "Mei.Tanaka@Example.net", null, Match.CASE, "003Jx0000000004IAA", false, "2026-05-19 10:02"},
                {"Jonas Becker", "jonas.becker@example.com", null, Match.EXACT, "003Jx000000000AIAQ", true, "2026-05-21 08:40"},
                {"Maria Santos", "maria.santos+travel@example.com", null, Match.EXACT, "003Jx000000000FIAQ", false, "2026-05-26 12:15"},
                {"Olga Ivanova", "olga.ivanova@example.org", null, Match.CASE_AND_WHITESPACE, "003Jx000000000GIAQ", false, "2026-05-28 17:30"},
                {"Chiara Bianchi", "bianchi.family@example.net", null, Match.SHARED, "003Jx000000000EIAQ", false, "2026-06-02 19:45"},
                {"Dmitri Volkov", "dmitri.volkov@example.org", null, Match.EXACT, "003Jx000000000IIAQ", false, "2026-06-04 09:12"},
                {"Sophie Laurent", "sophie.laurent@example.net", null, Match.EXACT, "003Jx000000000JIAQ", false, "2026-06-08 14:01"},
                {"Oliver Grant", "oliver.grant@example.com", "+44 20 7946 0112", Match.EXACT, "003Jx000000000KIAQ", false, "2026-06-10 07:55"},
                {"Francesca Romano", "francesca.romano@example.org", null, Match.EXACT, "003Jx000000000LIAQ", false, "2026-06-12 11:20"},
                {"Lars Nilsson", "lars.nilsson@example.com", null, Match.EXACT, "003Jx000000000MIAQ", false, "2026-06-15 15:35"},
                {"Emma Schulz", "emma.schulz@example.net", null, Match.EXACT, "003Jx000000000NIAQ", false, "2026-06-18 10:48"},
                {"Hugo Moreau", "Hugo.Moreau@example.org", null, Match.CASE, "003Jx000000000OIAQ", false, "2026-06-22 16:05"},
                {"Isabel Navarro", "isabel.navarro@example.com ", "+34 91 555 0143", Match.WHITESPACE, "003Jx000000000PIAQ", false, "2026-06-05 09:30"},
                {"Ahmed Karim", "ahmed.karim@example.net", null, Match.EXACT, "003Jx000000000QIAQ", false, "2026-06-25 13:10"},
                {"Zoe Clarke", "zoe.clarke@example.com", null, Match.EXACT, "003Jx000000000SIAQ", false, "2026-06-29 18:22"},
                {"Nadia Petrova", "nadia.petrova@example.net", null, Match.EXACT, "003Jx0000000003IAA", true, "2026-06-13 18:47"},
                {"Kofi Asante", "kofi.asante+orders@example.org", "+44 121 496 0377", Match.PLUS_ADDRESS, "003Jx0000000009IAA", true, "2026-05-30 11:05"},
                {"Claire Dupont", "claire.dupont@example.com", null, Match.EXACT, "003Jx000000000fIAA", false, "2026-06-03 12:40"},
                {"Ben Carter", "ben.carter@example.net", null, Match.EXACT, "003Jx000000000gIAA", false, "2026-06-06 10:10"},
                {"Lucia Marino", "lucia.marino@example.org", null, Match.EXACT, "003Jx000000000hIAA", false, "2026-06-09 17:55"},
                {"Javier Ortega", "javier.ortega@example.com", null, Match.EXACT, "003Jx000000000iIAA", false, "2026-06-11 08:25"},
                {"Hanna Koch", "hanna.koch@example.net", null, Match.EXACT, "003Jx000000000jIAA", false, "2026-06-16 19:30"},
                {"Tom Harris", "tom.harris@example.com", null, Match.EXACT, "003Jx000000000lIAA", false, "2026-06-19 12:00"},
                {"Inês Almeida", "ines.almeida@example.net", null, Match.EXACT, "003Jx000000000mIAA", false, "2026-06-23 09:45"},
                {"Alice Moretti", "alice.moretti@example.com", null, Match.EXACT, "003Jx000000000oIAA", false, "2026-06-26 14:50"},
                {"Yuki Sato", "yuki.sato@example.net", null, Match.EXACT, "003Jx000000000pIAA", true, "2026-06-30 20:05"},
                {"Ruth Cohen", "ruth.cohen@example.org", null, Match.EXACT, "003Jx000000000qIAA", false, "2026-07-02 10:35"},
                {"Sven Eriksson", "sven.eriksson@example.com", null, Match.EXACT, "003Jx000000000rIAA", false, "2026-07-06 16:15"},
                {"Priya Nair", "priya.nair@example.com", null, Match.NONE, null, false, "2026-07-14 21:05"},
                {"Lucas Moreno", "lucas.moreno@example.net", null, Match.NONE, null, false, "2026-08-21 12:30"},
                {"Fatima Zahra", "fatima.zahra@example.org", null, Match.NONE, null, false, "2026-09-08 09:50"},
                {"Owen Brooks", "owen.brooks@example.com", null, Match.NONE, null, false, "2026-10-15 18:40"},
                {"Caller +44 20 7946 0321", null, "+44 20 7946 0321", Match.NONE, null, false, "2026-09-24 11:02"},
                {"Deals Team", "deals@bulk-offers.example", null, Match.NONE, null, false, "2026-10-28 03:14"},
                // Added with the text, social and online-shop channels; appended so earlier ids stay as they were.
                {"Ewa Zielińska", "ewa.zielinska@example.org", "+48 22 000 0388", Match.EXACT, "003Jx000000000kIAA", false, "2026-11-18 10:05"},
                {"Emre Aydın", null, null, Match.NONE, null, false, "2026-11-18 19:02"},
        };
        List<Requester> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            Object[] r = rows[i];
            out.add(new Requester(REQUESTER_BASE + i + 1, (String) r[0], (String) r[1], (String) r[2], (Match) r[3],
                    (String) r[4], Boolean.TRUE.equals(r[5]) ? (String) r[4] : null, t((String) r[6])));
        }
        return List.copyOf(out);
    }

    static Requester requester(String name) {
        return REQUESTERS.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(name));
    }

    // ---- tickets as a sequence of updates ----

    /** One audit: who, when, and what changed (field → value) plus an optional comment. */
    private record Update(Instant at, long actor, Map<String, Object> changes, String comment, boolean isPublic,
                          String score) {
    }

    /** A ticket's story; the final ticket, its audits and metric set are derived from the updates. */
    final class Story {
        final String key;
        final Requester requester;
        final String channel;
        final Map<String, Object> initial = new LinkedHashMap<>();
        final List<Update> updates = new ArrayList<>();
        String subject;
        String description;
        String businessLine;
        String booking;
        String ratingComment;
        /** The visitor's device as the web widget tags it (desktop, mobile, tablet); null: see {@link #device()}. */
        String device;
        long id;

        Story(String key, Requester requester, String channel, String created, String subject, String description,
              long group, String businessLine) {
            this.key = key;
            this.requester = requester;
            this.channel = channel;
            this.subject = subject;
            this.description = description;
            this.businessLine = businessLine;
            initial.put("status", "new");
            initial.put("priority", "normal");
            initial.put("type", "question");
            initial.put("group_id", group);
            initial.put("assignee_id", null);
            updates.add(new Update(t(created), requester.id(), new LinkedHashMap<>(), description, true, null));
            stories.add(this);
        }

        Instant created() {
            return updates.get(0).at();
        }

        Story with(String field, Object value) {
            initial.put(field, value);
            return this;
        }

        Story booking(String number) {
            this.booking = number;
            return this;
        }

        /** The device the customer used on the website, which the web widget records as a tag. */
        Story device(String device) {
            this.device = device;
            return this;
        }

        /**
         * The device tag of a ticket from the website (help centre form or web widget): Meridian's widget snippet
         * tags the visitor's device (docs/sandbox.md). A story may say which; otherwise a person keeps to one
         * device, mobile for every other requester. Other channels carry no device tag.
         */
        String deviceTag() {
            if (!channel.equals("web") && !channel.equals("web_widget")) {
                return null;
            }
            String d = device != null ? device : requester.id() % 2 == 0 ? "mobile" : "desktop";
            return "device_" + d;
        }

        /** Public agent reply, optionally with a status change (and assigning the agent if unassigned). */
        Story reply(String at, long agent, String body, String status) {
            Map<String, Object> c = new LinkedHashMap<>();
            if (current("assignee_id") == null) {
                c.put("assignee_id", agent);
            }
            if (status != null) {
                c.put("status", status);
            }
            updates.add(new Update(t(at), agent, c, body, true, null));
            return this;
        }

        /** Internal note; the requester never sees it. */
        Story note(String at, long agent, String body) {
            updates.add(new Update(t(at), agent, new LinkedHashMap<>(), body, false, null));
            return this;
        }

        /** The requester writes again; a solved or pending ticket opens. */
        Story customer(String at, String body) {
            Map<String, Object> c = new LinkedHashMap<>();
            Object status = current("status");
            if ("solved".equals(status) || "pending".equals(status)) {
                c.put("status", "open");
            }
            updates.add(new Update(t(at), requester.id(), c, body, true, null));
            return this;
        }

        /** Field changes without a comment (e.g. a move to another group). */
        Story set(String at, long actor, Object... fieldValues) {
            Map<String, Object> c = new LinkedHashMap<>();
            for (int i = 0; i < fieldValues.length; i += 2) {
                c.put((String) fieldValues[i], fieldValues[i + 1]);
            }
            updates.add(new Update(t(at), actor, c, null, false, null));
            return this;
        }

        Story solve(String at, long agent, String publicReply) {
            Map<String, Object> c = new LinkedHashMap<>();
            if (current("assignee_id") == null) {
                c.put("assignee_id", agent);
            }
            c.put("status", "solved");
            updates.add(new Update(t(at), agent, c, publicReply, publicReply != null, null));
            return this;
        }

        /** The satisfaction survey answer (good or bad); without it a solved ticket's survey stays "offered". */
        Story rate(String at, String score, String comment) {
            this.ratingComment = comment;
            updates.add(new Update(t(at), requester.id(), new LinkedHashMap<>(), null, false, score));
            return this;
        }

        Object current(String field) {
            Object v = initial.get(field);
            for (Update u : updates) {
                if (u.changes().containsKey(field)) {
                    v = u.changes().get(field);
                }
            }
            return v;
        }

        Instant lastUpdate() {
            return updates.stream().map(Update::at).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    private final List<Story> stories = new ArrayList<>();
    private final Random random = new Random(20260520L);

    private ZendeskDemoWorldGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0])
                : Files.isRegularFile(Path.of("sandbox", "pom.xml"))
                ? Path.of("sandbox/src/main/resources", DIR)
                : Path.of("src/main/resources", DIR);
        for (Map.Entry<String, String> file : generate().entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
        System.out.println("wrote the demo world's Zendesk files to " + dir.toAbsolutePath());
    }

    /** File name (relative to {@code zendesk/}) → content. */
    public static Map<String, String> generate() {
        ZendeskDemoWorldGenerator g = new ZendeskDemoWorldGenerator();
        g.writeStories();
        return g.render();
    }

    /** Ticket key → ticket id, for tests and docs. */
    public static Map<String, Long> ticketIds() {
        ZendeskDemoWorldGenerator g = new ZendeskDemoWorldGenerator();
        g.writeStories();
        g.assignIds();
        Map<String, Long> out = new LinkedHashMap<>();
        g.stories.forEach(s -> out.put(s.key, s.id));
        return out;
    }

    // ---- the stories ----

    private void writeStories() {
        Requester trey = requester("Trey Weller");
        new Story("trey-chat", trey, "chat", "2026-07-02 21:40", "Where is my itinerary?",
                "Chat started from the Meridian Journeys website.\n(21:40:12) Trey Weller: Hi, I booked the Scottish Highlands"
                        + " tour in May and never got my itinerary. Departure is in three weeks.\n(21:44:50) Trey Weller: Anyone there?"
                        + "\n(21:52:03) Chat ended by visitor. No agent was online.", TRAVEL, "journeys")
                .booking("MJ-2026-0412")
                .note("2026-07-06 10:05", SOFIA, "Same question as his email ticket; answered there.")
                .solve("2026-07-06 10:06", SOFIA, null);
        new Story("trey-itinerary", trey, "email", "2026-07-03 08:12", "Never received my itinerary",
                "Hello, I booked the Scottish Highlands coach tour (booking MJ-2026-0412) and paid in May, but I have not"
                        + " received any itinerary or joining instructions. I tried the chat last night but nobody answered."
                        + " Where is my itinerary?\nTrey Weller", TRAVEL, "journeys")
                .with("priority", "high").booking("MJ-2026-0412")
                .set("2026-07-03 09:30", PAVEL, "assignee_id", SOFIA)
                .reply("2026-07-06 09:30", SOFIA, "Dear Mr Weller, sorry for the wait. Your itinerary is attached and is also"
                        + " in your account on our website under My trips.", "pending")
                .customer("2026-07-06 12:02", "Thanks. I found it after logging in to the website.")
                .solve("2026-07-07 09:10", SOFIA, "Glad you have it now. Enjoy the Highlands!");

        Requester nadia = requester("Nadia Petrova");
        new Story("nadia-complaint", nadia, "email", "2026-06-13 18:47", "Complaint: sofa delivered damaged",
                "The corner sofa (order MS-88213) was delivered today with a torn seam and a broken leg. I want a replacement"
                        + " or my money back. Photos attached.\nNadia Petrova", RETAIL, "stores")
                .with("type", "problem").booking("MS-88213")
                .set("2026-06-14 09:10", PAVEL, "assignee_id", SOFIA)
                .note("2026-06-15 11:20", SOFIA, "Asked the warehouse for the delivery photos.")
                .set("2026-06-15 11:21", SOFIA, "status", "pending")
                .note("2026-06-20 15:45", PAVEL, "Courier claim opened. Waiting for the carrier before we answer.")
                .note("2026-08-14 16:00", SOFIA, "Carrier accepted the claim; refund issued by finance.")
                .solve("2026-08-14 16:01", SOFIA, null)
                .rate("2026-08-15 09:12", "bad", "Nobody ever answered me. Two months for a damaged sofa.");
        new Story("nadia-second-request", nadia, "web", "2026-06-27 08:30", "Second request: damaged sofa",
                "I wrote two weeks ago about my damaged sofa (MS-88213) and have had no answer at all.", RETAIL, "stores")
                .with("priority", "high").booking("MS-88213")
                .note("2026-06-28 09:15", PAVEL, "Duplicate of the complaint ticket; carrier claim still open.")
                .solve("2026-06-29 10:01", PAVEL, null);

        Requester jonas = requester("Jonas Becker");
        new Story("group-move-no-note", jonas, "email", "2026-08-18 07:50", "Refund for cancelled excursion",
                "The Lake Bled excursion on my Slovenia tour was cancelled by you. Please refund the EUR 85.", TRAVEL, "journeys")
                .booking("MJ-2026-0655")
                .set("2026-08-18 09:02", SOFIA, "assignee_id", SOFIA, "status", "open")
                .set("2026-08-18 10:15", SOFIA, "group_id", BILLING, "assignee_id", LUKAS)
                .reply("2026-08-20 14:00", LUKAS, "We are processing the refund of EUR 85; it takes up to 7 working days.", "pending")
                .solve("2026-08-28 15:30", LUKAS, "The refund has been paid to your card.")
                .rate("2026-08-29 08:05", "good", "Refund arrived, thank you.");

        Requester claire = requester("Claire Dupont");
        new Story("reopened", claire, "email", "2026-07-24 14:24", "Wrong colour delivered",
                "I ordered the sage green armchair and received a grey one.", RETAIL, "stores")
                .booking("MS-90124")
                .reply("2026-07-24 16:00", SOFIA, "Sorry about that. A green replacement leaves the warehouse tomorrow.", "solved")
                .customer("2026-07-27 10:00", "The replacement is grey again!")
                .reply("2026-07-27 13:00", PAVEL, "Apologies. I checked the stock myself: a green chair is booked for Wednesday.", "pending")
                .solve("2026-07-29 11:00", PAVEL, "Delivered today, confirmed by the driver.")
                .rate("2026-07-30 09:40", "bad", "Had to ask twice.");

        Requester oliver = requester("Oliver Grant");
        new Story("raised-to-urgent", oliver, "voice", "2026-08-14 06:45", "Coach left the pick-up point without me",
                "Inbound call from +44 20 7946 0112. Caller is at the Victoria pick-up point; the coach for the Cotswolds"
                        + " day tour left at 06:30 without him.", TRAVEL, "journeys")
                .booking("MJ-2026-0701")
                .set("2026-08-14 06:52", PAVEL, "priority", "urgent", "assignee_id", PAVEL, "status", "open")
                .reply("2026-08-14 07:05", PAVEL, "The coach will wait for you at the Hammersmith stop at 07:40; a taxi is booked.", "pending")
                .solve("2026-08-14 11:30", PAVEL, "Glad you made it on board.")
                .rate("2026-08-15 10:20", "good", "Pavel saved my day.");

        Requester dmitri = requester("Dmitri Volkov");
        new Story("channel-switch-chat", dmitri, "chat", "2026-09-19 16:20", "Visa invitation letter for the Baltic tour",
                "(16:20:31) Dmitri Volkov: I need an invitation letter for my visa for the Baltic capitals tour.\n"
                        + "(16:24:02) Sofia Ramirez: I will check with the tour operator and come back to you.", TRAVEL, "journeys")
                .booking("MJ-2026-0890")
                .reply("2026-09-19 16:24", SOFIA, "I will check with the tour operator and come back to you.", "open");
        new Story("channel-switch-email", dmitri, "email", "2026-09-20 09:05", "Re: visa invitation letter",
                "Following up on yesterday's chat: the embassy appointment is on Monday. Do you have the letter?", TRAVEL, "journeys")
                .booking("MJ-2026-0890")
                .reply("2026-09-21 10:30", SOFIA, "The invitation letter is attached.", "solved");
        stories.get(stories.size() - 2).solve("2026-09-21 10:32", SOFIA, null);

        Requester yuki = requester("Yuki Sato");
        new Story("devices-web", yuki, "web", "2026-10-03 19:10", "Return request: lamp base cracked",
                "The ceramic lamp base (order MS-93310) arrived cracked. How do I return it?", RETAIL, "stores")
                .booking("MS-93310").device("desktop")
                .reply("2026-10-05 09:20", SOFIA, "We have emailed you a return label.", "pending")
                .solve("2026-10-08 09:00", SOFIA, null);
        new Story("devices-app", yuki, "mobile_sdk", "2026-10-04 08:30", "Return label not received",
                "Sent from the Meridian Stores app: I asked yesterday on the website about returning a cracked lamp."
                        + " Still no label.", RETAIL, "stores")
                .booking("MS-93310")
                .reply("2026-10-05 09:25", SOFIA, "Answered in your web request: the label is in your inbox.", "solved")
                .rate("2026-10-06 18:00", "good", null);

        Requester kofi = requester("Kofi Asante");
        new Story("kofi-email", kofi, "email", "2026-08-03 09:10", "Wardrobe not delivered on the promised day",
                "My wardrobe (order MS-91877) was due yesterday. Nobody came.", RETAIL, "stores")
                .booking("MS-91877")
                .reply("2026-08-04 11:00", SOFIA, "The carrier rebooked delivery for Friday.", "solved");
        new Story("kofi-chat", kofi, "chat", "2026-08-07 17:45", "Where is my wardrobe order?",
                "(17:45:10) Kofi Asante: Friday came and went. Where is my wardrobe?", RETAIL, "stores")
                .booking("MS-91877")
                .solve("2026-08-07 17:55", SOFIA, "I have asked the carrier for an urgent slot.");
        new Story("kofi-phone", kofi, "voice", "2026-08-13 12:30", "Still waiting for delivery",
                "Inbound call from +44 121 496 0377. Third contact about the wardrobe.", RETAIL, "stores")
                .with("priority", "high").booking("MS-91877")
                .reply("2026-08-13 12:41", PAVEL, "Delivery confirmed for Saturday morning with a EUR 50 voucher.", "pending")
                .solve("2026-08-16 09:00", PAVEL, null)
                .rate("2026-08-16 19:30", "bad", "Three contacts for one wardrobe.");

        new Story("prospect-norway", requester("Priya Nair"), "web_widget", "2026-07-14 21:05", "Winter tours to Norway?",
                "Do you run coach tours to see the northern lights in February?", TRAVEL, "journeys")
                .reply("2026-07-15 09:40", SOFIA, "Yes: the Arctic Lights tour runs in February and March.", "solved")
                .rate("2026-07-16 08:00", "good", "Quick and clear.");
        new Story("prospect-sofa-sizes", requester("Lucas Moreno"), "chat", "2026-08-21 12:30", "Sofa sizes in the Leeds store",
                "(12:30:05) Lucas Moreno: Is the Oslo three-seater on display in Leeds?", RETAIL, "stores")
                .solve("2026-08-21 12:38", SOFIA, "Yes, it is on display on the first floor.");
        new Story("prospect-group", requester("Fatima Zahra"), "email", "2026-09-08 09:50", "Group booking for 12 people",
                "We are a walking club of 12. Can we book the Lake District tour together with a discount?", TRAVEL, "journeys")
                .reply("2026-09-09 10:15", SOFIA, "Groups of ten or more get 10 percent off; I have passed you to our sales team.", "solved");
        new Story("prospect-app", requester("Owen Brooks"), "web_widget", "2026-10-15 18:40", "Gift vouchers",
                "Can I buy a gift voucher for a coach tour?", TRAVEL, "journeys")
                .reply("2026-10-16 09:05", SOFIA, "Yes, vouchers from EUR 50 are on our website.", "solved");
        new Story("unknown-caller", requester("Caller +44 20 7946 0321"), "voice", "2026-09-24 11:02", "Missed call about a delivery slot",
                "Voicemail from +44 20 7946 0321: asks to move a delivery slot, gave no order number.", RETAIL, "stores")
                .note("2026-09-24 14:10", SOFIA, "Called back twice, no answer.")
                .solve("2026-09-25 09:00", SOFIA, null);
        new Story("spam", requester("Deals Team"), "email", "2026-10-28 03:14", "You have WON a free cruise!!!",
                "Click here to claim your prize.", RETAIL, "stores")
                .set("2026-10-28 08:05", PAVEL, "status", "deleted");

        new Story("mei-dietary", requester("Mei Tanaka"), "web_widget", "2026-07-24 16:47", "Dietary requirements on tour",
                "I am vegetarian and allergic to nuts. Will the hotels on the Tuscany tour know?", TRAVEL, "journeys")
                .reply("2026-07-25 10:00", SOFIA, "Yes, we have told every hotel and the tour manager.", "solved")
                .rate("2026-07-26 08:30", "good", "Very reassuring.");
        new Story("olga-invoice", requester("Olga Ivanova"), "email", "2026-09-13 15:44", "Invoice copy for tour booking",
                "Please send me a copy of the invoice for my Vienna and Salzburg tour.", BILLING, "journeys")
                .reply("2026-09-15 06:22", LUKAS, "The invoice copy is attached.", "solved");
        new Story("maria-pickup", requester("Maria Santos"), "email", "2026-09-01 14:17", "Change of pick-up point",
                "Could I join the Andalusia tour at Málaga instead of Seville?", TRAVEL, "journeys")
                .reply("2026-09-02 21:14", SOFIA, "Done: your pick-up is now Málaga bus station at 08:15.", "solved");
        new Story("bianchi-family-room", requester("Chiara Bianchi"), "chat", "2026-06-02 19:45", "Family room on the Lake Garda tour",
                "(19:45:40) Chiara Bianchi: Can our two children share our room on the Lake Garda tour?", TRAVEL, "journeys")
                .solve("2026-06-02 19:58", SOFIA, "Yes, family rooms are available; I added one to your enquiry.");
        new Story("isabel-seat", requester("Isabel Navarro"), "voice", "2026-06-06 10:37", "Seat allocation on the coach",
                "Inbound call from +34 91 555 0143: wants seats at the front because of travel sickness.", TRAVEL, "journeys")
                .reply("2026-06-06 10:45", PAVEL, "Seats 3A and 3B are reserved for you.", "solved");

        new Story("open-dining-table", requester("Ruth Cohen"), "chat", "2026-11-16 17:05", "Delivery slot for the dining table",
                "(17:05:22) Ruth Cohen: Can the dining table come on a Saturday?", RETAIL, "stores")
                .booking("MS-97702")
                .reply("2026-11-16 17:12", SOFIA, "I have asked the carrier for Saturday slots and will confirm.", "pending");
        new Story("open-tour-documents", requester("Zoe Clarke"), "email", "2026-11-18 08:20", "Tour documents for December",
                "My Christmas markets tour leaves on 5 December. When will the documents arrive?", TRAVEL, "journeys")
                .booking("MJ-2026-1204");

        routineTickets();
        newerChannels();
    }

    /**
     * The text, social and integration channels, in the last days before the snapshot: created after every other
     * ticket, so the ids of the tickets above do not move.
     */
    private void newerChannels() {
        new Story("sms-delivery-time", requester("Ewa Zielińska"), "sms", "2026-11-18 10:05", "Reply to delivery text",
                "Text message in reply to the delivery reminder for order MS-98044: 'Can the sofa come after 16:00 on"
                        + " Friday? Nobody is home before.'", RETAIL, "stores")
                .booking("MS-98044")
                .reply("2026-11-18 10:40", SOFIA, "Done: Friday between 16:00 and 19:00. You will get a text when the van"
                        + " is on its way.", "solved");
        new Story("facebook-christmas-markets", requester("Emre Aydın"), "facebook", "2026-11-18 19:02",
                "Christmas markets tour from Munich?",
                "Facebook Messenger, Meridian Journeys page: 'Hi! Does the Christmas markets coach tour also pick up in"
                        + " Munich? We are four friends.'", TRAVEL, "journeys")
                .reply("2026-11-19 08:55", SOFIA, "Hi Emre, yes: the 12 December departure stops in Munich at 07:00. You can"
                        + " book four seats on journeys.meridiangroup.example/tours/christmas-markets.", "solved");
        new Story("api-failed-delivery", requester("Hanna Koch"), "api", "2026-11-19 07:30",
                "Delivery failed: nobody at home (order MS-98110)",
                "Created by the Meridian Stores online shop: the carrier could not deliver order MS-98110 on 18 November"
                        + " (nobody at home). The customer has been asked to choose a new day.", RETAIL, "stores")
                .with("type", "incident").booking("MS-98110")
                .reply("2026-11-19 09:15", SOFIA, "Hello Ms Koch, the carrier missed you yesterday. Reply with a day that"
                        + " suits you and we will rebook the delivery.", "pending");
    }

    private static final String[][] TRAVEL_TOPICS = {
            {"Luggage allowance on the coach", "How many suitcases can I bring on the coach?"},
            {"Travel insurance question", "Is travel insurance included in the tour price?"},
            {"Seat allocation on the coach", "Can we sit together near the front?"},
            {"Change of pick-up point", "Can I join the tour at a different pick-up point?"},
            {"Hotel details before departure", "Which hotels are we staying in?"},
            {"Single supplement", "How much is the single room supplement?"},
    };
    private static final String[][] RETAIL_TOPICS = {
            {"Return request", "I would like to return an item I bought online."},
            {"Order not delivered on the promised day", "My delivery did not arrive today."},
            {"Loyalty points missing", "My last purchase did not add loyalty points."},
            {"Assembly service booking", "Can you assemble the wardrobe when you deliver it?"},
            {"Wrong colour delivered", "The cushions are not the colour I ordered."},
            {"Price match request", "I saw the same table cheaper elsewhere."},
    };
    private static final String[] TRAVEL_REQUESTERS = {"Sophie Laurent", "Francesca Romano", "Lars Nilsson", "Emma Schulz",
            "Hugo Moreau", "Ahmed Karim", "Zoe Clarke", "Jonas Becker", "Mei Tanaka", "Maria Santos"};
    private static final String[] RETAIL_REQUESTERS = {"Ben Carter", "Lucia Marino", "Javier Ortega", "Hanna Koch",
            "Tom Harris", "Inês Almeida", "Alice Moretti", "Ruth Cohen", "Sven Eriksson", "Claire Dupont"};
    private static final String[] CHANNELS = {"email", "web", "chat", "web_widget", "mobile_sdk", "voice", "email", "chat"};

    /** Everyday tickets, May to mid-November, to give the rules a background to stand out from. */
    private void routineTickets() {
        LocalDateTime day = LocalDateTime.of(2026, 5, 6, 0, 0);
        for (int i = 0; i < 34; i++) {
            boolean travel = i % 2 == 0;
            String[] topic = (travel ? TRAVEL_TOPICS : RETAIL_TOPICS)[random.nextInt(6)];
            String[] names = travel ? TRAVEL_REQUESTERS : RETAIL_REQUESTERS;
            Requester who = requester(names[random.nextInt(names.length)]);
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            LocalDateTime created = day.plusHours(8 + random.nextInt(12)).plusMinutes(random.nextInt(60));
            if (created.toInstant(ZoneOffset.UTC).isBefore(who.created())) {
                created = LocalDateTime.ofInstant(who.created(), ZoneOffset.UTC);
            }
            long agent = random.nextInt(3) == 0 ? PAVEL : SOFIA;
            Story s = new Story("routine-" + (i + 1), who, channel, fmt(created), topic[0], topic[1],
                    travel ? TRAVEL : RETAIL, travel ? "journeys" : "stores");
            LocalDateTime replied = created.plusMinutes(20 + random.nextInt(60 * 20));
            boolean open = created.isAfter(LocalDateTime.of(2026, 11, 12, 0, 0));
            if (open) {
                s.reply(fmt(replied), agent, "Thanks for getting in touch; we are looking into it.", "pending");
            } else {
                s.reply(fmt(replied), agent, "Thanks for getting in touch. Here is the answer to your question.", "solved");
                int mood = random.nextInt(10);
                if (mood < 4) {
                    s.rate(fmt(replied.plusHours(18 + random.nextInt(30))), "good", mood == 0 ? "Helpful, thanks." : null);
                } else if (mood == 4) {
                    s.rate(fmt(replied.plusHours(20 + random.nextInt(30))), "bad", "Slow answer.");
                }
            }
            day = day.plusDays(5 + random.nextInt(2));
        }
    }

    // ---- rendering ----

    private void assignIds() {
        stories.sort(Comparator.comparing(Story::created).thenComparing(s -> s.key));
        for (int i = 0; i < stories.size(); i++) {
            stories.get(i).id = i + 1;
        }
    }

    private Map<String, String> render() {
        assignIds();
        for (Story s : stories) {
            if (s.lastUpdate().isAfter(LAST_RECORD)) {
                throw new IllegalStateException(s.key + " ends after " + LAST_RECORD);
            }
        }
        List<Map<String, Object>> tickets = new ArrayList<>();
        List<Map<String, Object>> metrics = new ArrayList<>();
        List<Map<String, Object>> ratings = new ArrayList<>();
        List<Object[]> audits = new ArrayList<>();
        long ratingId = RATING_BASE;
        for (Story s : stories) {
            tickets.add(ticket(s));
            metrics.add(metricSet(s));
            Map<String, Object> rating = rating(s, ++ratingId);
            if (rating != null) {
                ratings.add(rating);
            } else {
                ratingId--;
            }
            for (int i = 0; i < s.updates.size(); i++) {
                audits.add(new Object[] {s, i});
            }
        }
        audits.sort(Comparator.comparing((Object[] a) -> ((Story) a[0]).updates.get((int) a[1]).at())
                .thenComparingLong(a -> ((Story) a[0]).id).thenComparingInt(a -> (int) a[1]));
        List<Map<String, Object>> events = new ArrayList<>();
        long[] next = {EVENT_BASE};
        for (Object[] a : audits) {
            events.add(audit((Story) a[0], (int) a[1], next));
        }
        ObjectWriter w = writer();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("account.json", write(w, account()));
        files.put("groups.json", write(w, groups()));
        files.put("users.json", write(w, users()));
        files.put("tickets.json", write(w, tickets));
        files.put("ticket_metrics.json", write(w, metrics));
        files.put("ticket_events.json", write(w, events));
        files.put("satisfaction_ratings.json", write(w, ratings));
        return files;
    }

    private static Map<String, Object> account() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("subdomain", "meridiangroup");
        a.put("agentEmail", "journey.integration@" + DOMAIN);
        a.put("apiToken", "sandbox-zendesk-api-token");
        a.put("oauthToken", "sandbox-zendesk-oauth-token");
        a.put("incrementalExportsPerMinute", 10);
        a.put("brandId", BRAND);
        a.put("ticketFormId", FORM);
        return a;
    }

    private static List<Map<String, Object>> groups() {
        Object[][] rows = {
                {TRAVEL, "Travel Support", "Meridian Journeys: bookings, itineraries, pick-up points, on-tour problems."},
                {RETAIL, "Retail Support", "Meridian Stores: orders, deliveries, returns, loyalty points."},
                {BILLING, "Billing", "Invoices, refunds and payment questions for both lines."},
                {ESCALATIONS, "Escalations", "Team leads; urgent and repeated contacts."},
        };
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] r : rows) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("id", r[0]);
            g.put("name", r[1]);
            g.put("description", r[2]);
            g.put("default", r[0].equals(TRAVEL));
            g.put("created_at", "2026-04-01T08:00:00Z");
            g.put("updated_at", "2026-04-01T08:00:00Z");
            out.add(g);
        }
        return out;
    }

    private static List<Map<String, Object>> users() {
        List<Map<String, Object>> out = new ArrayList<>();
        Object[][] staff = {
                {ANA, "Ana Lopes", "ana.lopes", "admin", null, "Salesforce and Zendesk administrator"},
                {INTEGRATION, "Journey Integration", "journey.integration", "admin", null, "API user of the journey connector"},
                {PAVEL, "Pavel Orlov", "pavel.orlov", "agent", ESCALATIONS, "Support Team Lead"},
                {SOFIA, "Sofia Ramirez", "sofia.ramirez", "agent", TRAVEL, "Support Agent"},
                {LUKAS, "Lukas Brandt", "lukas.brandt", "agent", BILLING, "Billing Agent"},
        };
        for (Object[] s : staff) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("id", s[0]);
            u.put("name", s[1]);
            u.put("email", s[2] + "@" + DOMAIN);
            u.put("created_at", "2026-04-01T08:00:00Z");
            u.put("updated_at", "2026-04-01T08:00:00Z");
            u.put("role", s[3]);
            u.put("notes", s[5]);
            u.put("default_group_id", s[4]);
            out.add(u);
        }
        for (Requester r : REQUESTERS) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("id", r.id());
            u.put("name", r.name());
            u.put("email", r.email());
            u.put("created_at", iso(r.created()));
            u.put("updated_at", iso(r.created()));
            u.put("phone", r.phone());
            u.put("role", "end-user");
            u.put("external_id", r.externalId());
            u.put("tags", r.contactId() == null ? List.of("prospect") : List.of());
            out.add(u);
        }
        return out;
    }

    private Map<String, Object> ticket(Story s) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", s.id);
        t.put("external_id", null);
        t.put("via", via(s));
        t.put("created_at", iso(s.created()));
        t.put("updated_at", iso(s.lastUpdate()));
        t.put("type", s.current("type"));
        t.put("subject", s.subject);
        t.put("raw_subject", s.subject);
        t.put("description", s.description);
        t.put("priority", s.current("priority"));
        t.put("status", s.current("status"));
        t.put("recipient", s.channel.equals("email") ? recipient(s) : null);
        t.put("requester_id", s.requester.id());
        t.put("submitter_id", s.requester.id());
        t.put("assignee_id", s.current("assignee_id"));
        t.put("organization_id", null);
        t.put("group_id", s.current("group_id"));
        t.put("tags", tags(s));
        List<Map<String, Object>> fields = new ArrayList<>();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", FIELD_BUSINESS_LINE);
        line.put("value", s.businessLine);
        fields.add(line);
        Map<String, Object> booking = new LinkedHashMap<>();
        booking.put("id", FIELD_BOOKING);
        booking.put("value", s.booking);
        fields.add(booking);
        t.put("custom_fields", fields);
        t.put("satisfaction_rating", s.current("status").equals("solved") ? Map.of("score", "unoffered") : null);
        return t;
    }

    private static String recipient(Story s) {
        return s.businessLine.equals("journeys") ? "travel@" + DOMAIN : "stores@" + DOMAIN;
    }

    private static List<String> tags(Story s) {
        List<String> tags = new ArrayList<>();
        tags.add(s.businessLine);
        tags.add(s.channel);
        if (s.requester.contactId() == null) {
            tags.add("prospect");
        }
        String device = s.deviceTag();
        if (device != null) {
            tags.add(device);
        }
        return tags;
    }

    private static Map<String, Object> via(Story s) {
        Map<String, Object> source = new LinkedHashMap<>();
        Map<String, Object> from = new LinkedHashMap<>();
        Map<String, Object> to = new LinkedHashMap<>();
        Object rel = null;
        switch (s.channel) {
            case "email" -> {
                from.put("address", s.requester.email() == null ? null : s.requester.email().trim());
                from.put("name", s.requester.name());
                to.put("name", s.businessLine.equals("journeys") ? "Meridian Journeys Support" : "Meridian Stores Support");
                to.put("address", recipient(s));
            }
            case "voice" -> {
                from.put("phone", s.requester.phone());
                from.put("name", s.requester.name());
                to.put("phone", "+44 20 7946 0000");
                to.put("name", "Meridian support line");
                rel = "inbound";
            }
            case "sms" -> {
                from.put("phone", s.requester.phone());
                from.put("name", s.requester.name());
                to.put("phone", "+44 7700 900000");
                to.put("name", "Meridian text line");
            }
            case "facebook" -> {
                from.put("name", s.requester.name());
                from.put("facebook_id", "10" + (s.requester.id() % 1_000_000_000L));
                to.put("name", s.businessLine.equals("journeys") ? "Meridian Journeys" : "Meridian Stores");
                to.put("facebook_id", "1090000000001");
                rel = "message";
            }
            case "chat" -> rel = "chat";
            case "mobile_sdk" -> rel = "mobile_sdk";
            default -> {
            }
        }
        source.put("from", from);
        source.put("to", to);
        source.put("rel", rel);
        Map<String, Object> via = new LinkedHashMap<>();
        via.put("channel", s.channel);
        via.put("source", source);
        return via;
    }

    private static String viaName(String channel) {
        return switch (channel) {
            case "email" -> "Mail";
            case "web" -> "Web form";
            case "chat" -> "Chat";
            case "voice" -> "Voice";
            case "mobile_sdk" -> "Mobile SDK";
            case "web_widget" -> "Web Widget";
            case "sms" -> "Text";
            case "facebook" -> "Facebook";
            default -> "API";
        };
    }

    private Map<String, Object> audit(Story s, int index, long[] next) {
        Update u = s.updates.get(index);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", ++next[0]);
        e.put("ticket_id", s.id);
        e.put("timestamp", u.at().getEpochSecond());
        e.put("created_at", iso(u.at()));
        e.put("updater_id", u.actor());
        boolean byRequester = u.actor() == s.requester.id();
        e.put("via", byRequester ? viaName(s.channel) : "Web form");
        e.put("via_reference_id", null);
        Map<String, Object> system = new LinkedHashMap<>();
        if (!byRequester) {
            system.put("client", "Zendesk Agent Workspace");
            system.put("location", "London, United Kingdom");
        }
        e.put("system", system);
        e.put("event_type", "Audit");
        List<Map<String, Object>> children = new ArrayList<>();
        if (index == 0) {
            for (String field : List.of("subject", "requester_id", "status", "priority", "type", "group_id", "tags")) {
                Map<String, Object> c = child(next, "Create");
                c.put("field_name", field);
                c.put("value", switch (field) {
                    case "subject" -> s.subject;
                    case "requester_id" -> String.valueOf(s.requester.id());
                    case "tags" -> tags(s);
                    case "group_id" -> String.valueOf(s.initial.get("group_id"));
                    default -> s.initial.get(field);
                });
                children.add(c);
            }
        } else {
            Map<String, Object> before = stateBefore(s, index);
            for (Map.Entry<String, Object> change : u.changes().entrySet()) {
                Map<String, Object> c = child(next, "Change");
                c.put("field_name", change.getKey());
                c.put("value", change.getValue() == null ? null : String.valueOf(change.getValue()));
                Object was = before.get(change.getKey());
                c.put("previous_value", was == null ? null : String.valueOf(was));
                children.add(c);
            }
        }
        if (u.comment() != null) {
            Map<String, Object> c = child(next, "Comment");
            c.put("author_id", u.actor());
            c.put("body", u.comment());
            c.put("html_body", "<div class=\"zd-comment\"><p>" + u.comment().replace("&", "&amp;").replace("<", "&lt;")
                    .replace("\n", "<br>") + "</p></div>");
            c.put("public", u.isPublic());
            c.put("attachments", List.of());
            children.add(c);
        }
        if (u.score() != null) {
            Map<String, Object> c = child(next, "SatisfactionRating");
            c.put("score", u.score());
            c.put("assignee_id", s.current("assignee_id"));
            c.put("body", s.ratingComment);
            children.add(c);
        }
        e.put("child_events", children);
        return e;
    }

    private static Map<String, Object> child(long[] next, String type) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", ++next[0]);
        c.put("event_type", type);
        return c;
    }

    private static Map<String, Object> stateBefore(Story s, int index) {
        Map<String, Object> state = new LinkedHashMap<>(s.initial);
        for (int i = 1; i < index; i++) {
            state.putAll(s.updates.get(i).changes());
        }
        return state;
    }

    /** Ticket metrics derived from the updates, as Zendesk computes them; business hours Mon-Fri 09:00-17:00 UTC. */
    private Map<String, Object> metricSet(Story s) {
        Instant created = s.created();
        Instant firstReply = null;
        Instant firstSolved = null;
        Instant lastSolved = null;
        Instant initiallyAssigned = null;
        Instant assigned = null;
        Instant statusUpdated = created;
        Instant requesterUpdated = created;
        Instant assigneeUpdated = null;
        Instant latestComment = created;
        int replies = 0;
        int reopens = 0;
        int groupStations = 1;
        int assigneeStations = 0;
        long agentWait = 0;
        long requesterWait = 0;
        String status = (String) s.initial.get("status");
        Instant statusSince = created;
        for (int i = 1; i < s.updates.size(); i++) {
            Update u = s.updates.get(i);
            Map<String, Object> c = u.changes();
            if (u.comment() != null) {
                latestComment = u.at();
                if (u.isPublic() && u.actor() != s.requester.id()) {
                    replies++;
                    if (firstReply == null) {
                        firstReply = u.at();
                    }
                }
            }
            if (u.actor() == s.requester.id()) {
                requesterUpdated = u.at();
            } else if (Long.valueOf(u.actor()).equals(stateBefore(s, i + 1).get("assignee_id"))) {
                assigneeUpdated = u.at();
            }
            if (c.containsKey("group_id")) {
                groupStations++;
            }
            if (c.containsKey("assignee_id") && c.get("assignee_id") != null) {
                assigneeStations++;
                assigned = u.at();
                if (initiallyAssigned == null) {
                    initiallyAssigned = u.at();
                }
            }
            if (c.containsKey("status")) {
                String next = (String) c.get("status");
                long minutes = Duration.between(statusSince, u.at()).toMinutes();
                if (status.equals("pending")) {
                    agentWait += minutes;
                } else if (!status.equals("solved")) {
                    requesterWait += minutes;
                }
                if (status.equals("solved") && !next.equals("solved")) {
                    reopens++;
                }
                if (next.equals("solved")) {
                    if (firstSolved == null) {
                        firstSolved = u.at();
                    }
                    lastSolved = u.at();
                }
                status = next;
                statusSince = u.at();
                statusUpdated = u.at();
            }
        }
        boolean solved = status.equals("solved");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", METRIC_BASE + s.id);
        m.put("ticket_id", s.id);
        m.put("created_at", iso(created));
        m.put("updated_at", iso(s.lastUpdate()));
        m.put("group_stations", groupStations);
        m.put("assignee_stations", assigneeStations);
        m.put("reopens", reopens);
        m.put("replies", replies);
        m.put("assignee_updated_at", assigneeUpdated == null ? null : iso(assigneeUpdated));
        m.put("requester_updated_at", iso(requesterUpdated));
        m.put("status_updated_at", iso(statusUpdated));
        m.put("initially_assigned_at", initiallyAssigned == null ? null : iso(initiallyAssigned));
        m.put("assigned_at", assigned == null ? null : iso(assigned));
        m.put("solved_at", solved ? iso(lastSolved) : null);
        m.put("latest_comment_added_at", iso(latestComment));
        m.put("reply_time_in_minutes", minutes(created, firstReply));
        m.put("first_resolution_time_in_minutes", minutes(created, firstSolved));
        m.put("full_resolution_time_in_minutes", solved ? minutes(created, lastSolved) : minutes(created, null));
        m.put("agent_wait_time_in_minutes", solved ? pair(agentWait, agentWait) : pair(null, null));
        m.put("requester_wait_time_in_minutes", solved ? pair(requesterWait, requesterWait) : pair(null, null));
        m.put("on_hold_time_in_minutes", pair(0L, 0L));
        m.put("custom_status_updated_at", iso(statusUpdated));
        return m;
    }

    private static Map<String, Object> minutes(Instant from, Instant to) {
        return to == null ? pair(null, null) : pair(Duration.between(from, to).toMinutes(), businessMinutes(from, to));
    }

    private static Map<String, Object> pair(Long calendar, Long business) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("calendar", calendar);
        p.put("business", business);
        return p;
    }

    /** Minutes inside Monday-Friday 09:00-17:00 UTC between two times. */
    static long businessMinutes(Instant from, Instant to) {
        long total = 0;
        ZonedDateTime day = from.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC);
        while (day.toInstant().isBefore(to)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                Instant open = day.plusHours(9).toInstant();
                Instant close = day.plusHours(17).toInstant();
                Instant a = from.isAfter(open) ? from : open;
                Instant b = to.isBefore(close) ? to : close;
                if (b.isAfter(a)) {
                    total += Duration.between(a, b).toMinutes();
                }
            }
            day = day.plusDays(1);
        }
        return total;
    }

    /**
     * The survey is offered a day after a ticket is solved (Zendesk's default automation); a rating record exists
     * once it is offered, with the score the requester gave, or "offered" while unanswered.
     */
    private Map<String, Object> rating(Story s, long id) {
        Instant solved = null;
        for (Update u : s.updates) {
            if ("solved".equals(u.changes().get("status"))) {
                solved = u.at();
            }
        }
        Update answer = s.updates.stream().filter(u -> u.score() != null).reduce((a, b) -> b).orElse(null);
        if (solved == null || !"solved".equals(s.current("status")) || s.requester.email() == null) {
            return null;
        }
        Instant offered = solved.plus(Duration.ofDays(1));
        if (answer == null && offered.isAfter(LAST_RECORD)) {
            return null;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("assignee_id", s.current("assignee_id"));
        r.put("group_id", s.current("group_id"));
        r.put("requester_id", s.requester.id());
        r.put("ticket_id", s.id);
        r.put("score", answer == null ? "offered" : answer.score());
        Instant createdAt = answer != null && answer.at().isBefore(offered) ? answer.at() : offered;
        r.put("created_at", iso(createdAt));
        r.put("updated_at", iso(answer == null ? offered : answer.at()));
        r.put("comment", answer == null ? null : s.ratingComment);
        return r;
    }

    // ---- helpers ----

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

    static Instant t(String dateTime) {
        return LocalDateTime.parse(dateTime.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static String fmt(LocalDateTime at) {
        return at.toString().replace('T', ' ').substring(0, 16);
    }

    private static String iso(Instant at) {
        return at.toString();
    }

    @SuppressWarnings("unused")
    private static List<String> list(String... values) {
        return Arrays.asList(values);
    }
}
