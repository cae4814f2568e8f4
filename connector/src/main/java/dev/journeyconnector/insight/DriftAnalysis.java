package dev.journeyconnector.insight;

import dev.journeyconnector.insight.DriftReport.DistinguishingValue;
import dev.journeyconnector.insight.DriftReport.OrderViolation;
import dev.journeyconnector.insight.DriftReport.ReasonCount;
import dev.journeyconnector.insight.DriftReport.UnexpectedType;
import dev.journeyconnector.insight.DriftReport.UnmappedObject;
import dev.journeyconnector.insight.DriftReport.UnseenType;
import dev.journeyconnector.insight.DriftScore.Component;
import dev.journeyconnector.insight.DriftScore.Part;
import dev.journeyconnector.mapping.JourneyMap.PersonaJourney;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes the {@link DriftReport}: where the journey data no longer matches the journey model. Each section is
 * one step; docs/journey-map.md explains them for ops admins.
 */
public final class DriftAnalysis {

    /** Distinguishing values kept per object: the most frequent, enough to see the pattern. */
    static final int MAX_VALUES_PER_OBJECT = 20;
    /** Record ids and customer keys kept as examples per entry. */
    static final int MAX_EXAMPLES = 3;
    /**
     * Below this many records having a field, its cardinality says nothing; from it on, a field with more
     * distinct values than half its records is an identifier, an amount or a name rather than a category.
     */
    static final int MIN_RECORDS_FOR_CARDINALITY = 10;

    private final DriftInput in;

    private DriftAnalysis(DriftInput in) {
        this.in = in;
    }

    public static DriftReport analyse(DriftInput input) {
        return new DriftAnalysis(input).report();
    }

    private DriftReport report() {
        List<UnmappedObject> unmapped = unmappedByObject();
        List<UnexpectedType> unexpected = unexpectedTypes();
        UnseenCount unseen = unseenTypes();
        OrderCount order = orderViolations();
        DriftScore score = DriftScore.of(List.of(
                Component.of(Part.UNMAPPED_RECORDS, in.unmapped().size(), in.unmapped().size() + in.mapped().records()),
                Component.of(Part.UNEXPECTED_TOUCHPOINTS,
                        unexpected.stream().mapToInt(UnexpectedType::touchpoints).sum(), in.touchpoints().size()),
                Component.of(Part.UNSEEN_TYPES, unseen.types().size(), unseen.expected()),
                Component.of(Part.OUT_OF_ORDER_CUSTOMERS, order.customersOutOfOrder(), order.customersChecked())),
                in.threshold());
        return new DriftReport(in.now(), in.map().file(), unmapped, unexpected, unseen.types(), order.violations(),
                score);
    }

    // ---- (a) unmapped records, by object and by the values that set them apart

    private List<UnmappedObject> unmappedByObject() {
        Map<String, List<UnmappedRecord>> byObject = in.unmapped().stream()
                .collect(Collectors.groupingBy(r -> r.source() + "/" + r.object(), TreeMap::new, Collectors.toList()));
        return byObject.values().stream().map(this::unmappedObject)
                .sorted(Comparator.comparingInt(UnmappedObject::records).reversed()
                        .thenComparing(UnmappedObject::source).thenComparing(UnmappedObject::object))
                .toList();
    }

    private UnmappedObject unmappedObject(List<UnmappedRecord> records) {
        String source = records.get(0).source();
        String object = records.get(0).object();
        List<ReasonCount> reasons = records.stream()
                .collect(Collectors.groupingBy(UnmappedRecord::reason, TreeMap::new, Collectors.counting()))
                .entrySet().stream()
                .map(e -> new ReasonCount(e.getKey(), e.getValue().intValue()))
                .sorted(Comparator.comparingInt(ReasonCount::records).reversed())
                .toList();
        List<DistinguishingValue> values = distinguishingValues(source, object, records);
        List<String> examples = records.stream().map(UnmappedRecord::recordId).limit(MAX_EXAMPLES).toList();
        return new UnmappedObject(source, object, records.size(), in.mapped().records(source, object), reasons,
                values.stream().limit(MAX_VALUES_PER_OBJECT).toList(),
                Math.max(0, values.size() - MAX_VALUES_PER_OBJECT), examples);
    }

