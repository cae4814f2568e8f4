package dev.journeyconnector.insight;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The rules file as loaded ({@link RulesLoader}): the business calendar and, per rule, what the file sets and
 * what it sets per persona. {@link #settings} resolves one rule for one persona.
 */
public final class RulesConfig {

    /**
     * What the file sets at one level (a rule, or a persona under it); nulls and absent names mean "inherit".
     *
     * @param values threshold values by name: Duration, Integer, Boolean, or a partial Map of Priority to Duration
     */
    public record Level(Boolean enabled, Severity severity, Map<String, Object> values) {
        public static final Level EMPTY = new Level(null, null, Map.of());

        public Level {
            values = Map.copyOf(values);
        }
    }

    /** One rule's entry: its own level and one level per persona id. */
    public record Entry(Level rule, Map<String, Level> personas) {
        public Entry {
            personas = Map.copyOf(personas);
        }
    }

    private final RuleRegistry registry;
    private final BusinessCalendar calendar;
    private final Map<String, Entry> entries;

    public RulesConfig(RuleRegistry registry, BusinessCalendar calendar, Map<String, Entry> entries) {
        this.registry = Objects.requireNonNull(registry);
        this.calendar = Objects.requireNonNull(calendar);
        this.entries = Map.copyOf(entries);
        for (String id : entries.keySet()) {
            if (registry.find(id).isEmpty()) {
                throw new IllegalArgumentException("no rule '" + id + "' in the registry");
            }
        }
    }

    /** Every rule of the registry with its defaults, the default calendar. */
    public static RulesConfig defaults(RuleRegistry registry) {
        return new RulesConfig(registry, BusinessCalendar.DEFAULT, Map.of());
    }

    public RuleRegistry registry() {
        return registry;
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    /** The levels as loaded, by rule id; rules the file does not mention are absent. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** The rule's settings for a persona: defaults, then the rule's level, then the persona's. */
    public RuleSettings settings(Rule rule, String personaId) {
        Entry entry = entries.getOrDefault(rule.id(), new Entry(Level.EMPTY, Map.of()));
        Level persona = entry.personas().getOrDefault(personaId, Level.EMPTY);
        boolean enabled = first(persona.enabled(), entry.rule().enabled(), Boolean.TRUE);
        Severity severity = first(persona.severity(), entry.rule().severity(), rule.defaultSeverity());
        Map<String, Object> values = new LinkedHashMap<>();
        for (Threshold t : rule.thresholds()) {
            values.put(t.name(), resolve(t, entry.rule().values().get(t.name()), persona.values().get(t.name())));
        }
        return new RuleSettings(rule, personaId, enabled, severity, values, calendar);
    }

    private static Object resolve(Threshold t, Object ruleValue, Object personaValue) {
        if (t.type() != Threshold.Type.PER_PRIORITY) {
            return first(personaValue, ruleValue, t.defaultValue());
        }
        Map<Priority, java.time.Duration> merged = new EnumMap<>(Threshold.castPerPriority(t.defaultValue()));
        if (ruleValue != null) {
            merged.putAll(Threshold.castPerPriority(ruleValue));
        }
        if (personaValue != null) {
            merged.putAll(Threshold.castPerPriority(personaValue));
        }
        return merged;
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (T c : candidates) {
            if (c != null) {
                return c;
            }
        }
        throw new IllegalStateException("no value");
    }

    @Override
    public String toString() {
        Map<String, Entry> sorted = new HashMap<>(entries);
        return "RulesConfig" + sorted;
    }
}
