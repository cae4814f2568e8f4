package dev.journeyconnector.writeback;

import dev.journeyconnector.journey.ContactJourney;
import dev.journeyconnector.salesforce.SaveRequest;
import dev.journeyconnector.salesforce.SaveResult;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.WritebackLedger;
import dev.journeyconnector.store.WritebackLedger.Entry;
import dev.journeyconnector.store.WritebackLedger.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps one journey-summary Task per Contact current in Salesforce. {@link #plan()} compares each
 * Contact's summary with what the ledger says was last written and asks only for the creates and
 * updates whose content changed; {@link #record(List)} stores what Salesforce answered.
 */
public final class SummaryWriteBack {
    private static final Logger LOG = LoggerFactory.getLogger(SummaryWriteBack.class);
    public static final String KIND = "journey-summary";
    /** The last line of every summary Task: finds it again should the ledger ever lose its id. */
    public static final String MARKER = "journey-connector:summary:";

    private final RawStore raw;
    private final WritebackLedger ledger;
    private final String subjectPrefix;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public SummaryWriteBack(RawStore raw, WritebackLedger ledger, String subjectPrefix) {
        this.raw = raw;
        this.ledger = ledger;
        this.subjectPrefix = subjectPrefix;
    }

    /** The Task saves needed to make every Contact's summary current; empty when nothing changed. */
    public List<SaveRequest> plan() {
        Map<String, Entry> written = ledger.entries(KIND);
        List<SaveRequest> requests = new ArrayList<>();
        List<Entry> sending = new ArrayList<>();
        int unchangedNow = 0;
        for (ContactJourney journey : journeys()) {
            Map<String, Object> task = task(journey);
            String hash = hash(task);
            Entry previous = written.get(journey.contactId());
            if (previous != null && previous.state() == State.WRITTEN && hash.equals(previous.contentHash())) {
                unchangedNow++;
                continue;
            }
            String crmId = previous == null ? null : previous.crmId();
            task.put("ActivityDate", LocalDate.now(ZoneOffset.UTC));
            requests.add(new SaveRequest(journey.contactId(), crmId, task));
            sending.add(new Entry(KIND, journey.contactId(), "Task", crmId, hash, State.SENDING, null));
        }
        ledger.markSending(sending);
        unchanged.addAndGet(unchangedNow);
        LOG.info("Journey summaries: {} to write, {} unchanged", requests.size(), unchangedNow);
        return requests;
    }

    /** Stores Salesforce's answers in the ledger. */
    public void record(List<SaveResult> results) {
        List<Entry> outcomes = new ArrayList<>();
        for (SaveResult r : results) {
            if (r.success()) {
                (r.created() ? created : updated).incrementAndGet();
                outcomes.add(new Entry(KIND, r.key(), "Task", r.id(), null, State.WRITTEN, null));
            } else {
                failed.incrementAndGet();
                String reason = r.errors().stream().map(e -> e.statusCode() + ": " + e.message())
                        .collect(Collectors.joining("; "));
                LOG.warn("Journey summary for Contact {} was not saved: {}", r.key(), reason);
                outcomes.add(new Entry(KIND, r.key(), "Task", r.id(), null, State.FAILED, reason));
            }
        }
        ledger.recordOutcomes(outcomes);
    }

    public long created() { return created.get(); }
    public long updated() { return updated.get(); }
    public long unchanged() { return unchanged.get(); }
    public long failed() { return failed.get(); }

    private List<ContactJourney> journeys() {
        Map<String, Map<String, Object>> accounts = byId(raw.records("salesforce", "Account"));
        Map<String, List<Map<String, Object>>> oppsByAccount = groupBy(raw.records("salesforce", "Opportunity"), "AccountId");
        Map<String, List<Map<String, Object>>> casesByContact = groupBy(raw.records("salesforce", "Case"), "ContactId");
        List<ContactJourney> out = new ArrayList<>();
        for (Map<String, Object> contact : raw.records("salesforce", "Contact")) {
            String accountId = (String) contact.get("AccountId");
            out.add(ContactJourney.of(contact, accountId == null ? null : accounts.get(accountId),
                    accountId == null ? List.of() : oppsByAccount.getOrDefault(accountId, List.of()),
                    casesByContact.getOrDefault((String) contact.get("Id"), List.of())));
        }
        return out;
    }

    private Map<String, Object> task(ContactJourney journey) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("Subject", (subjectPrefix.isBlank() ? "" : subjectPrefix + " ") + "Journey summary: " + journey.name());
        task.put("Description", journey.summaryText() + "\n" + MARKER + journey.contactId());
        task.put("WhoId", journey.contactId());
        if (journey.accountId() != null) {
            task.put("WhatId", journey.accountId());
        }
        if (journey.ownerId() != null) {
            task.put("OwnerId", journey.ownerId());
        }
        // A summary is context, not a to-do: completed, so it sits in the activity history and not in open tasks.
        task.put("Status", "Completed");
        task.put("Priority", "Normal");
        task.put("Type", "Other");
        return task;
    }

    private static String hash(Map<String, Object> task) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            task.forEach((k, v) -> sha.update((k + "=" + v + "\u0000").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> records) {
        return records.stream().collect(Collectors.toMap(r -> (String) r.get("Id"), Function.identity(), (a, b) -> a));
    }

    private static Map<String, List<Map<String, Object>>> groupBy(List<Map<String, Object>> records, String field) {
        return records.stream().filter(r -> r.get(field) != null)
                .collect(Collectors.groupingBy(r -> (String) r.get(field)));
    }
}