    /**
     * For every categorical field, the values unmapped records of the object have and no mapped one has. With no
     * mapped record of the object there is nothing to compare with (every value would be "new"), so none.
     */
    private List<DistinguishingValue> distinguishingValues(String source, String object,
                                                           List<UnmappedRecord> records) {
        Optional<ValueCounts.ObjectValues> mapped = in.mapped().object(source, object);
        if (mapped.isEmpty() || mapped.get().records == 0) {
            return List.of();
        }
        ValueCounts unmappedCounts = new ValueCounts();
        records.forEach(r -> unmappedCounts.add(source, object, r.fields()));
        ValueCounts.ObjectValues unmapped = unmappedCounts.object(source, object).orElseThrow();

        List<DistinguishingValue> values = new ArrayList<>();
        unmapped.fields.forEach((name, field) -> {
            ValueCounts.Field seen = mapped.get().fields.get(name);
            if (!isCategory(field, seen)) {
                return;
            }
            field.counts.forEach((value, count) -> {
                if (seen == null || !seen.counts.containsKey(value)) {
                    values.add(new DistinguishingValue(name, value, count));
                }
            });
        });
        values.sort(Comparator.comparingInt(DistinguishingValue::records).reversed()
                .thenComparing(DistinguishingValue::field).thenComparing(DistinguishingValue::value));
        return values;
    }

    /** Whether a field is a category over mapped and unmapped records together; see ValueCounts for the shapes. */
    private static boolean isCategory(ValueCounts.Field unmapped, ValueCounts.Field mapped) {
        if (unmapped.notCategory != null || (mapped != null && mapped.notCategory != null)) {
            return false;
        }
        int records = unmapped.records + (mapped == null ? 0 : mapped.records);
        Set<String> distinct = new HashSet<>(unmapped.counts.keySet());
        if (mapped != null) {
            distinct.addAll(mapped.counts.keySet());
        }
        return records < MIN_RECORDS_FOR_CARDINALITY || distinct.size() * 2 <= records;
    }

    // ---- (b) types a persona had in a stage its map does not expect them in

    private List<UnexpectedType> unexpectedTypes() {
        record Key(String personaId, String type, String stage) {
        }
        Map<Key, List<ObservedTouchpoint>> groups = new LinkedHashMap<>();
        for (ObservedTouchpoint t : in.touchpoints()) {
            boolean expected = journey(t.personaId()).map(j -> j.expects(t.type(), t.stage())).orElse(false);
            if (!expected) {
                groups.computeIfAbsent(new Key(t.personaId(), t.type(), t.stage()), k -> new ArrayList<>()).add(t);
            }
        }
        return groups.entrySet().stream().map(e -> {
            List<ObservedTouchpoint> ts = e.getValue();
            Key key = e.getKey();
            return new UnexpectedType(key.personaId(), key.type(), key.stage(), ts.size(),
                    (int) ts.stream().map(ObservedTouchpoint::customerKey).distinct().count(),
                    ts.stream().map(ObservedTouchpoint::occurredAt).max(Comparator.naturalOrder()).orElseThrow(),
                    journey(key.personaId()).map(j -> j.stagesOf(key.type())).orElse(List.of()));
        }).sorted(Comparator.comparing(UnexpectedType::personaId, personaOrder())
                .thenComparing(Comparator.comparingInt(UnexpectedType::touchpoints).reversed())
                .thenComparing(UnexpectedType::type).thenComparing(UnexpectedType::stage)).toList();
    }

    // ---- (c) expected types not seen for the persona's unseen days

    private record UnseenCount(List<UnseenType> types, int expected) {
    }

