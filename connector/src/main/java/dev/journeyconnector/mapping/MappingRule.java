package dev.journeyconnector.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One rule of a touchpoint mapping: when its condition holds for a record, the record yields a touchpoint of
 * this type, at the time {@code at} gives.
 *
 * @param type   the touchpoint type, e.g. {@code case-opened}; unique within its file
 * @param when   the condition; empty means every record
 * @param at     when it happened: a date-time field, optionally plus minutes from another field
 * @param title  the title template
 * @param device     the device; the vocabulary's default device when the file does not say
 * @param attributes the touchpoint attributes by name, in file order; empty when the rule declares none
 */
public record MappingRule(String type, Optional<Condition> when, TimeSpec at, TitleTemplate title,
                          ValueSpec stage, ValueSpec channel, ValueSpec department, ValueSpec device,
                          ValueSpec sentiment, Map<String, AttributeSpec> attributes) {

    /** A rule without attributes. */
    public MappingRule(String type, Optional<Condition> when, TimeSpec at, TitleTemplate title, ValueSpec stage,
                       ValueSpec channel, ValueSpec department, ValueSpec device, ValueSpec sentiment) {
        this(type, when, at, title, stage, channel, department, device, sentiment, Map.of());
    }

    public MappingRule {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(sentiment, "sentiment");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The attributes this record gives, by name; an attribute the record gives no value for is left out. */
    public Map<String, String> attributes(Map<String, ?> record) {
        Map<String, String> out = new TreeMap<>();
        attributes.forEach((name, spec) -> spec.resolve(record).ifPresent(value -> out.put(name, value)));
        return out;
    }
}
