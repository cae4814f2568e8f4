package dev.journeyconnector.mapping;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The journey each persona is expected to take, from {@code mappings/journey-map.yaml} (loaded and checked by
 * {@link JourneyMapLoader}): per persona, the stages in the order a customer goes through them and the
 * touchpoint types expected in each. The drift report ({@code dev.journeyconnector.insight}) compares what
 * the touchpoints actually show with this.
 *
 * @param file     the file it was read from, as named in problems and reports
 * @param journeys one per persona, in file order
 */
public record JourneyMap(String file, List<PersonaJourney> journeys) {

    /** How a persona's stages are ordered. */
    public enum StageOrder {
        /** The stages are listed in the vocabulary's order (the default; the loader checks it). */
        VOCABULARY,
        /** The admin has said this persona's journey runs in the order listed, whatever the vocabulary says. */
        AS_LISTED;

        /** How it is written in the file. */
        public String wireName() {
            return this == VOCABULARY ? "vocabulary" : "as-listed";
        }
    }

    /**
     * One stage of a persona's journey.
     *
     * @param name    a stage name from the vocabulary (churn included)
     * @param ordered whether customers are expected to reach it in the listed order; false for stages that can
     *                come at any time (help needed before buying) and always for churn, which is outside the order
     * @param churn   whether it is the vocabulary's churn stage: the way out of the journey
     * @param types   the touchpoint types expected in this stage, in file order, each once
     */
    public record Stage(String name, boolean ordered, boolean churn, List<String> types) {
        public Stage {
            Objects.requireNonNull(name, "name");
            types = List.copyOf(types);
            if (churn && ordered) {
                throw new IllegalArgumentException("the churn stage '" + name + "' is outside the journey order");
            }
        }
    }

    /**
     * The journey of one persona.
     *
     * @param personaId  the persona's id from {@code personas.yaml}
     * @param unseenDays days without an expected type before it is reported as unseen; null means the
     *                   connector's setting (JOURNEY_DRIFT_UNSEEN_DAYS)
     * @param order      whether the stages follow the vocabulary's order or the admin's own
     * @param stages     in journey order, each stage once
     */
    public record PersonaJourney(String personaId, Integer unseenDays, StageOrder order, List<Stage> stages) {
        public PersonaJourney {
            Objects.requireNonNull(personaId, "personaId");
            Objects.requireNonNull(order, "order");
            stages = List.copyOf(stages);
            if (unseenDays != null && unseenDays < 1) {
                throw new IllegalArgumentException("unseenDays must be at least 1, was " + unseenDays);
            }
        }

        /** This persona's own unseen days, else {@code fallback} (the connector's setting). */
        public int unseenDays(int fallback) {
            return unseenDays != null ? unseenDays : fallback;
        }

        public Optional<Stage> stage(String name) {
            return stages.stream().filter(s -> s.name().equals(name)).findFirst();
        }

        /** Whether the map expects touchpoints of this type in this stage. */
        public boolean expects(String type, String stage) {
            return stage(stage).map(s -> s.types().contains(type)).orElse(false);
        }

        /** The stages whose expected types include this one, in journey order; empty when the map lacks it. */
        public List<String> stagesOf(String type) {
            return stages.stream().filter(s -> s.types().contains(type)).map(Stage::name).toList();
        }

        /**
         * The expected types listed under some stage other than churn: the ones whose absence is drift (a churn
         * type nobody had is good news).
         */
        public Set<String> journeyTypes() {
            Set<String> types = new LinkedHashSet<>();
            stages.stream().filter(s -> !s.churn()).forEach(s -> types.addAll(s.types()));
            return types;
        }

        /** Every expected type once, in file order. */
        public Set<String> expectedTypes() {
            Set<String> types = new LinkedHashSet<>();
            stages.forEach(s -> types.addAll(s.types()));
            return types;
        }

        /** The ordered stages' names in journey order: what stage-order checks compare. */
        public List<String> orderedStages() {
            return stages.stream().filter(Stage::ordered).map(Stage::name).toList();
        }
    }

    public JourneyMap {
        Objects.requireNonNull(file, "file");
        journeys = List.copyOf(journeys);
    }

    /** The journey of the persona with this id, or empty when the map has none. */
    public Optional<PersonaJourney> journey(String personaId) {
        return journeys.stream().filter(j -> j.personaId().equals(personaId)).findFirst();
    }

    /**
     * The touchpoint types some rule of these mappings can make: what {@link JourneyMapLoader} checks the
     * map's types against, so a type nobody produces (a typo, a renamed rule) is reported before it shows up
     * as "never seen" in every drift report.
     */
    public static Set<String> typesProduced(Collection<TouchpointMapping> mappings) {
        Set<String> types = new TreeSet<>();
        mappings.forEach(m -> m.rules().forEach(r -> types.add(r.type())));
        return types;
    }
}
