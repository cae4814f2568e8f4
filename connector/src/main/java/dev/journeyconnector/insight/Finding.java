package dev.journeyconnector.insight;

import dev.journeyconnector.journey.Touchpoint;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one rule says about one customer: a pain point (the customer struggles) or a handoff gap (two of the
 * company's own teams, channels or devices dropped the ball), explained in plain words with the numbers and the
 * records that prove it, and addressed to the person who should act.
 *
 * <p>A finding is identified by its {@link #key()}: rule, customer and the anchor record (the case, ticket,
 * opportunity or campaign it is about). Evaluating the same data again gives the same key, so storage can upsert
 * it, and a finding whose key is no longer produced has gone away.
 *
 * @param key                {@code rule|customer|source/object/recordId}, see {@link #keyOf}
 * @param ruleId             the rule that produced it, e.g. {@code slow-first-response}
 * @param kind               pain point or handoff gap
 * @param customerKey        the customer, as {@link dev.journeyconnector.identity.Customer#customerKey()}
 * @param personaId          the customer's persona; the rule's settings for that persona applied
 * @param anchor             the record the finding is about
 * @param severity           from the rule's settings for the persona
 * @param title              one short line, e.g. "Slow first response on ticket 4711"
 * @param explanation        plain words with the numbers: "First reply after 31 h; the SLA for high priority is 4 h"
 * @param evidence           the touchpoints (or other records) that show it, oldest first, each with its deep link
 * @param from               handoff gaps: where the customer came from (a department, channel or device, e.g.
 *                           {@code sales}); null for pain points
 * @param to                 handoff gaps: where they went ({@code onboarding}); null for pain points
 * @param actor              who should act and why that person
 * @param detectedAt         when the condition became true, from the data (an SLA deadline passing, the third
 *                           contact arriving), never the evaluation clock
 * @param conditionClearedAt when the episode ended (a late reply finally came, the deal moved again); null while
 *                           the condition still holds
 */
public record Finding(String key, String ruleId, Kind kind, String customerKey, String personaId, Anchor anchor,
                      Severity severity, String title, String explanation, List<Evidence> evidence, String from,
                      String to, Actor actor, Instant detectedAt, Instant conditionClearedAt) {

    public enum Kind {
        PAIN_POINT, HANDOFF_GAP;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Open while the condition holds; resolved once it has cleared. */
    public enum State {
        OPEN, RESOLVED
    }

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(detectedAt, "detectedAt");
        evidence = List.copyOf(evidence);
        String expected = keyOf(ruleId, customerKey, anchor);
        if (!expected.equals(key)) {
            throw new IllegalArgumentException("finding key '" + key + "' is not rule|customer|anchor '"
                    + expected + "'");
        }
        if (conditionClearedAt != null && conditionClearedAt.isBefore(detectedAt)) {
            throw new IllegalArgumentException("finding " + key + " cleared at " + conditionClearedAt
                    + ", before it was detected at " + detectedAt);
        }
        if (kind == Kind.HANDOFF_GAP && (from == null || to == null)) {
            throw new IllegalArgumentException("handoff gap " + key + " needs from and to");
        }
    }

    /** The stable key: {@code rule-id|customer-key|source/object/recordId}. */
    public static String keyOf(String ruleId, String customerKey, Anchor anchor) {
        return ruleId + "|" + customerKey + "|" + anchor.asString();
    }

    public State state() {
        return conditionClearedAt == null ? State.OPEN : State.RESOLVED;
    }

    /** A finding for {@code rule} about {@code history}'s customer, with the rule's settings for their persona. */
    public static Builder builder(Rule rule, CustomerHistory history, RuleSettings settings, Anchor anchor) {
        return new Builder(rule, history, settings, anchor);
    }

    /**
     * The record a finding is about, as the store names it: a case, a ticket, an opportunity, a campaign. Part of
     * the key, so it must be the same record every time the condition is found (the case, not its latest
     * comment).
     *
     * @param source   the system
     * @param object   the object as stored ({@code Case}, {@code tickets}, {@code campaigns})
     * @param recordId its id there
     */
    public record Anchor(Touchpoint.Source source, String object, String recordId) {
        public Anchor {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(recordId, "recordId");
        }

        /** The record a touchpoint came from. */
        public static Anchor of(Touchpoint touchpoint) {
            Touchpoint.Key k = touchpoint.key();
            return new Anchor(k.source(), k.object(), k.recordId());
        }

        public String asString() {
            return source.wireName() + "/" + object + "/" + recordId;
        }

        @Override
        public String toString() {
            return asString();
        }
    }

    /**
     * One piece of proof: a touchpoint, or a record that made none (a campaign the customer was sent and never
     * opened).
     *
     * @param at         when
     * @param what       one line: the touchpoint type and title, or what the record shows
     * @param link       where to open it; null when its system's links are not configured
     * @param touchpoint the touchpoint's key; null for a record that is no touchpoint
     */
    public record Evidence(Instant at, String what, URI link, Touchpoint.Key touchpoint) {
        public Evidence {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(what, "what");
        }

        public static Evidence of(Touchpoint t) {
            return new Evidence(t.occurredAt(), t.type() + (t.title().isBlank() ? "" : " \"" + t.title() + "\""),
                    t.deepLink(), t.key());
        }
    }

    /**
     * Who should act on a finding, and why that person.
     *
     * @param userId a Salesforce User Id (005...), or null when nobody is known and the configured fallback user
     *               gets it
     * @param role   {@code case owner}, {@code ticket owner}, {@code opportunity owner}, {@code account owner},
     *               {@code contact owner}, {@code lead owner}, or {@link #FALLBACK}
     * @param reason why this person, in plain words
     */
    public record Actor(String userId, String role, String reason) {
        public static final String FALLBACK = "fallback";
        /** Salesforce User ids start with 005; a queue (00G) or another record cannot own a Task. */
        private static final Pattern USER_ID = Pattern.compile("005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");

        public Actor {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(reason, "reason");
            if (userId != null && !isUserId(userId)) {
                throw new IllegalArgumentException("actor '" + userId + "' is not a Salesforce User Id (005...)");
            }
            if (userId == null && !role.equals(FALLBACK)) {
                throw new IllegalArgumentException("an actor without a user is the fallback, not a " + role);
            }
        }

        public static boolean isUserId(String id) {
            return id != null && USER_ID.matcher(id).matches();
        }

        /** The configured fallback user, because nobody responsible is known; {@code reason} says why not. */
        public static Actor fallback(String reason) {
            return new Actor(null, FALLBACK, reason);
        }
    }

    /** Fills the parts every finding needs from the rule, the customer's history and the settings. */
    public static final class Builder {
        private final Rule rule;
        private final CustomerHistory history;
        private final RuleSettings settings;
        private final Anchor anchor;
        private final List<Evidence> evidence = new ArrayList<>();
        private String title;
        private String explanation;
        private String from;
        private String to;
        private Actor actor;
        private Instant detectedAt;
        private Instant clearedAt;

        private Builder(Rule rule, CustomerHistory history, RuleSettings settings, Anchor anchor) {
            this.rule = rule;
            this.history = history;
            this.settings = settings;
            this.anchor = anchor;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder explanation(String explanation) {
            this.explanation = explanation;
            return this;
        }

        public Builder evidence(Touchpoint touchpoint) {
            evidence.add(Evidence.of(touchpoint));
            return this;
        }

        public Builder evidence(Iterable<Touchpoint> touchpoints) {
            touchpoints.forEach(this::evidence);
            return this;
        }

        public Builder evidence(Evidence item) {
            evidence.add(item);
            return this;
        }

        /** Handoff gaps: where the customer came from and where they went. */
        public Builder handoff(String from, String to) {
            this.from = from;
            this.to = to;
            return this;
        }

        public Builder actor(Actor actor) {
            this.actor = actor;
            return this;
        }

        public Builder detectedAt(Instant detectedAt) {
            this.detectedAt = detectedAt;
            return this;
        }

        /** The time the condition cleared; null (the default) while it holds. */
        public Builder clearedAt(Instant clearedAt) {
            this.clearedAt = clearedAt;
            return this;
        }

        public Finding build() {
            List<Evidence> sorted = evidence.stream()
                    .sorted(java.util.Comparator.comparing(Evidence::at)).distinct().toList();
            return new Finding(keyOf(rule.id(), history.customerKey(), anchor), rule.id(), rule.kind(),
                    history.customerKey(), history.personaId(), anchor, settings.severity(), title, explanation,
                    sorted, from, to, actor, detectedAt, clearedAt);
        }
    }
}
