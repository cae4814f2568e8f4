package dev.journeyconnector.writeback;

import dev.journeyconnector.store.FindingStore;
import dev.journeyconnector.store.FindingStore.StoredFinding;
import dev.journeyconnector.store.RawStore;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Findings as Salesforce records, for the people who act on them.
 *
 * <p>{@link #tasks()}: a standard Task per finding, in any org. WhoId the customer's Contact or Lead; WhatId the
 * opportunity, case or account the finding is about (for a help-desk ticket or a campaign, the Contact's account);
 * OwnerId the person the rule named (case owner for support gaps, opportunity owner for deal and sales gaps, account
 * owner for onboarding gaps) while that user is active, else the configured fallback user; Priority from severity.
 * A handoff gap is an alert: due today, with a reminder. Status Completed once the finding resolves.
 *
 * <p>{@link #records()}: with our metadata deployed, every finding is a {@code Journey_Finding__c} upserted on its
 * key, and only handoff gaps (alerts, which need a reminder) also get a Task; a pain point whose Task was written
 * before the metadata arrived keeps that Task current.
 *
 * <p>Left out, and counted: findings held for identity review (the customer is not settled), findings of customers
 * with no Contact or Lead in Salesforce (no one there to put them on), and findings that had already resolved before
 * they were ever written (history, not news).
 */
public final class FindingWrites {
    public static final String TASK_KIND = "finding-task";
    public static final String RECORD_KIND = "finding-record";
    /** The marker line that ends every finding Task: finds it again should the ledger lose its id. */
    public static final String MARKER = "journey-connector:finding:";

    static final String HELD = "findings held for identity review";
    static final String NO_PERSON = "findings of customers with no Contact or Lead in Salesforce";
    static final String RESOLVED_UNWRITTEN = "findings resolved before they were ever written";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int SUBJECT_MAX = 255;
    private static final int TEXT_MAX = 32_000;

    private final FindingStore findings;
    private final RawStore raw;
    private final WriteBackSettings settings;
    private final BiFunction<String, String, String> thresholds;
    private final Clock clock;

    /**
     * @param thresholds rule id, persona id → the thresholds in force, in words (RuleSettings#thresholdsText)
     */
    public FindingWrites(FindingStore findings, RawStore raw, WriteBackSettings settings,
                         BiFunction<String, String, String> thresholds, Clock clock) {
        this.findings = findings;
        this.raw = raw;
        this.settings = settings;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    public WriteSource tasks() {
        return new WriteSource() {
            @Override
            public String kind() {
                return TASK_KIND;
            }

            @Override
            public Wanted wanted(OrgCapabilities org, Set<String> written) {
                return collect((f, ctx) -> !org.findingObject() || f.kind().equals("handoff-gap")
                        || written.contains(f.key()) ? task(f, ctx) : null, written);
            }
        };
    }

    public WriteSource records() {
        return new WriteSource() {
            @Override
            public String kind() {
                return RECORD_KIND;
            }

            @Override
            public Wanted wanted(OrgCapabilities org, Set<String> written) {
                if (!org.findingObject()) {
                    return new Wanted(List.of(), Map.of());
                }
                return collect(FindingWrites.this::record, written);
            }
        };
    }

    /**
     * What the finding's records need from the CRM data: the Contact's account, the users who are not active, and
     * for findings anchored on a history or comment row, the case or opportunity it belongs to.
     */
    private record Context(Map<String, String> contactAccount, Set<String> inactiveUsers, Map<String, String> parents,
                           Instant now) {
    }

    /** Child rows a rule may anchor on, and the field naming the record a Task about them belongs on. */
    private static final Map<String, String[]> PARENT = Map.of(
            "CaseHistory", new String[]{"CaseId", "Case"},
            "CaseComment", new String[]{"ParentId", "Case"},
            "OpportunityHistory", new String[]{"OpportunityId", "Opportunity"});

    private interface Maker {
        CrmWrite make(StoredFinding f, Context ctx);
    }

    /**
     * Goes through the stored findings once. A finding anchored on a history or comment row waits until the pass is
     * over, when the case or deal of every such row is looked up at once (there are few of them).
     */
    private WriteSource.Wanted collect(Maker maker, Set<String> written) {
        Map<String, String> contactAccount = raw.field("salesforce", "Contact", "AccountId");
        Set<String> inactive = inactiveUsers();
        Instant now = clock.instant();
        Context ctx = new Context(contactAccount, inactive, Map.of(), now);
        List<CrmWrite> writes = new ArrayList<>();
        List<StoredFinding> onChildRows = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        // One finding at a time: at 100,000 customers half the stored findings are resolved ones never written, and
        // holding every finding beside the records made from them ran the plan out of 640 MB (docs/benchmarks.md).
        findings.forEach(FindingStore.Filter.ALL, l -> {
            StoredFinding f = l.finding();
            if (l.heldForReview()) {
                skipped.merge(HELD, 1, Integer::sum);
            } else if (who(f) == null) {
                skipped.merge(NO_PERSON, 1, Integer::sum);
            } else if (f.state() == FindingStore.State.RESOLVED && !written.contains(f.key())) {
                skipped.merge(RESOLVED_UNWRITTEN, 1, Integer::sum);
            } else if (PARENT.containsKey(String.valueOf(anchorObject(f)))) {
                onChildRows.add(f);
            } else {
                add(writes, maker.make(f, ctx));
            }
        });
        Context withParents = new Context(contactAccount, inactive, parents(onChildRows), now);
        onChildRows.forEach(f -> add(writes, maker.make(f, withParents)));
        return new WriteSource.Wanted(writes, skipped);
    }

    private static void add(List<CrmWrite> writes, CrmWrite w) {
        if (w != null) {
            writes.add(w);
        }
    }

    /** "object/id" of each history or comment anchor → its case or opportunity id. */
    private Map<String, String> parents(List<StoredFinding> onChildRows) {
        Map<String, List<String>> ids = new java.util.HashMap<>();
        for (StoredFinding f : onChildRows) {
            ids.computeIfAbsent(anchorObject(f), k -> new ArrayList<>()).add(anchorId(f));
        }
        Map<String, String> out = new java.util.HashMap<>();
        ids.forEach((object, list) -> raw.field("salesforce", object, PARENT.get(object)[0], list)
                .forEach((id, parent) -> out.put(object + "/" + id, parent)));
        return out;
    }

    private Set<String> inactiveUsers() {
        Set<String> inactive = new java.util.HashSet<>();
        raw.field("salesforce", "User", "IsActive").forEach((id, active) -> {
            if ("false".equalsIgnoreCase(active)) {
                inactive.add(id);
            }
        });
        return inactive;
    }

    // ---- the Task ----

    CrmWrite task(StoredFinding f, Context ctx) {
        boolean gap = f.kind().equals("handoff-gap");
        String who = who(f);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("Subject", clip(settings.subject((gap ? "Handoff gap: " : "Pain point: ") + f.title()), SUBJECT_MAX));
        t.put("Description", clip(description(f, ctx), TEXT_MAX - MARKER.length() - f.key().length() - 1)
                + "\n" + MARKER + f.key());
        t.put("WhoId", who);
        t.put("WhatId", what(f, ctx));
        t.put("OwnerId", owner(f, ctx));
        t.put("Priority", switch (f.severity()) {
            case "critical", "high" -> "High";
            case "low" -> "Low";
            default -> "Normal";
        });
        t.put("Status", f.state() == FindingStore.State.RESOLVED ? "Completed" : "Not Started");
        t.put("Type", "Other");
        Map<String, Object> createOnly = new LinkedHashMap<>();
        if (gap) {
            // An alert: due today with a reminder, so it lands in the owner's day. Only on create: the owner may
            // move either, and a later update must not move them back.
            createOnly.put("ActivityDate", LocalDate.ofInstant(ctx.now(), ZoneOffset.UTC));
            createOnly.put("IsReminderSet", Boolean.TRUE);
            createOnly.put("ReminderDateTime", ctx.now().plus(settings.reminderDelay()));
        }
        return new CrmWrite(TASK_KIND, f.key(), "Task", CrmWrite.Operation.SAVE, null, t, createOnly,
                (String) (t.get("WhatId") != null ? t.get("WhatId") : who), CrmWrite.marker(who, MARKER + f.key()),
                "Task for " + f.ruleId() + " on " + f.customerKey() + " (" + f.key() + ")");
    }

    private String description(StoredFinding f, Context ctx) {
        StringBuilder d = new StringBuilder();
        d.append(f.explanation()).append("\n\n");
        if (f.handoffFrom() != null) {
            d.append("Handoff: ").append(f.handoffFrom()).append(" -> ").append(f.handoffTo()).append('\n');
        }
        d.append("Detected: ").append(WHEN.format(f.detectedAt())).append('\n');
        if (f.resolvedAt() != null) {
            d.append("Resolved: ").append(WHEN.format(f.resolvedAt())).append('\n');
        }
        if (!f.evidence().isEmpty()) {
            d.append("\nEvidence:\n");
            for (FindingStore.Evidence e : f.evidence()) {
                d.append("- ").append(WHEN.format(e.at())).append("  ").append(e.what());
                if (e.link() != null) {
                    d.append("\n  ").append(e.link());
                }
                d.append('\n');
            }
        }
        d.append("\nRule: ").append(f.ruleId()).append(" (").append(f.kind()).append(", severity ")
                .append(f.severity()).append(", persona ").append(f.personaId()).append(")\n");
        d.append("Thresholds: ").append(thresholds.apply(f.ruleId(), f.personaId())).append('\n');
        d.append("Why you: ").append(ownerReason(f, ctx)).append('\n');
        return d.toString();
    }

    // ---- the Journey_Finding__c record ----

    CrmWrite record(StoredFinding f, Context ctx) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put(OrgCapabilities.FINDING_KEY_FIELD, f.key());
        r.put("Title__c", clip(f.title(), 255));
        r.put("Rule__c", clip(f.ruleId(), 80));
        r.put("Kind__c", f.kind().equals("handoff-gap") ? "Handoff gap" : "Pain point");
        r.put("Severity__c", f.severity());
        r.put("State__c", f.state() == FindingStore.State.RESOLVED ? "Resolved" : "Open");
        r.put("Explanation__c", clip(f.explanation() + "\n\nThresholds: " + thresholds.apply(f.ruleId(), f.personaId())
                + "\nOwner: " + ownerReason(f, ctx).replaceFirst("^you are the ", "the "), TEXT_MAX));
        StringBuilder evidence = new StringBuilder();
        for (FindingStore.Evidence e : f.evidence()) {
            evidence.append(WHEN.format(e.at())).append("  ").append(e.what());
            if (e.link() != null) {
                evidence.append("\n  ").append(e.link());
            }
            evidence.append('\n');
        }
        r.put("Evidence__c", clip(evidence.toString(), TEXT_MAX));
        r.put("Detected_At__c", f.detectedAt());
        r.put("Resolved_At__c", f.resolvedAt());
        String who = who(f);
        r.put("Contact__c", who.startsWith("003") ? who : null);
        r.put("Lead__c", who.startsWith("00Q") ? who : null);
        String[] about = about(f, ctx);
        String anchorObject = about == null ? null : about[0];
        String anchorId = about == null ? null : about[1];
        r.put("Opportunity__c", "Opportunity".equals(anchorObject) ? anchorId : null);
        r.put("Case__c", "Case".equals(anchorObject) ? anchorId : null);
        r.put("Account__c", "Account".equals(anchorObject) ? anchorId
                : who.startsWith("003") ? ctx.contactAccount().get(who) : null);
        r.put("From__c", f.handoffFrom() == null ? null : clip(f.handoffFrom(), 80));
        r.put("To__c", f.handoffTo() == null ? null : clip(f.handoffTo(), 80));
        r.put("Persona__c", clip(f.personaId(), 80));
        r.put("OwnerId", owner(f, ctx));
        return new CrmWrite(RECORD_KIND, f.key(), OrgCapabilities.FINDING_OBJECT, CrmWrite.Operation.UPSERT, null, r,
                Map.of(), who, CrmWrite.externalId(OrgCapabilities.FINDING_KEY_FIELD, f.key()),
                OrgCapabilities.FINDING_OBJECT + " " + f.key());
    }

    // ---- who, what, owner ----

    /** The customer's Contact or Lead Id, or null when the customer has neither. */
    static String who(StoredFinding f) {
        String key = f.customerKey();
        if (!key.startsWith("sf:")) {
            return null;
        }
        String id = key.substring(3);
        return id.startsWith("003") || id.startsWith("00Q") ? id : null;
    }

    /**
     * The record the Task is about: the finding's own opportunity, case or account; for anything else (a ticket, a
     * campaign) the Contact's account. A Task on a Lead may not have one (Salesforce refuses WhatId with a lead).
     */
    private static String what(StoredFinding f, Context ctx) {
        String who = who(f);
        if (who.startsWith("00Q")) {
            return null;
        }
        String[] about = about(f, ctx);
        if (about != null) {
            return about[1];
        }
        return ctx.contactAccount().get(who);
    }

    /**
     * The Opportunity, Case or Account a finding is about, as {object, id}: its anchor, or the case or opportunity of
     * an anchor that is a history or comment row; null for anything else (a ticket, a campaign).
     */
    private static String[] about(StoredFinding f, Context ctx) {
        String object = anchorObject(f);
        if (object == null) {
            return null;
        }
        if (Set.of("Opportunity", "Case", "Account").contains(object)) {
            return new String[]{object, anchorId(f)};
        }
        String parent = PARENT.containsKey(object) ? ctx.parents().get(object + "/" + anchorId(f)) : null;
        return parent == null ? null : new String[]{PARENT.get(object)[1], parent};
    }

    /** The rule's person while that user is active, else the fallback user (null: the integration user). */
    private String owner(StoredFinding f, Context ctx) {
        String id = f.actor() == null ? null : f.actor().id();
        if (id != null && !ctx.inactiveUsers().contains(id)) {
            return id;
        }
        return settings.fallbackOwnerId();
    }

    private String ownerReason(StoredFinding f, Context ctx) {
        FindingStore.Actor a = f.actor();
        String id = a == null ? null : a.id();
        if (id != null && !ctx.inactiveUsers().contains(id)) {
            return "you are the " + a.role() + " (" + a.reason() + ")";
        }
        String because = id != null ? "the " + a.role() + " " + id + " is no longer an active user"
                : a == null ? "the rule names nobody" : a.reason();
        return (settings.fallbackOwnerId() == null ? "assigned to the integration user" : "you are the fallback owner")
                + " because " + because;
    }

    /** The anchor {@code source/object/recordId} of a Salesforce anchor: its object, else null. */
    private static String anchorObject(StoredFinding f) {
        String[] parts = anchor(f);
        return parts != null && parts[0].equals("salesforce") ? parts[1] : null;
    }

    private static String anchorId(StoredFinding f) {
        String[] parts = anchor(f);
        return parts == null ? null : parts[2];
    }

    private static String[] anchor(StoredFinding f) {
        // key = rule|customer|source/object/recordId; the record id may itself contain '/'.
        String key = f.key();
        int second = key.indexOf('|', key.indexOf('|') + 1);
        if (second < 0) {
            return null;
        }
        String[] parts = key.substring(second + 1).split("/", 3);
        return parts.length == 3 ? parts : null;
    }

    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "\u2026";
    }
}
