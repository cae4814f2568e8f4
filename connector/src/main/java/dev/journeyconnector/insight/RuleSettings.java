package dev.journeyconnector.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One rule's settings for one persona, resolved: the rule's declared defaults, then what
 * {@code mappings/rules.yaml} sets for the rule, then what it sets for the persona under {@code personas:}.
 * Per-priority maps merge key by key, so a persona override of {@code sla: {high: 2h}} keeps the other
 * priorities' SLAs. Asking for a name the rule does not declare is a programming error.
 */
public final class RuleSettings {
    private final String ruleId;
    private final String personaId;
    private final boolean enabled;
    private final Severity severity;
    private final Map<String, Threshold> declared;
    private final Map<String, Object> values;
    private final BusinessCalendar calendar;

    RuleSettings(Rule rule, String personaId, boolean enabled, Severity severity, Map<String, Object> values,
                 BusinessCalendar calendar) {
        this.ruleId = rule.id();
        this.personaId = personaId;
        this.enabled = enabled;
        this.severity = Objects.requireNonNull(severity);
        this.declared = new LinkedHashMap<>();
        rule.thresholds().forEach(t -> declared.put(t.name(), t));
        this.values = Map.copyOf(values);
        this.calendar = Objects.requireNonNull(calendar);
    }

    /** The rule's defaults, for any persona, with the default business calendar. */
    public static RuleSettings defaults(Rule rule) {
        return RulesConfig.defaults(new RuleRegistry(List.of(rule))).settings(rule, "any");
    }

    public String ruleId() {
        return ruleId;
    }

    public String personaId() {
        return personaId;
    }

    public boolean enabled() {
        return enabled;
    }

    public Severity severity() {
        return severity;
    }

    public Duration duration(String name) {
        return (Duration) value(name, Threshold.Type.DURATION);
    }

    public int count(String name) {
        return (Integer) value(name, Threshold.Type.COUNT);
    }

    public boolean flag(String name) {
        return (Boolean) value(name, Threshold.Type.FLAG);
    }

    /** A per-priority duration, e.g. {@code perPriority("sla", Priority.HIGH)}. */
    public Duration perPriority(String name, Priority priority) {
        return Threshold.castPerPriority(value(name, Threshold.Type.PER_PRIORITY)).get(priority);
    }

    public Map<Priority, Duration> perPriority(String name) {
        return new EnumMap<>(Threshold.castPerPriority(value(name, Threshold.Type.PER_PRIORITY)));
    }

    /** Whether the rule declares {@code businessHours} and it is on. */
    public boolean businessHours() {
        return declared.containsKey(Threshold.BUSINESS_HOURS) && flag(Threshold.BUSINESS_HOURS);
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    /** Time between two instants as this rule counts it: business hours when on, calendar time otherwise. */
    public Duration elapsed(Instant from, Instant to) {
        if (businessHours()) {
            return calendar.between(from, to);
        }
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }

    /** When {@code amount} has passed after {@code from}, as this rule counts time. */
    public Instant deadline(Instant from, Duration amount) {
        return businessHours() ? calendar.plus(from, amount) : from.plus(amount);
    }

    /** A duration for an explanation: {@code 31 h}, or {@code 12 business hours (h)} when counting those. */
    public String describe(Duration d) {
        return DurationText.format(d) + (businessHours() ? " of business hours" : "");
    }

    /** For explanations that count business hours: {@code " (business hours Mon-Fri 09:00-17:00 UTC)"}, else empty. */
    public String calendarNote() {
        return businessHours() ? " (business hours " + calendar.describe() + ")" : "";
    }

    private Object value(String name, Threshold.Type type) {
        Threshold t = declared.get(name);
        if (t == null || t.type() != type) {
            throw new IllegalArgumentException("rule " + ruleId + " declares no " + type + " threshold '" + name
                    + "'; it declares " + declared.keySet());
        }
        return values.getOrDefault(name, t.defaultValue());
    }

    /**
     * The thresholds in force, for people: {@code "window 14 d, contacts 3"},
     * {@code "sla urgent 1 h / high 4 h / normal 24 h / low 48 h, in business hours (Mon-Fri 09:00-17:00 UTC)"}.
     */
    public String thresholdsText() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (Threshold t : declared.values()) {
            if (t.name().equals(Threshold.BUSINESS_HOURS)) {
                continue;
            }
            Object v = values.getOrDefault(t.name(), t.defaultValue());
            String text = switch (t.type()) {
                case DURATION -> DurationText.format((Duration) v);
                case COUNT, FLAG -> String.valueOf(v);
                case PER_PRIORITY -> {
                    java.util.StringJoiner j = new java.util.StringJoiner(" / ");
                    @SuppressWarnings("unchecked")
                    Map<Priority, Duration> m = (Map<Priority, Duration>) v;
                    m.forEach((p, d) -> j.add(p.name().toLowerCase(java.util.Locale.ROOT) + " " + DurationText.format(d)));
                    yield j.toString();
                }
            };
            parts.add(t.name() + " " + text);
        }
        String text = parts.isEmpty() ? "no thresholds" : String.join(", ", parts);
        return text + (businessHours() ? ", in business hours (" + calendar.describe() + ")" : "");
    }

    @Override
    public String toString() {
        return ruleId + "[" + personaId + "] enabled=" + enabled + " severity=" + severity + " " + values;
    }
}
