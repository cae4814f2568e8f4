package dev.journeyconnector.writeback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One record a write-back source wants in Salesforce, by the connector's own key.
 *
 * @param kind       the source's kind, e.g. {@code finding-task}; with {@code key} the ledger's key
 * @param key        the source's own key, e.g. the finding key or the Contact Id a summary is about
 * @param sobject    the sObject written, e.g. {@code Task}
 * @param operation  how it is written
 * @param crmId      {@link Operation#UPDATE} only: the existing record (a Contact), else null
 * @param fields     the content: sent on create and on every update, and hashed to tell whether it changed
 * @param createOnly sent only when the record is created (a Task's due date and reminder, which the owner may move)
 * @param parentId   the record a lock on this one would be held through (the WhatId or WhoId), for grouping
 *                   retries after UNABLE_TO_LOCK_ROW; may be null
 * @param locator    how to find the record again after a crash: see {@link #marker} and {@link #externalId}
 * @param label      one line for logs and the dry run, e.g. {@code Task for finding repeat-contact|sf:003...}
 */
public record CrmWrite(String kind, String key, String sobject, Operation operation, String crmId,
                       Map<String, Object> fields, Map<String, Object> createOnly, String parentId,
                       Map<String, String> locator, String label) {

    public enum Operation {
        /** Create the record the first time, update it by the id the ledger then holds. */
        SAVE,
        /** Upsert on the external id the locator names: a crash can never make two. */
        UPSERT,
        /** Update a record the connector did not create (a Contact's journey fields), by {@code crmId}. */
        UPDATE
    }

    /** Locator key: the marker line a created record's text carries. */
    public static final String MARKER = "marker";
    /** Locator key: the WhoId a marked Task was created with ("" for none). */
    public static final String WHO_ID = "whoId";
    /** Locator key: the external-id field an upsert matches on. */
    public static final String EXTERNAL_ID_FIELD = "externalIdField";
    /** Locator key: the external-id value. */
    public static final String EXTERNAL_ID = "externalId";

    public CrmWrite {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sobject, "sobject");
        Objects.requireNonNull(operation, "operation");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        createOnly = createOnly == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(createOnly));
        locator = locator == null ? Map.of() : Map.copyOf(locator);
        if (operation == Operation.UPDATE && crmId == null) {
            throw new IllegalArgumentException(label + ": an update needs the record's id");
        }
        if (operation == Operation.UPSERT && (!locator.containsKey(EXTERNAL_ID_FIELD) || !locator.containsKey(EXTERNAL_ID))) {
            throw new IllegalArgumentException(label + ": an upsert needs its external id in the locator");
        }
        if (operation == Operation.SAVE && !locator.containsKey(MARKER)) {
            throw new IllegalArgumentException(label + ": a created record needs a marker to be found again");
        }
    }

    /** The locator of a record found again by the marker line in its text, among the Tasks of {@code whoId}. */
    public static Map<String, String> marker(String whoId, String markerLine) {
        return Map.of(MARKER, markerLine, WHO_ID, whoId == null ? "" : whoId);
    }

    /** The locator of a record upserted on {@code field} = {@code value}. */
    public static Map<String, String> externalId(String field, String value) {
        return Map.of(EXTERNAL_ID_FIELD, field, EXTERNAL_ID, value);
    }

    /** SHA-256 over the sObject and the content fields, in name order: equal content, equal hash. */
    public String contentHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((sobject + "\u0000").getBytes(StandardCharsets.UTF_8));
            new TreeMap<>(fields).forEach((k, v) -> sha.update((k + "=" + v + "\u0000").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
