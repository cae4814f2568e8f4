package dev.journeyconnector.mapping;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One persona of {@code mappings/personas.yaml}.
 *
 * @param id          stable key used downstream, e.g. {@code leisure-traveller}
 * @param name        what people call it, e.g. {@code Leisure traveller}
 * @param description for people reading the file and the reports; may be empty
 * @param when        the rule over {@code {Contact: ..., Account: ..., Lead: ...}}; empty for the default persona
 */
public record Persona(String id, String name, String description, Optional<Condition> when) {

    public Persona {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        description = description == null ? "" : description;
        Objects.requireNonNull(when);
    }

    /** Whether this persona's rule fires on the customer record; the default persona's never does. */
    public boolean matches(Map<String, ?> customer) {
        return when.map(c -> c.matches(customer)).orElse(false);
    }
}
