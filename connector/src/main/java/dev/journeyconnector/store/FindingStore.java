package dev.journeyconnector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The findings the insight rules produced, kept by their stable key. {@link #save} takes every finding the
 * rules produce now for some customers and writes only the difference to what is stored for those customers:
 * new findings are inserted, changed ones updated, a stored open finding the rules no longer produce is
 * resolved, a resolved one produced open again is reopened, and an unchanged one is not touched (so
 * evaluating the same journey twice writes nothing). Findings are never deleted: a resolved finding is the
 * record that the customer had that problem and when it cleared.
 */
public final class FindingStore {
    private static final TypeReference<List<Evidence>> EVIDENCE = new TypeReference<>() {
    };
    private static final String COLUMNS = "finding_key, customer_key, persona_id, rule_id, kind, severity, title, "
            + "explanation, evidence, handoff_from, handoff_to, actor_id, actor_role, actor_reason, detected_at, state, "
            + "resolved_at, held_for_review, first_seen_at, updated_at, content_hash";

    /** Open: the condition holds (or held until the last evaluation); resolved: it cleared at resolvedAt. */
    public enum State {
        OPEN, RESOLVED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State of(String wireName) {
            return valueOf(wireName.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One piece of proof a finding rests on.
     *
     * @param at         when
     * @param what       one line: the touchpoint's type and title, or what the record shows
     * @param link       its deep link; null when its system's settings are not known
     * @param touchpoint the touchpoint's key, {@code source/object/recordId/type}; null for a record that made no
     *                   touchpoint (a campaign sent and never opened)
     */
    public record Evidence(Instant at, String what, String link, String touchpoint) {
        public Evidence {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(what, "what");
        }
    }

    /**
     * Who should act on a finding, and why that person.
     *
     * @param id     a Salesforce User Id; may be null when the rule knows the role but not the person
     * @param role   e.g. "case owner", "opportunity owner"
     * @param reason plain words: why this person
     */
    public record Actor(String id, String role, String reason) {
    }

    /**
     * A finding as the rules produce it (the store's view; the insight package converts its Finding).
     *
     * @param handoffFrom for a handoff gap, where the customer came from (department, channel or device); null
     *                    for a pain point
     * @param actor       who should act; null when no one is named
     * @param resolvedAt  null exactly when state is OPEN
     */
    public record StoredFinding(String key, String customerKey, String personaId, String ruleId, String kind,
                                String severity, String title, String explanation, List<Evidence> evidence,
                                String handoffFrom, String handoffTo, Actor actor, Instant detectedAt, State state,
                                Instant resolvedAt) {
        public StoredFinding {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(customerKey, "customerKey");
            Objects.requireNonNull(personaId, "personaId");
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(explanation, "explanation");
            Objects.requireNonNull(detectedAt, "detectedAt");
            Objects.requireNonNull(state, "state");
            evidence = List.copyOf(evidence);
            if ((state == State.RESOLVED) != (resolvedAt != null)) {
                throw new IllegalArgumentException("finding " + key + " is " + state.wireName()
                        + (resolvedAt == null ? " without" : " with") + " a resolution time");
            }
        }

        /** A hash of everything the rules say about the finding except its state, to see whether it changed. */
        public String contentHash() {
            Map<String, Object> content = new TreeMap<>();
            content.put("customer", customerKey);
            content.put("persona", personaId);
            content.put("rule", ruleId);
            content.put("kind", kind);
            content.put("severity", severity);
            content.put("title", title);
            content.put("explanation", explanation);
            content.put("evidence", evidence);
            content.put("from", handoffFrom);
            content.put("to", handoffTo);
            content.put("actor", actor);
            content.put("detectedAt", detectedAt);
            return sha256(RawStore.toJson(content));
        }

        StoredFinding withState(State newState, Instant newResolvedAt) {
            return new StoredFinding(key, customerKey, personaId, ruleId, kind, severity, title, explanation, evidence,
                    handoffFrom, handoffTo, actor, detectedAt, newState, newResolvedAt);
        }
    }

    /**
     * A stored finding with the store's bookkeeping.
     *
     * @param heldForReview its customer is a candidate on the identity review list (not to be written back)
     * @param firstSeenAt   when an evaluation first stored it
     * @param updatedAt     when its row last changed
     */
    public record Listed(StoredFinding finding, boolean heldForReview, Instant firstSeenAt, Instant updatedAt) {
    }

    /** What one {@link #save} wrote. */
    public record Changes(int opened, int updated, int resolved, int reopened, int unchanged) {
        public static final Changes NONE = new Changes(0, 0, 0, 0, 0);

        public Changes plus(Changes o) {
            return new Changes(opened + o.opened, updated + o.updated, resolved + o.resolved, reopened + o.reopened,
                    unchanged + o.unchanged);
        }

        /** Rows written. */
        public int written() {
            return opened + updated + resolved + reopened;
        }
    }

    /**
     * Which findings to list; null fields do not filter.
     *
     * @param state null for open and resolved alike
     */
    public record Filter(String customerKey, String ruleId, State state) {
        public static final Filter ALL = new Filter(null, null, null);
    }

    private final DataSource dataSource;

    public FindingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Makes the stored findings of {@code customers} what the rules produce now, in one transaction.
     *
     * @param customers the customers just evaluated; a stored open finding of theirs that is not in
     *                  {@code produced} is resolved at {@code now}
     * @param produced  every finding the rules produced for them, open or already resolved (a rule that knows when
     *                  the condition cleared gives it as resolvedAt); each must belong to one of {@code customers}
     * @param held      the customers on the identity review list: their new findings are stored held
     * @param now       the evaluation's time: the resolution time of findings no longer produced
     * @throws IllegalArgumentException when a finding belongs to a customer not evaluated, or a key is given twice
     */
    public Changes save(Collection<String> customers, List<StoredFinding> produced, Set<String> held, Instant now) {
        Set<String> evaluated = new LinkedHashSet<>(customers);
        Map<String, StoredFinding> wanted = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        for (StoredFinding f : produced) {
            if (!evaluated.contains(f.customerKey())) {
                throw new IllegalArgumentException("finding " + f.key() + " is about customer " + f.customerKey()
                        + ", who is not among the " + evaluated.size() + " customers evaluated");
            }
            if (wanted.put(f.key(), f) != null) {
                throw new IllegalArgumentException("finding " + f.key() + " is given twice");
            }
            hashes.put(f.key(), f.contentHash());
        }
        if (evaluated.isEmpty()) {
            return Changes.NONE;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, Stored> stored = storedOf(c, evaluated);
                List<StoredFinding> inserts = new ArrayList<>();
                List<StoredFinding> updates = new ArrayList<>();
                int opened = 0;
                int updated = 0;
                int resolved = 0;
                int reopened = 0;
                int unchanged = 0;
                for (StoredFinding f : wanted.values()) {
                    Stored before = stored.get(f.key());
                    if (before == null) {
                        inserts.add(f);
                        opened += f.state() == State.OPEN ? 1 : 0;
                        resolved += f.state() == State.RESOLVED ? 1 : 0;
                    } else if (before.hash.equals(hashes.get(f.key())) && before.state == f.state()
                            && Objects.equals(before.resolvedAt, f.resolvedAt())) {
                        unchanged++;
                    } else {
                        updates.add(f);
                        if (before.state == State.RESOLVED && f.state() == State.OPEN) {
                            reopened++;
                        } else if (before.state == State.OPEN && f.state() == State.RESOLVED) {
                            resolved++;
                        } else {
                            updated++;
                        }
                    }
                }
                List<String> cleared = new ArrayList<>();
                stored.forEach((key, s) -> {
                    if (s.state == State.OPEN && !wanted.containsKey(key)) {
                        cleared.add(key);
                    }
                });
                insert(c, inserts, hashes, held);
                update(c, updates, hashes);
                resolve(c, cleared, now);
                c.commit();
                return new Changes(opened, updated, resolved + cleared.size(), reopened, unchanged);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("storing the findings of " + evaluated.size() + " customers failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Resolves, at {@code now}, the open findings of customers identity resolution no longer has (merged away,
     * deleted): nothing will evaluate them again.
     *
     * @param candidates customers that may be gone (the evaluation's requests); only those without a customer row count
     * @return how many findings were resolved
     */
    public int resolveForGoneCustomers(Collection<String> candidates, Instant now) {
        if (candidates.isEmpty()) {
            return 0;
        }
        String sql = """
                update finding f set state = 'resolved', resolved_at = ?, updated_at = now()
                 where f.customer_key = any (?) and f.state = 'open'
                   and not exists (select 1 from customer c where c.customer_key = f.customer_key)
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("text", candidates.toArray()));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("resolving the findings of customers no longer known failed: " + e.getMessage(), e);
        }
    }

    /** The customers with an open finding. */
    public Set<String> customersWithOpenFindings() {
        Set<String> out = new java.util.TreeSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select distinct customer_key from finding where state = 'open'")) {
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the customers with open findings failed: " + e.getMessage(), e);
        }
    }

    /**
     * Marks the findings of exactly these customers held for identity review, and releases the others; along the
     * customer index and the index of held findings, so it costs little however many findings are stored.
     *
     * @return how many findings changed hold
     */
    public int holdForReview(Set<String> heldCustomers) {
        try (Connection c = dataSource.getConnection()) {
            int changed;
            try (PreparedStatement ps = c.prepareStatement("update finding set held_for_review = true, updated_at = now()"
                    + " where customer_key = any (?) and not held_for_review")) {
                ps.setArray(1, c.createArrayOf("text", heldCustomers.toArray()));
                changed = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("update finding set held_for_review = false, updated_at = now()"
                    + " where held_for_review and not (customer_key = any (?))")) {
                ps.setArray(1, c.createArrayOf("text", heldCustomers.toArray()));
                changed += ps.executeUpdate();
            }
            return changed;
        } catch (SQLException e) {
            throw new StoreException("holding findings for identity review failed: " + e.getMessage(), e);
        }
    }

    /** The findings the filter selects: open ones first, then by severity (critical first), customer and rule. */
    public List<Listed> list(Filter filter) {
        List<Listed> out = new ArrayList<>();
        forEach(filter, out::add);
        return out;
    }

    /**
     * Hands each finding the filter selects to {@code each} as it is read, in {@link #list}'s order, so that a
     * caller keeping only some of them (the write-back, over every finding of 100,000 customers) never holds all.
     * Read through a cursor: PostgreSQL's driver streams only inside a transaction and with a fetch size, and
     * otherwise reads the whole result into memory first
     * (https://jdbc.postgresql.org/documentation/query/#getting-results-based-on-a-cursor).
     */
    public void forEach(Filter filter, Consumer<Listed> each) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from finding where true");
        List<String> params = new ArrayList<>();
        if (filter.customerKey() != null) {
            sql.append(" and customer_key = ?");
            params.add(filter.customerKey());
        }
        if (filter.ruleId() != null) {
            sql.append(" and rule_id = ?");
            params.add(filter.ruleId());
        }
        if (filter.state() != null) {
            sql.append(" and state = ?");
            params.add(filter.state().wireName());
        }
        sql.append(" order by state, case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2"
                + " when 'low' then 3 else 4 end, customer_key, rule_id, detected_at, finding_key");
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setString(i + 1, params.get(i));
                }
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(new Listed(read(rs), rs.getBoolean(18), rs.getTimestamp(19).toInstant(),
                                rs.getTimestamp(20).toInstant()));
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("listing findings failed: " + e.getMessage(), e);
        }
    }

    /** How many findings each rule has in each state: rule → state → count, sorted. */
    public Map<String, Map<State, Long>> countByRuleAndState() {
        String sql = "select rule_id, state, count(*) from finding group by rule_id, state";
        Map<String, Map<State, Long>> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(State.of(rs.getString(2)), rs.getLong(3));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("counting findings failed: " + e.getMessage(), e);
        }
    }

    /** How many findings are held for identity review. */
    public long countHeld() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from finding where held_for_review");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("counting held findings failed: " + e.getMessage(), e);
        }
    }

    private record Stored(State state, Instant resolvedAt, String hash) {
    }

    private static Map<String, Stored> storedOf(Connection c, Set<String> customers) throws SQLException {
        Map<String, Stored> out = new HashMap<>();
        String sql = "select finding_key, state, resolved_at, content_hash from finding where customer_key = any (?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", customers.toArray()));
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp resolvedAt = rs.getTimestamp(3);
                    out.put(rs.getString(1), new Stored(State.of(rs.getString(2)),
                            resolvedAt == null ? null : resolvedAt.toInstant(), rs.getString(4)));
                }
            }
        }
        return out;
    }

    private static void insert(Connection c, List<StoredFinding> findings, Map<String, String> hashes, Set<String> held)
            throws SQLException {
        String sql = "insert into finding (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, now(), now(), ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (StoredFinding f : findings) {
                bindContent(ps, f);
                ps.setBoolean(18, held.contains(f.customerKey()));
                ps.setString(19, hashes.get(f.key()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void update(Connection c, List<StoredFinding> findings, Map<String, String> hashes)
            throws SQLException {
        String sql = """
                update finding set customer_key = ?, persona_id = ?, rule_id = ?, kind = ?, severity = ?, title = ?,
                                   explanation = ?, evidence = ?::jsonb, handoff_from = ?, handoff_to = ?, actor_id = ?,
                                   actor_role = ?, actor_reason = ?, detected_at = ?, state = ?, resolved_at = ?,
                                   content_hash = ?, updated_at = now()
                 where finding_key = ?
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (StoredFinding f : findings) {
                // the same binding as an insert, shifted by one: the key goes last here
                ps.setString(1, f.customerKey());
                ps.setString(2, f.personaId());
                ps.setString(3, f.ruleId());
                ps.setString(4, f.kind());
                ps.setString(5, f.severity());
                ps.setString(6, f.title());
                ps.setString(7, f.explanation());
                ps.setString(8, RawStore.toJson(f.evidence()));
                ps.setString(9, f.handoffFrom());
                ps.setString(10, f.handoffTo());
                ps.setString(11, f.actor() == null ? null : f.actor().id());
                ps.setString(12, f.actor() == null ? null : f.actor().role());
                ps.setString(13, f.actor() == null ? null : f.actor().reason());
                ps.setTimestamp(14, Timestamp.from(f.detectedAt()));
                ps.setString(15, f.state().wireName());
                setInstant(ps, 16, f.resolvedAt());
                ps.setString(17, hashes.get(f.key()));
                ps.setString(18, f.key());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void resolve(Connection c, List<String> keys, Instant now) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        String sql = "update finding set state = 'resolved', resolved_at = ?, updated_at = now()"
                + " where finding_key = any (?) and state = 'open'";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("text", keys.toArray()));
            ps.executeUpdate();
        }
    }

    private static void bindContent(PreparedStatement ps, StoredFinding f) throws SQLException {
        ps.setString(1, f.key());
        ps.setString(2, f.customerKey());
        ps.setString(3, f.personaId());
        ps.setString(4, f.ruleId());
        ps.setString(5, f.kind());
        ps.setString(6, f.severity());
        ps.setString(7, f.title());
        ps.setString(8, f.explanation());
        ps.setString(9, RawStore.toJson(f.evidence()));
        ps.setString(10, f.handoffFrom());
        ps.setString(11, f.handoffTo());
        ps.setString(12, f.actor() == null ? null : f.actor().id());
        ps.setString(13, f.actor() == null ? null : f.actor().role());
        ps.setString(14, f.actor() == null ? null : f.actor().reason());
        ps.setTimestamp(15, Timestamp.from(f.detectedAt()));
        ps.setString(16, f.state().wireName());
        setInstant(ps, 17, f.resolvedAt());
    }

    private static StoredFinding read(ResultSet rs) throws SQLException {
        String key = rs.getString(1);
        try {
            String actorId = rs.getString(12);
            String actorRole = rs.getString(13);
            String actorReason = rs.getString(14);
            Actor actor = actorId == null && actorRole == null && actorReason == null ? null
                    : new Actor(actorId, actorRole, actorReason);
            Timestamp resolvedAt = rs.getTimestamp(17);
            return new StoredFinding(key, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8), Json.MAPPER.readValue(rs.getString(9), EVIDENCE),
                    rs.getString(10), rs.getString(11), actor, rs.getTimestamp(15).toInstant(), State.of(rs.getString(16)),
                    resolvedAt == null ? null : resolvedAt.toInstant());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("stored finding " + key + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            ps.setTimestamp(index, Timestamp.from(at));
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
