package dev.journeyconnector.insight.kpi;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the KPIs count and against which targets. The touchpoint types are the canonical ones the shipped
 * mappings make (docs/mappings.md); a mapping that names its types differently passes its own.
 *
 * @param firstReplySla     the first-reply SLA per priority ({@code urgent}, {@code high}, {@code normal},
 *                          {@code low}), in the order reports list them
 * @param personaFirstReplySla a persona's own first-reply SLAs (persona id → priority → SLA), replacing
 *                          {@code firstReplySla} for that persona's cases and tickets
 * @param defaultPriority   the priority of a case or ticket whose touchpoint has no {@code priority} attribute:
 *                          the mappings' own default, so a case without a priority is judged as they judge it
 * @param openedTypes       a support case or ticket was opened
 * @param replyTypes        an agent answered the customer (the first one after opening is the first reply)
 * @param resolvedTypes     the case or ticket was solved or closed
 * @param ratingTypes       a satisfaction rating; its {@code score} attribute (good/bad), else its sentiment
 *                          (positive/negative), says how it went
 * @param openTypes         a campaign email was opened
 * @param clickTypes        a link in a campaign email was clicked
 * @param bounceTypes       a campaign email bounced
 * @param unsubscribeTypes  the customer unsubscribed through a campaign
 * @param purchaseStage     the stage path variants count as "reached purchase"
 * @param retentionStage    the stage path variants count as "reached retention"
 * @param topVariants       how many path variants a report lists per persona
 * @param maxPathSteps      path variants longer than this are cut after this many steps (and marked as cut)
 */
public record KpiSettings(Map<String, Duration> firstReplySla,
                          Map<String, Map<String, Duration>> personaFirstReplySla, String defaultPriority, Set<String> openedTypes,
                          Set<String> replyTypes, Set<String> resolvedTypes, Set<String> ratingTypes,
                          Set<String> openTypes, Set<String> clickTypes, Set<String> bounceTypes,
                          Set<String> unsubscribeTypes, String purchaseStage, String retentionStage, int topVariants,
                          int maxPathSteps) {

    /** The SLA defaults of issue 5 / mappings/rules.yaml: urgent 1 h, high 4 h, normal 24 h, low 48 h. */
    public static final Map<String, Duration> DEFAULT_FIRST_REPLY_SLA = orderedSla(
            Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(48));

    public KpiSettings {
        firstReplySla = checkedSla(firstReplySla, "");
        Map<String, Map<String, Duration>> perPersona = new LinkedHashMap<>();
        personaFirstReplySla.forEach((persona, sla) -> perPersona.put(persona, checkedSla(sla, " of persona " + persona)));
        personaFirstReplySla = java.util.Collections.unmodifiableMap(perPersona);
        Objects.requireNonNull(defaultPriority, "defaultPriority");
        openedTypes = Set.copyOf(openedTypes);
        replyTypes = Set.copyOf(replyTypes);
        resolvedTypes = Set.copyOf(resolvedTypes);
        ratingTypes = Set.copyOf(ratingTypes);
        openTypes = Set.copyOf(openTypes);
        clickTypes = Set.copyOf(clickTypes);
        bounceTypes = Set.copyOf(bounceTypes);
        unsubscribeTypes = Set.copyOf(unsubscribeTypes);
        Objects.requireNonNull(purchaseStage, "purchaseStage");
        Objects.requireNonNull(retentionStage, "retentionStage");
        if (topVariants < 1) {
            throw new IllegalArgumentException("topVariants must be at least 1, was " + topVariants);
        }
        if (maxPathSteps < 2) {
            throw new IllegalArgumentException("maxPathSteps must be at least 2, was " + maxPathSteps);
        }
    }

    /** The canonical types, the default SLAs, the top 5 variants of at most 8 steps. */
    public static KpiSettings defaults() {
        return new KpiSettings(DEFAULT_FIRST_REPLY_SLA, Map.of(), "normal",
                Set.of("case-opened", "ticket-opened"),
                Set.of("case-reply", "ticket-first-reply"),
                Set.of("case-closed", "ticket-solved"),
                Set.of("satisfaction-rated"),
                Set.of("campaign-open"), Set.of("campaign-click"), Set.of("campaign-bounce"), Set.of("unsubscribed"),
                "purchase", "retention", 5, 8);
    }

    /** The first-reply SLAs of a persona's cases and tickets: its own, else the general ones. */
    public Map<String, Duration> firstReplySla(String personaId) {
        return personaFirstReplySla.getOrDefault(personaId, firstReplySla);
    }

    /**
     * The same settings with other first-reply SLAs (e.g. from mappings/rules.yaml): {@code sla} in general,
     * {@code perPersona} for the personas that have their own.
     */
    public KpiSettings withFirstReplySla(Map<String, Duration> sla, Map<String, Map<String, Duration>> perPersona) {
        return new KpiSettings(sla, perPersona, defaultPriority, openedTypes, replyTypes, resolvedTypes, ratingTypes, openTypes,
                clickTypes, bounceTypes, unsubscribeTypes, purchaseStage, retentionStage, topVariants, maxPathSteps);
    }

    /** The same settings listing another number of path variants, each of at most {@code maxPathSteps}. */
    public KpiSettings withPaths(int topVariants, int maxPathSteps) {
        return new KpiSettings(firstReplySla, personaFirstReplySla, defaultPriority, openedTypes, replyTypes,
                resolvedTypes, ratingTypes, openTypes, clickTypes, bounceTypes, unsubscribeTypes, purchaseStage, retentionStage, topVariants,
                maxPathSteps);
    }

    private static Map<String, Duration> checkedSla(Map<String, Duration> sla, String whose) {
        Objects.requireNonNull(sla, "firstReplySla" + whose);
        sla.forEach((priority, duration) -> {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("the first-reply SLA for priority " + priority + whose
                        + " must be a positive duration, was " + duration);
            }
        });
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sla));
    }

    private static Map<String, Duration> orderedSla(Duration urgent, Duration high, Duration normal, Duration low) {
        Map<String, Duration> sla = new LinkedHashMap<>();
        sla.put("urgent", urgent);
        sla.put("high", high);
        sla.put("normal", normal);
        sla.put("low", low);
        return java.util.Collections.unmodifiableMap(sla);
    }
}
