package dev.journeyconnector.insight;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A source record of a mapped (not reference) object that produced no touchpoint: no rule matched it, or the
 * rules that matched could not make one. Skipped records (a mapping's {@code skip:}) are deliberate and do not
 * belong here; neither does a record that made at least one touchpoint (its fields count as mapped).
 *
 * @param source   {@code salesforce}, {@code zendesk} or {@code mailchimp}
 * @param object   the object as stored, e.g. {@code Case}, {@code tickets}
 * @param recordId the record's id in its system
 * @param reason   why, e.g. {@code no rule matched} or {@code case-opened: CreatedDate is missing}; several
 *                 reasons of one record joined with {@code "; "}
 * @param fields   the record's payload as stored (nested maps and lists as in the JSON)
 */
public record UnmappedRecord(String source, String object, String recordId, String reason,
                             Map<String, Object> fields) {

    /** The reason the mapping evaluator gives a record no rule matched. */
    public static final String NO_RULE_MATCHED = "no rule matched";

    public UnmappedRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(recordId, "recordId");
        reason = reason == null || reason.isBlank() ? NO_RULE_MATCHED : reason;
        // Payloads hold JSON nulls, which Map.copyOf refuses.
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
