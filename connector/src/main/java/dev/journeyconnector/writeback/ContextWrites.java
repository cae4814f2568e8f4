package dev.journeyconnector.writeback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Journey context for sales reps, kept current on every Contact: in the five Contact journey fields when our
 * metadata is deployed, otherwise in one pinned summary Task per Contact, updated in place. Both carry
 * {@link JourneyContext#summaryText()}; each is written only when it changed.
 */
public final class ContextWrites implements WriteSource {
    public static final String SUMMARY_KIND = "journey-summary";
    public static final String FIELDS_KIND = "contact-context";
    /** The last line of every summary Task: finds it again should the ledger ever lose its id. */
    public static final String MARKER = "journey-connector:summary:";

    /**
     * The journey contexts to write, handed over a batch at a time ({@code JourneyContextStore::forEachBatch}): a
     * context holds its recent touchpoints and open findings, and only the record made from it need outlive its batch.
     */
    @FunctionalInterface
    public interface Contexts {
        void forEachBatch(Consumer<List<JourneyContext>> batch);
    }

    private final Contexts contexts;
    private final WriteBackSettings settings;
    private final boolean fields;

    private ContextWrites(Contexts contexts, WriteBackSettings settings, boolean fields) {
        this.contexts = contexts;
        this.settings = settings;
        this.fields = fields;
    }

    /** The summary Task, for orgs without the Contact journey fields. */
    public static ContextWrites summaryTasks(Contexts contexts, WriteBackSettings settings) {
        return new ContextWrites(contexts, settings, false);
    }

    /** The Contact journey fields, where deployed. */
    public static ContextWrites contactFields(Contexts contexts, WriteBackSettings settings) {
        return new ContextWrites(contexts, settings, true);
    }

    /** The summary Task, from contexts given all at once (a few, as in tests). */
    public static ContextWrites summaryTasks(Supplier<List<JourneyContext>> contexts, WriteBackSettings settings) {
        return summaryTasks(batch -> batch.accept(contexts.get()), settings);
    }

    /** The Contact journey fields, from contexts given all at once (a few, as in tests). */
    public static ContextWrites contactFields(Supplier<List<JourneyContext>> contexts, WriteBackSettings settings) {
        return contactFields(batch -> batch.accept(contexts.get()), settings);
    }

    @Override
    public String kind() {
        return fields ? FIELDS_KIND : SUMMARY_KIND;
    }

    @Override
    public Wanted wanted(OrgCapabilities org, java.util.Set<String> written) {
        if (org.contactFields() != fields) {
            return new Wanted(List.of(), Map.of());
        }
        List<CrmWrite> out = new ArrayList<>();
        contexts.forEachBatch(batch -> batch.forEach(c -> out.add(fields ? fields(c) : task(c))));
        return new Wanted(out, Map.of());
    }

    private CrmWrite fields(JourneyContext c) {
        return new CrmWrite(FIELDS_KIND, c.contactId(), "Contact", CrmWrite.Operation.UPDATE, c.contactId(),
                c.contactFields(), Map.of(), c.accountId(), Map.of(), "journey fields of Contact " + c.contactId());
    }

    private CrmWrite task(JourneyContext c) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("Subject", FindingWrites.clip(settings.subject("Journey summary: " + (c.name() == null ? c.contactId() : c.name())), 255));
        t.put("Description", c.summaryText() + "\n" + MARKER + c.contactId());
        t.put("WhoId", c.contactId());
        t.put("WhatId", c.accountId());
        t.put("OwnerId", c.ownerId());
        // Context, not a to-do: completed, so it sits in the activity history rather than in anyone's open tasks.
        t.put("Status", "Completed");
        t.put("Priority", "Normal");
        t.put("Type", "Other");
        return new CrmWrite(SUMMARY_KIND, c.contactId(), "Task", CrmWrite.Operation.SAVE, null, t, Map.of(),
                c.accountId() != null ? c.accountId() : c.contactId(), CrmWrite.marker(c.contactId(), MARKER + c.contactId()),
                "journey summary Task of Contact " + c.contactId());
    }
}
