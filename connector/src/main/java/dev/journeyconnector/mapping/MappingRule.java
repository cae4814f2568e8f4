package dev.journeyconnector.mapping;

import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a touchpoint mapping: when its condition holds for a record, the record yields a touchpoint of
 * this type, at the time {@code at} gives.
 *
 * @param type   the touchpoint type, e.g. {@code case-opened}; unique within its file
 * @param when   the condition; empty means every record
 * @param at     when it happened: a date-time field, optionally plus minutes from another field
 * @param title  the title template
 * @param device the device; the vocabulary's default device when the file does not say
 */
public record MappingRule(String type, Optional<Condition> when, TimeSpec at, TitleTemplate title,
                          ValueSpec stage, ValueSpec channel, ValueSpec department, ValueSpec device,
                          ValueSpec sentiment) {

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
    }
}
