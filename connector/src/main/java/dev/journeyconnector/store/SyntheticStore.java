package dev.journeyconnector.store;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic journey of any size written straight into an empty store with COPY, for measuring the insight
 * evaluation at scale ({@code journey bench insights}): customers with their Contact, Accounts with opportunities,
 * support threads on both help desks (some replied late or never, some reopened, some rated badly), sales activity,
 * and Mailchimp memberships with campaign opens, as the derivation would have stored them. Deterministic for a
 * seed. Never pointed at a real store: the benchmark opens a fresh one.
 */
public final class SyntheticStore {
    private static final int FLUSH_ROWS = 50_000;
    private static final int CAMPAIGNS = 52;
    private static final String LIST = "44e73ccf5b";

    /** How many rows each table got. */
    public record Written(Map<String, Long> rows) {
    }

    private final DataSource dataSource;
    private final Random random;
    private final Instant end;

    /** @param end the newest moment: histories span the year before it */
    public SyntheticStore(DataSource dataSource, long seed, Instant end) {
        this.dataSource = dataSource;
        this.random = new Random(seed);
        this.end = end.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The key of the i-th synthetic customer. */
    public static String customerKey(int i) {
        return "sf:" + contactId(i);
    }

    static String contactId(int i) {
        return String.format("003Sy%010dAAA", i);
    }

    /** Writes {@code customers} customers and everything that is theirs. */
    public Written write(int customers) {
        try (Connection c = dataSource.getConnection()) {
            Tables t = new Tables(c.unwrap(PGConnection.class).getCopyAPI());
            Instant start = end.minus(Duration.ofDays(365));
            for (int k = 0; k < CAMPAIGNS; k++) {
                Instant sent = start.plus(Duration.ofDays(7L * k));
                t.raw("mailchimp", "campaigns", campaignId(k), sent, """
                        {"id":"%s","web_id":%d,"status":"sent","send_time":"%s","recipients":{"list_id":"%s"}}"""
                        .formatted(campaignId(k), 100000 + k, sent, LIST));
            }
            for (int i = 0; i < customers; i++) {
                customer(t, i, start);
            }
            t.flushAll();
            try (Statement s = c.createStatement()) {
                s.execute("analyze");
            }
            return new Written(t.counts);
        } catch (SQLException | IOException e) {
            throw new StoreException("writing the synthetic store failed: " + e.getMessage(), e);
        }
    }

    private void customer(Tables t, int i, Instant start) throws SQLException, IOException {
        String key = customerKey(i);
        String contact = contactId(i);
        String account = String.format("001Sy%010dAAA", i / 5);
        String owner = String.format("005Sy%010dAAA", i % 40);
        Instant created = start.plusSeconds(random.nextInt(300 * 24 * 3600));
        String email = "customer" + i + "@example.com";
        t.raw("salesforce", "Contact", contact, created, """
                {"Id":"%s","Email":"%s","OwnerId":"%s","AccountId":"%s","HasOptedOutOfEmail":%s,"LastName":"Customer %d"}"""
                .formatted(contact, email, owner, account, random.nextInt(20) == 0, i));
        t.customer(key, "contact", i % 3 == 0 ? "small-business-banking-client" : "leisure-traveller", contact, created);
        t.touchpoint("salesforce", "Contact", contact, "contact-created", key, "engagement", "web", "sales", created,
                "Contact created");
        if (i % 5 == 0) {
            t.raw("salesforce", "Account", account, created, """
                    {"Id":"%s","Name":"Account %d","OwnerId":"%s"}""".formatted(account, i / 5, owner));
            if (random.nextInt(2) == 0) {
                opportunity(t, i, key, account, owner, created);
            }
        }
        int threads = random.nextInt(10) < 6 ? 1 + random.nextInt(3) : 0;
        for (int n = 0; n < threads; n++) {
            supportThread(t, i, n, key, created);
        }
        if (random.nextBoolean()) {
            mailchimp(t, i, key, email, created);
        }
    }

    private void opportunity(Tables t, int i, String key, String account, String owner, Instant created)
            throws SQLException, IOException {
        String id = String.format("006Sy%010dAAA", i);
        Instant opened = created.plus(Duration.ofDays(random.nextInt(30)));
        boolean won = random.nextInt(3) == 0;
        Instant modified = opened.plus(Duration.ofDays(random.nextInt(40)));
        t.raw("salesforce", "Opportunity", id, modified, """
                {"Id":"%s","AccountId":"%s","OwnerId":"%s","StageName":"%s","IsClosed":%s,"IsWon":%s,"LastModifiedDate":"%s"}"""
                .formatted(id, account, owner, won ? "Closed Won" : "Proposal", won, won, modified));
        t.touchpoint("salesforce", "Opportunity", id, "opportunity-opened", key, "engagement", "phone", "sales", opened,
                "Opportunity opened");
        if (won) {
            t.touchpoint("salesforce", "Opportunity", id, "deal-won", key, "purchase", "phone", "sales", modified,
                    "Deal won");
        }
        for (int n = 0; n < random.nextInt(4); n++) {
            t.touchpoint("salesforce", "Task", String.format("00TSy%08d%02dAAA", i, n), "call", key, "engagement",
                    "phone", "sales", opened.plus(Duration.ofDays(3L * n)), "Call");
        }
    }

    private void supportThread(Tables t, int i, int n, String key, Instant created) throws SQLException, IOException {
        boolean ticket = random.nextBoolean();
        Instant opened = created.plus(Duration.ofMinutes(random.nextInt(300 * 24 * 60)));
        if (opened.isAfter(end)) {
            opened = end.minus(Duration.ofHours(1 + random.nextInt(48)));
        }
        String source = ticket ? "zendesk" : "salesforce";
        String object = ticket ? "tickets" : "Case";
        String id = ticket ? Long.toString(1_000_000L + i * 4L + n) : String.format("500Sy%08d%02dAAA", i, n);
        String prefix = ticket ? "ticket" : "case";
        t.touchpoint(source, object, id, prefix + "-opened", key, "service", ticket ? "email" : "phone", "support",
                opened, "Help with my booking");
        int reply = random.nextInt(10);
        if (reply < 8) { // most replied within hours; some only after a day or two; the rest never
            Instant at = opened.plus(Duration.ofMinutes(reply < 6 ? 10 + random.nextInt(240) : 1500 + random.nextInt(2000)));
            t.touchpoint(source, ticket ? "tickets" : "CaseComment", ticket ? id : id + "C", ticket ? "ticket-first-reply"
                    : "case-reply", key, "service", "email", "support", at, "Reply");
        }
        if (random.nextInt(10) < 7) {
            Instant solved = opened.plus(Duration.ofHours(2 + random.nextInt(200)));
            t.touchpoint(source, object, id, ticket ? "ticket-solved" : "case-closed", key, "service", "email",
                    "support", solved, "Solved");
            if (random.nextInt(12) == 0) {
                t.touchpoint(source, ticket ? "ticket_events" : "CaseHistory", id + "R", prefix + "-reopened", key,
                        "service", "email", "support", solved.plus(Duration.ofDays(2)), "Reopened");
            }
            if (ticket && random.nextInt(4) == 0) {
                t.touchpoint("zendesk", "satisfaction_ratings", id, "satisfaction-rated", key, "service", "email",
                        "support", solved.plus(Duration.ofHours(5)), random.nextInt(4) == 0 ? "bad" : "good");
            }
        }
    }

    private void mailchimp(Tables t, int i, String key, String email, Instant created) throws SQLException, IOException {
        String memberId = String.format("%032x", (long) i * 2654435761L);
        Instant optIn = created.plus(Duration.ofDays(random.nextInt(20)));
        boolean left = random.nextInt(15) == 0;
        t.raw("mailchimp", "members", LIST + "/" + memberId, optIn, """
                {"id":"%s","list_id":"%s","email_address":"%s","status":"%s","timestamp_opt":"%s","last_changed":"%s"}"""
                .formatted(memberId, LIST, email, left ? "unsubscribed" : "subscribed", optIn,
                        left ? optIn.plus(Duration.ofDays(60)) : optIn));
        t.touchpoint("mailchimp", "members", LIST + "/" + memberId, "list-signup", key, "awareness", "web", "marketing",
                optIn, "Signed up for emails");
        Instant start = end.minus(Duration.ofDays(365));
        int opener = random.nextInt(4); // how keen: 0 never opens
        for (int k = 0; k < CAMPAIGNS; k++) {
            Instant sent = start.plus(Duration.ofDays(7L * k));
            if (sent.isBefore(optIn) || random.nextInt(4) >= opener) {
                continue;
            }
            Instant at = sent.plus(Duration.ofHours(1 + random.nextInt(48)));
            String activity = campaignId(k) + "/" + memberId + "/open/" + at;
            t.raw("mailchimp", "email_activity", activity, at, """
                    {"campaign_id":"%s","email_id":"%s","email_address":"%s","action":"open","timestamp":"%s","list_id":"%s"}"""
                    .formatted(campaignId(k), memberId, email, at, LIST));
            t.touchpoint("mailchimp", "email_activity", activity, "campaign-open", key, "engagement", "email",
                    "marketing", at, "Opened a campaign email");
        }
    }

    private static String campaignId(int k) {
        return String.format("c%09d", k);
    }

    /** Rows gathered per table as CSV and sent with COPY every {@link #FLUSH_ROWS} rows. */
    private static final class Tables {
        private static final Map<String, String> COPY = Map.of(
                "raw_record", "copy raw_record (source, object_type, record_id, version_time, deleted, payload) from stdin"
                        + " with (format csv)",
                "customer", "copy customer (customer_key, kind, persona_id, anchor_source, anchor_object_type,"
                        + " anchor_record_id) from stdin with (format csv)",
                "touchpoint", "copy touchpoint (source, object_type, record_id, type, customer_key, stage, channel,"
                        + " department, device, sentiment, occurred_at, title, deep_link) from stdin with (format csv)");
        private final CopyManager copy;
        private final Map<String, StringBuilder> buffers = new LinkedHashMap<>();
        private final Map<String, Integer> pending = new LinkedHashMap<>();
        private final Map<String, Long> counts = new LinkedHashMap<>();

        Tables(CopyManager copy) {
            this.copy = copy;
            for (String table : List.of("raw_record", "customer", "touchpoint")) {
                buffers.put(table, new StringBuilder());
                pending.put(table, 0);
                counts.put(table, 0L);
            }
        }

        void raw(String source, String object, String id, Instant version, String payload) throws SQLException, IOException {
            row("raw_record", source, object, id, version.toString(), "false", payload);
        }

        void customer(String key, String kind, String persona, String contact, Instant created)
                throws SQLException, IOException {
            row("customer", key, kind, persona, "salesforce", "Contact", contact);
        }

        void touchpoint(String source, String object, String id, String type, String customer, String stage,
                        String channel, String department, Instant at, String title) throws SQLException, IOException {
            String link = source.equals("zendesk") && object.equals("tickets")
                    ? "https://synthetic.zendesk.com/agent/tickets/" + id : null;
            row("touchpoint", source, object, id, type, customer, stage, channel, department, "desktop",
                    title.equals("bad") ? "negative" : "neutral", at.toString(), title, link);
        }

        private void row(String table, String... values) throws SQLException, IOException {
            StringBuilder b = buffers.get(table);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    b.append(',');
                }
                if (values[i] != null) { // an unquoted empty field is NULL in CSV COPY
                    b.append('"').append(values[i].replace("\"", "\"\"")).append('"');
                }
            }
            b.append('\n');
            counts.merge(table, 1L, Long::sum);
            if (pending.merge(table, 1, Integer::sum) >= FLUSH_ROWS) {
                flush(table);
            }
        }

        void flushAll() throws SQLException, IOException {
            for (String table : new ArrayList<>(buffers.keySet())) {
                flush(table);
            }
        }

        private void flush(String table) throws SQLException, IOException {
            StringBuilder b = buffers.get(table);
            if (b.length() > 0) {
                copy.copyIn(COPY.get(table), new StringReader(b.toString()));
                b.setLength(0);
                pending.put(table, 0);
            }
        }
    }
}