    /**
     * Per persona, every type its map expects outside churn (a churn type nobody had is good news) with the
     * latest touchpoint of that type, in any stage. Unseen when there was none, or the latest is at least the
     * persona's unseen days old.
     */
    private UnseenCount unseenTypes() {
        Map<String, Map<String, Instant>> lastSeen = new HashMap<>();
        for (ObservedTouchpoint t : in.touchpoints()) {
            lastSeen.computeIfAbsent(t.personaId(), p -> new HashMap<>())
                    .merge(t.type(), t.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<UnseenType> unseen = new ArrayList<>();
        int expected = 0;
        for (PersonaJourney journey : in.map().journeys()) {
            int days = journey.unseenDays(in.unseenDays());
            Instant cutoff = in.now().minus(Duration.ofDays(days));
            Map<String, Instant> seen = lastSeen.getOrDefault(journey.personaId(), Map.of());
            List<UnseenType> persona = new ArrayList<>();
            for (String type : journey.journeyTypes()) {
                expected++;
                Instant last = seen.get(type);
                if (last == null) {
                    persona.add(new UnseenType(journey.personaId(), type, journey.stagesOf(type), days, null, null));
                } else if (!last.isAfter(cutoff)) {
                    long daysSince = Math.max(0, Duration.between(last, in.now()).toDays());
                    persona.add(new UnseenType(journey.personaId(), type, journey.stagesOf(type), days, last,
                            daysSince));
                }
            }
            persona.sort(Comparator.comparing(UnseenType::neverSeen).reversed()
                    .thenComparing(UnseenType::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(UnseenType::type));
            unseen.addAll(persona);
        }
        return new UnseenCount(unseen, expected);
    }

    // ---- (d) customers who reached a later stage before an earlier one

    private record OrderCount(List<OrderViolation> violations, int customersOutOfOrder, int customersChecked) {
    }

    /**
     * Per customer, the first touchpoint in each ordered stage of their persona's map (churn and
     * {@code ordered: false} stages take no part). For every pair of such stages the customer reached, earlier
     * before later in the map, the customer is out of order for that pair when the first touchpoint in the later
     * stage is strictly older than the first in the earlier one. A stage never reached is a skipped stage, not an
     * order violation. Customers who reached fewer than two ordered stages cannot be out of order and are not
     * counted.
     */
    private OrderCount orderViolations() {
        Map<String, Map<String, Map<String, Instant>>> firstByPersona = new LinkedHashMap<>();
        for (ObservedTouchpoint t : in.touchpoints()) {
            Optional<PersonaJourney> journey = journey(t.personaId());
            if (journey.isEmpty() || !journey.get().orderedStages().contains(t.stage())) {
                continue;
            }
            firstByPersona.computeIfAbsent(t.personaId(), p -> new TreeMap<>())
                    .computeIfAbsent(t.customerKey(), c -> new HashMap<>())
                    .merge(t.stage(), t.occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        List<OrderViolation> violations = new ArrayList<>();
        int outOfOrder = 0;
        int checked = 0;
        for (PersonaJourney journey : in.map().journeys()) {
            Map<String, Map<String, Instant>> customers = firstByPersona.getOrDefault(journey.personaId(), Map.of());
            List<String> stages = journey.orderedStages();
            Map<List<String>, Set<String>> violators = new LinkedHashMap<>();
            Map<List<String>, Integer> withBoth = new HashMap<>();
            for (Map.Entry<String, Map<String, Instant>> customer : customers.entrySet()) {
                Map<String, Instant> first = customer.getValue();
                if (first.size() < 2) {
                    continue;
                }
                checked++;
                boolean violated = false;
                for (int i = 0; i < stages.size(); i++) {
                    for (int j = i + 1; j < stages.size(); j++) {
                        Instant earlier = first.get(stages.get(i));
                        Instant later = first.get(stages.get(j));
                        if (earlier == null || later == null) {
                            continue;
                        }
                        List<String> pair = List.of(stages.get(i), stages.get(j));
                        withBoth.merge(pair, 1, Integer::sum);
                        if (later.isBefore(earlier)) {
                            violators.computeIfAbsent(pair, p -> new TreeSet<>()).add(customer.getKey());
                            violated = true;
                        }
                    }
                }
                if (violated) {
                    outOfOrder++;
                }
            }
            violators.forEach((pair, keys) -> violations.add(new OrderViolation(journey.personaId(), pair.get(0),
                    pair.get(1), keys.size(), withBoth.get(pair), keys.stream().limit(MAX_EXAMPLES).toList())));
        }
        violations.sort(Comparator.comparing(OrderViolation::personaId, personaOrder())
                .thenComparing(Comparator.comparingInt(OrderViolation::customers).reversed())
                .thenComparing(v -> position(v.personaId(), v.earlier()))
                .thenComparing(v -> position(v.personaId(), v.later())));
        return new OrderCount(violations, outOfOrder, checked);
    }

    // ---- shared

    private Optional<PersonaJourney> journey(String personaId) {
        return in.map().journey(personaId);
    }

    private int position(String personaId, String stage) {
        return journey(personaId).map(j -> j.orderedStages().indexOf(stage)).orElse(-1);
    }

    /** Personas in the map's order; personas the map lacks after them, by id. */
    private Comparator<String> personaOrder() {
        Map<String, Integer> order = new HashMap<>();
        List<PersonaJourney> journeys = in.map().journeys();
        for (int i = 0; i < journeys.size(); i++) {
            order.put(journeys.get(i).personaId(), i);
        }
        return Comparator.<String>comparingInt(id -> order.getOrDefault(id, Integer.MAX_VALUE))
                .thenComparing(Function.identity());
    }
}
