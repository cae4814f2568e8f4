package dev.journeyconnector.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The personas of {@code mappings/personas.yaml}, loaded by {@link PersonaLoader}: an ordered list of rules and
 * a default. A customer gets the first persona whose rule fires, else the default. Rules see one record map
 * {@code {Contact: {...}, Account: {...}, Lead: {...}}} built from the customer's raw Salesforce records, so a
 * rule writes {@code Account.Industry}, {@code Contact.LeadSource}, {@code Lead.Industry}; a record that is not
 * there is absent ({@code field: Account, exists: false} tests for a customer without an Account).
 */
public final class Personas {

    /** The record names a rule's field may start with. */
    public static final String CONTACT = "Contact";
    public static final String ACCOUNT = "Account";
    public static final String LEAD = "Lead";
    public static final Set<String> RECORDS = Set.of(CONTACT, ACCOUNT, LEAD);

    private final List<Persona> rules;
    private final Persona defaultPersona;

    /**
     * @param rules          in file order, each with a {@code when}
     * @param defaultPersona used when no rule fires; has no {@code when}
     */
    public Personas(List<Persona> rules, Persona defaultPersona) {
        this.rules = List.copyOf(rules);
        this.defaultPersona = Objects.requireNonNull(defaultPersona);
        if (this.rules.stream().anyMatch(p -> p.when().isEmpty())) {
            throw new IllegalArgumentException("every persona but the default needs a when");
        }
        if (defaultPersona.when().isPresent()) {
            throw new IllegalArgumentException("the default persona takes no when");
        }
        Set<String> ids = new HashSet<>();
        for (Persona p : all()) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("persona id '" + p.id() + "' is used twice");
            }
        }
    }

    /** The id of the customer's persona; any of the three records may be null (a lead not yet converted). */
    public String personaOf(Map<String, ?> contact, Map<String, ?> account, Map<String, ?> lead) {
        return personaFor(contact, account, lead).id();
    }

    /** The customer's persona: the first rule that fires, else the default. */
    public Persona personaFor(Map<String, ?> contact, Map<String, ?> account, Map<String, ?> lead) {
        Map<String, Object> customer = customer(contact, account, lead);
        return rules.stream().filter(p -> p.matches(customer)).findFirst().orElse(defaultPersona);
    }

    /** The record map a rule sees; a null record is left out, so all its fields are absent. */
    public static Map<String, Object> customer(Map<String, ?> contact, Map<String, ?> account, Map<String, ?> lead) {
        Map<String, Object> customer = new HashMap<>();
        if (contact != null) {
            customer.put(CONTACT, contact);
        }
        if (account != null) {
            customer.put(ACCOUNT, account);
        }
        if (lead != null) {
            customer.put(LEAD, lead);
        }
        return customer;
    }

    /** Every persona: the rules in file order, then the default. */
    public List<Persona> all() {
        List<Persona> all = new ArrayList<>(rules);
        all.add(defaultPersona);
        return List.copyOf(all);
    }

    /** The rules in file order, without the default. */
    public List<Persona> rules() {
        return rules;
    }

    public Persona defaultPersona() {
        return defaultPersona;
    }

    public Optional<Persona> byId(String id) {
        return all().stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
