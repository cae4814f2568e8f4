package dev.journeyconnector.writeback;

import dev.journeyconnector.insight.Severity;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Vocabulary;
import dev.journeyconnector.mapping.Persona;
import dev.journeyconnector.mapping.Personas;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a sales rep should know about one customer before the next call, as written onto their Salesforce Contact:
 * where the customer stands in the journey, who they are, how healthy the journey is, what happened lately across
 * Salesforce, Zendesk and Mailchimp, and which pain points and handoff gaps are open. Computed from the connector's
 * own store (touchpoints, customers, findings) by {@code store.JourneyContextStore}; plain data, no Salesforce API.
 *
 * <p>Everything here comes from the data, nothing from the clock: the same journey gives the same
 * {@link #summaryText()} and {@link #contactFields()}, so the writer can hash them and skip an unchanged Contact.
 * The constructor puts the lists in their reading order, so the order a caller gives them in does not matter.
 *
 * <p><b>Stage</b> ({@link #currentStage}): the furthest stage, in the vocabulary's journey order, among the
 * customer's touchpoints since their last churn touchpoint; the churn stage itself when a churn touchpoint is the
 * latest thing that happened (ties with another touchpoint count as churn). A customer who churned and came back
 * starts over from what happened after. Without touchpoints the stage is unknown (null).
 *
 * <p><b>Health score</b> ({@link #healthScore}): 100 minus, for each open finding not held for identity review,
 * 40 (critical), 25 (high), 10 (medium) or 5 (low); never below 0. Held findings (the customer is on the identity
 * review list) are neither listed nor scored, because they must not reach the CRM until a person decides; the
 * summary says how many there are.
 *
 * @param contactId          the Salesforce Contact Id (003...) the context is written to
 * @param customerKey        the customer's key in the store ({@code sf:<Contact Id>})
 * @param name               the Contact's name; null when the stored Contact has none
 * @param ownerId            the Contact's OwnerId: the rep who reads it; null when not stored
 * @param accountId          the Contact's AccountId; null for a Contact without an Account
 * @param personaId          the persona's id from {@code mappings/personas.yaml}
 * @param personaLabel       its name for people; the id when the personas file no longer has it
 * @param stage              the current stage's name (see above); null when the customer has no touchpoints
 * @param stageLabel         its label from the vocabulary; null exactly when stage is
 * @param touchpointCount    all the customer's touchpoints, not just the recent ones
 * @param firstTouchpointAt  when the journey began; null exactly when there are no touchpoints
 * @param recentTouchpoints  the customer's recent touchpoints, newest first: the newest of each system, as
 *                           {@link #recentAcrossSystems} chooses them, the newest of all among them
 * @param openFindings       open findings not held for review, most severe first, then oldest first
 * @param heldFindings       open findings held for identity review: counted, not shown, not scored
 */
public record JourneyContext(String contactId, String customerKey, String name, String ownerId, String accountId,
                             String personaId, String personaLabel, String stage, String stageLabel,
                             long touchpointCount, Instant firstTouchpointAt, List<RecentTouchpoint> recentTouchpoints,
                             List<OpenFinding> openFindings, int heldFindings) {

    /** Contact fields of {@code salesforce/force-app/main/default/objects/Contact/fields}. */
    public static final String STAGE_FIELD = "Journey_Stage__c";
    public static final String PERSONA_FIELD = "Journey_Persona__c";
    public static final String HEALTH_SCORE_FIELD = "Journey_Health_Score__c";
    public static final String LAST_TOUCHPOINT_FIELD = "Journey_Last_Touchpoint__c";
    public static final String SUMMARY_FIELD = "Journey_Summary__c";
    /** Text(40) and Text(80) in the field metadata. */
    public static final int STAGE_LENGTH = 40;
    public static final int PERSONA_LENGTH = 80;
    /**
     * The longest {@link #summaryText()}. Task.Description holds 32,000 characters and Journey_Summary__c 32,768;
     * the summary Task also carries the writer's marker line after the text, so the text stays well below both.
     */
    public static final int SUMMARY_LENGTH = 31_000;
    /** How many recent touchpoints a context lists unless told otherwise. */
    public static final int DEFAULT_RECENT_TOUCHPOINTS = 8;
    /** A title longer than this is cut in the summary: one line per touchpoint or finding stays one line. */
    static final int TITLE_LENGTH = 200;

    private static final Pattern CONTACT_ID = Pattern.compile("003[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?");
    private static final Pattern BREAKS = Pattern.compile("[\\s\\p{Cntrl}\\p{Cf}]+");
    private static final String ELLIPSIS = "…";

    /**
     * One recent touchpoint as the rep sees it.
     *
     * @param key      which record and moment; gives the system and the type
     * @param at       when it happened
     * @param title    the touchpoint's title; may be empty
     * @param deepLink its record's page in its own system; null when that system's settings are not known
     */
    public record RecentTouchpoint(Touchpoint.Key key, Instant at, String title, String deepLink) {
        /** Newest first; equal times in reverse key order, exactly the reverse of a stored timeline. */
        static final Comparator<RecentTouchpoint> NEWEST_FIRST = Comparator.comparing(RecentTouchpoint::at)
                .thenComparing((RecentTouchpoint t) -> t.key().source().wireName())
                .thenComparing(t -> t.key().object())
                .thenComparing(t -> t.key().recordId())
                .thenComparing(t -> t.key().type())
                .reversed();

        public RecentTouchpoint {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(at, "at");
            title = title == null ? "" : title;
        }

        public Touchpoint.Source source() {
            return key.source();
        }

        public String type() {
            return key.type();
        }

        /** One line, e.g. {@code Zendesk ticket solved "Card blocked abroad"}: the system, the type in words, the title. */
        public String line() {
            String words = systemName(key.source()) + " " + key.type().replace('-', ' ');
            String cleanTitle = oneLine(title);
            return cleanTitle.isEmpty() ? words : words + " \"" + fit(cleanTitle, TITLE_LENGTH) + "\"";
        }
    }

    /**
     * One open pain point or handoff gap.
     *
     * @param key        the finding's stable key (rule/customer/anchor)
     * @param title      its title
     * @param severity   how urgent
     * @param ruleId     the rule that found it, e.g. {@code won-not-onboarded}
     * @param kind       {@code pain-point} or {@code handoff-gap}
     * @param detectedAt when the condition arose in the data
     */
    public record OpenFinding(String key, String title, Severity severity, String ruleId, String kind,
                              Instant detectedAt) {
        /** Most severe first, then the oldest, then by key so equal findings keep one order. */
        static final Comparator<OpenFinding> READING_ORDER = Comparator.comparing(OpenFinding::severity).reversed()
                .thenComparing(OpenFinding::detectedAt).thenComparing(OpenFinding::key);

        public OpenFinding {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detectedAt, "detectedAt");
        }

        /** What the health score loses for this finding. */
        public int penalty() {
            return switch (severity) {
                case CRITICAL -> 40;
                case HIGH -> 25;
                case MEDIUM -> 10;
                case LOW -> 5;
            };
        }

        /** One line, e.g. {@code [high] Won deal not onboarded (handoff gap, won-not-onboarded, since 2026-05-29)}. */
        String line() {
            return "[" + severity.wireName() + "] " + fit(oneLine(title), TITLE_LENGTH) + " (" + kind.replace('-', ' ')
                    + ", " + ruleId + ", since " + date(detectedAt) + ")";
        }
    }

    /**
     * What stages and personas are called for people: the vocabulary (stage order and labels) and the persona
     * names. Read from the mapping files in force; a label edited there changes the context written next.
     *
     * @param vocabulary   the stages in journey order, and the churn stage
     * @param personaNames persona id → name
     */
    public record Labels(Vocabulary vocabulary, Map<String, String> personaNames) {
        public Labels {
            Objects.requireNonNull(vocabulary, "vocabulary");
            personaNames = Map.copyOf(personaNames);
        }

        public static Labels of(Vocabulary vocabulary, Personas personas) {
            Map<String, String> names = new TreeMap<>();
            for (Persona p : personas.all()) {
                names.put(p.id(), p.name());
            }
            return new Labels(vocabulary, names);
        }

        /** The stage's label; a name the vocabulary no longer has is made readable the vocabulary's way. */
        public String stageLabel(String stage) {
            return vocabulary.stage(stage).orElse(Vocabulary.Term.of(stage)).label();
        }

        public String personaLabel(String personaId) {
            return personaNames.getOrDefault(personaId, personaId);
        }
    }

    public JourneyContext {
        if (contactId == null || !CONTACT_ID.matcher(contactId).matches()) {
            throw new IllegalArgumentException("contactId '" + contactId + "' is not a Salesforce Contact Id (003 and"
                    + " 12 or 15 more letters and digits)");
        }
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(personaId, "personaId");
        personaLabel = personaLabel == null || personaLabel.isBlank() ? personaId : personaLabel;
        if ((stage == null) != (stageLabel == null)) {
            throw new IllegalArgumentException("context of " + customerKey + ": stage '" + stage + "' and its label '"
                    + stageLabel + "' must be given together");
        }
        if (touchpointCount < recentTouchpoints.size()) {
            throw new IllegalArgumentException("context of " + customerKey + " lists " + recentTouchpoints.size()
                    + " recent touchpoints but counts only " + touchpointCount);
        }
        if ((touchpointCount == 0) != (firstTouchpointAt == null)) {
            throw new IllegalArgumentException("context of " + customerKey + " has " + touchpointCount
                    + " touchpoints but " + (firstTouchpointAt == null ? "no" : "a") + " first touchpoint time");
        }
        if (heldFindings < 0) {
            throw new IllegalArgumentException("context of " + customerKey + ": held findings " + heldFindings + " < 0");
        }
        List<RecentTouchpoint> recent = new ArrayList<>(recentTouchpoints);
        recent.sort(RecentTouchpoint.NEWEST_FIRST);
        recentTouchpoints = List.copyOf(recent);
        List<OpenFinding> findings = new ArrayList<>(openFindings);
        findings.sort(OpenFinding.READING_ORDER);
        openFindings = List.copyOf(findings);
    }

    /**
     * The customer's current stage from the latest time each stage was seen in their journey (see the class
     * comment): churn when the last churn touchpoint is not older than anything else; otherwise the furthest stage
     * in journey order seen after it (or at all, without churn). Stage names the vocabulary no longer knows (left
     * from before an edit, until re-derivation) only count when no known stage does; then the latest of them wins.
     *
     * @param lastSeenByStage stage name → when a touchpoint of that stage last happened
     * @return the stage name, or empty when there are no touchpoints
     */
    public static Optional<String> currentStage(Vocabulary vocabulary, Map<String, Instant> lastSeenByStage) {
        if (lastSeenByStage.isEmpty()) {
            return Optional.empty();
        }
        String churn = vocabulary.churn().name();
        Instant churnedAt = lastSeenByStage.get(churn);
        Instant latest = lastSeenByStage.values().stream().max(Comparator.naturalOrder()).orElseThrow();
        if (churnedAt != null && !churnedAt.isBefore(latest)) {
            return Optional.of(churn);
        }
        List<Map.Entry<String, Instant>> since = lastSeenByStage.entrySet().stream()
                .filter(e -> !e.getKey().equals(churn))
                .filter(e -> churnedAt == null || e.getValue().isAfter(churnedAt))
                .toList();
        Optional<String> furthest = since.stream().map(Map.Entry::getKey)
                .filter(s -> vocabulary.stage(s).isPresent())
                .max(Comparator.comparingInt(vocabulary::stageOrder));
        if (furthest.isPresent()) {
            return furthest;
        }
        return since.stream().max(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }

    /**
     * Which of a customer's touchpoints a rep sees as recent: at most {@code n}, newest first, chosen so that one
     * busy system cannot hide the others (a dozen newsletter opens would otherwise push the support tickets and the
     * sales calls off the list). Every system the candidates come from is represented by its latest touchpoint (the
     * newest systems first when {@code n} is smaller than their number); the rest of the list is the newest of the
     * others, no system taking more than half of the list (rounded up) unless the other systems run out. The newest
     * touchpoint overall is always listed.
     *
     * @param candidates at least the {@code n} newest touchpoints of each system; more do no harm
     */
    public static List<RecentTouchpoint> recentAcrossSystems(Collection<RecentTouchpoint> candidates, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of recent touchpoints must be at least 1, not " + n);
        }
        List<RecentTouchpoint> newestFirst = new ArrayList<>(new LinkedHashSet<>(candidates));
        newestFirst.sort(RecentTouchpoint.NEWEST_FIRST);
        List<RecentTouchpoint> chosen = new ArrayList<>();
        Map<Touchpoint.Source, Integer> perSystem = new EnumMap<>(Touchpoint.Source.class);
        // each system's latest: the list is newest first, so the first of each system is its latest
        for (RecentTouchpoint t : newestFirst) {
            if (chosen.size() < n && !perSystem.containsKey(t.source())) {
                chosen.add(t);
                perSystem.put(t.source(), 1);
            }
        }
        int cap = (n + 1) / 2;
        for (RecentTouchpoint t : newestFirst) {
            if (chosen.size() < n && !chosen.contains(t) && perSystem.get(t.source()) < cap) {
                chosen.add(t);
                perSystem.merge(t.source(), 1, Integer::sum);
            }
        }
        for (RecentTouchpoint t : newestFirst) {
            if (chosen.size() < n && !chosen.contains(t)) {
                chosen.add(t);
            }
        }
        chosen.sort(RecentTouchpoint.NEWEST_FIRST);
        return List.copyOf(chosen);
    }

    /** 100 minus 40/25/10/5 per open critical/high/medium/low finding (held ones excluded), at least 0. */
    public int healthScore() {
        return Math.max(0, 100 - openFindings.stream().mapToInt(OpenFinding::penalty).sum());
    }

    /** When the latest touchpoint happened; null without touchpoints. */
    public Instant lastTouchpointAt() {
        return recentTouchpoints.isEmpty() ? null : recentTouchpoints.get(0).at();
    }

    /** The latest touchpoint in one line ({@link RecentTouchpoint#line()}); null without touchpoints. */
    public String lastTouchpoint() {
        return recentTouchpoints.isEmpty() ? null : recentTouchpoints.get(0).line();
    }

    /**
     * The text for the summary Task's Description and for Journey_Summary__c: a header (stage, persona, health,
     * the journey's span and latest touchpoint), the recent touchpoints newest first with date and system, and the
     * open pain points and gaps, or "none". At most {@link #SUMMARY_LENGTH} characters: titles are cut to one short
     * line each, and when the findings do not fit, the last line says how many more there are.
     */
    public String summaryText() {
        StringBuilder out = new StringBuilder();
        out.append("Journey context for ").append(fit(oneLine(displayName()), TITLE_LENGTH)).append('\n');
        out.append("Stage: ").append(stageLabel == null ? "unknown (no touchpoints yet)" : stageLabel).append('\n');
        out.append("Persona: ").append(fit(oneLine(personaLabel), PERSONA_LENGTH)).append('\n');
        out.append("Health: ").append(healthScore()).append("/100").append(healthReason()).append('\n');
        if (touchpointCount > 0) {
            out.append("Touchpoints: ").append(touchpointCount).append(" since ").append(date(firstTouchpointAt))
                    .append(", the latest on ").append(date(lastTouchpointAt())).append('\n');
            out.append("Last touchpoint: ").append(date(lastTouchpointAt())).append(' ').append(lastTouchpoint())
                    .append('\n');
        }

        out.append('\n').append("Recent touchpoints");
        if (recentTouchpoints.isEmpty()) {
            out.append('\n').append("none").append('\n');
        } else {
            out.append(" (").append(recentTouchpoints.size()).append(" of ").append(touchpointCount)
                    .append(", newest first)").append('\n');
            for (RecentTouchpoint t : recentTouchpoints) {
                out.append("- ").append(date(t.at())).append(' ').append(t.line()).append('\n');
                if (t.deepLink() != null) {
                    out.append("  ").append(t.deepLink()).append('\n');
                }
            }
        }

        out.append('\n').append("Open pain points and gaps");
        if (openFindings.isEmpty()) {
            out.append('\n').append("none").append('\n');
        } else {
            out.append(" (").append(openFindings.size()).append(')').append('\n');
            appendFindings(out);
        }
        if (heldFindings > 0) {
            out.append(heldFindings).append(heldFindings == 1 ? " more is" : " more are")
                    .append(" held until an identity review is decided, and not shown here").append('\n');
        }
        return out.toString();
    }

    /**
     * The journey fields of the Contact, by API name, in a fixed order: stage and persona labels cut to their field
     * lengths with an ellipsis, the health score, the latest touchpoint's time (null without touchpoints, so an
     * update clears it) and {@link #summaryText()}.
     */
    public Map<String, Object> contactFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(STAGE_FIELD, stageLabel == null ? null : fit(oneLine(stageLabel), STAGE_LENGTH));
        fields.put(PERSONA_FIELD, fit(oneLine(personaLabel), PERSONA_LENGTH));
        fields.put(HEALTH_SCORE_FIELD, healthScore());
        fields.put(LAST_TOUCHPOINT_FIELD, lastTouchpointAt());
        fields.put(SUMMARY_FIELD, summaryText());
        return java.util.Collections.unmodifiableMap(fields);
    }

    private String displayName() {
        return name == null || name.isBlank() ? "Contact " + contactId : name;
    }

    /** " (1 high, 2 medium open)", or why the score is full. */
    private String healthReason() {
        if (openFindings.isEmpty()) {
            return " (no open pain points or gaps)";
        }
        Map<Severity, Integer> bySeverity = new TreeMap<>(Comparator.reverseOrder());
        openFindings.forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        bySeverity.forEach((s, n) -> parts.add(n + " " + s.wireName()));
        return " (" + String.join(", ", parts) + " open)";
    }

    /** Finding lines while they fit; the rest summed up in one last line that always has room. */
    private void appendFindings(StringBuilder out) {
        // The held-findings line and the "more" line are each under 100 characters.
        int budget = SUMMARY_LENGTH - 200;
        for (int i = 0; i < openFindings.size(); i++) {
            String line = "- " + openFindings.get(i).line() + "\n";
            if (out.length() + line.length() > budget) {
                int more = openFindings.size() - i;
                out.append("- ").append(ELLIPSIS).append(" and ").append(more).append(" more, see the journey findings")
                        .append('\n');
                return;
            }
            out.append(line);
        }
    }

    static String systemName(Touchpoint.Source source) {
        return switch (source) {
            case SALESFORCE -> "Salesforce";
            case ZENDESK -> "Zendesk";
            case MAILCHIMP -> "Mailchimp";
        };
    }

    /** Line breaks, tabs and invisible format characters become one space: a record's text cannot add lines. */
    static String oneLine(String text) {
        return text == null ? "" : BREAKS.matcher(text).replaceAll(" ").strip();
    }

    /**
     * The text in at most {@code max} characters (UTF-16 units, as Salesforce counts a field's length): cut with an
     * ellipsis when longer, never inside a surrogate pair.
     */
    static String fit(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }

    private static String date(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }
}
