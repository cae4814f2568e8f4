package dev.journeyconnector.insight;

import dev.journeyconnector.insight.DriftReport.DistinguishingValue;
import dev.journeyconnector.insight.DriftReport.OrderViolation;
import dev.journeyconnector.insight.DriftReport.UnexpectedType;
import dev.journeyconnector.insight.DriftReport.UnmappedObject;
import dev.journeyconnector.insight.DriftReport.UnseenType;
import dev.journeyconnector.insight.DriftScore.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The drift report as plain text for the command line: the score and its arithmetic first, then one section
 * per kind of drift, each line saying what to look at. Times are UTC dates; no colours or widths that depend on
 * a terminal.
 */
public final class DriftReportText {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private DriftReportText() {
    }

    public static String render(DriftReport report) {
        StringBuilder out = new StringBuilder();
        score(out, report);
        unmapped(out, report.unmapped());
        unexpected(out, report.unexpected());
        unseen(out, report.unseen());
        outOfOrder(out, report.outOfOrder());
        return out.toString();
    }

    private static void score(StringBuilder out, DriftReport report) {
        DriftScore score = report.score();
        out.append("Journey drift report for ").append(DateTimeFormatter.ISO_INSTANT.format(report.generatedAt()))
                .append(" (journey map: ").append(report.journeyMapFile()).append(")\n\n");
        out.append("Drift score ").append(decimal(score.score())).append(", alert above ")
                .append(decimal(score.threshold())).append(": ")
                .append(score.alert() ? "ABOVE THE THRESHOLD, review the journey model" : "within the threshold")
                .append('\n');
        for (Component part : score.parts()) {
            out.append(String.format(Locale.ROOT, "  %-24s %6d of %-7d %-42s share %s x weight %.2f = %s%n",
                    part.part().counted(), part.count(), part.outOf(), part.part().outOf(), decimal(part.share()),
                    part.weight(), decimal(part.contribution())));
        }
    }

    private static void unmapped(StringBuilder out, List<UnmappedObject> objects) {
        int total = objects.stream().mapToInt(UnmappedObject::records).sum();
        heading(out, "1. Source records no mapping made a touchpoint of", total, "record");
        if (objects.isEmpty()) {
            out.append("  none\n");
        }
        for (UnmappedObject o : objects) {
            out.append("  ").append(o.source()).append(' ').append(o.object()).append(": ").append(o.records())
                    .append(" unmapped, ").append(o.mappedRecords()).append(" mapped (e.g. ")
                    .append(String.join(", ", o.examples())).append(")\n");
            out.append("    why: ").append(o.reasons().stream().map(r -> r.reason() + " (" + r.records() + ")")
                    .collect(Collectors.joining(", "))).append('\n');
            if (o.mappedRecords() == 0) {
                out.append("    no mapped ").append(o.object()).append(" to compare the values with\n");
            } else if (o.values().isEmpty()) {
                out.append("    no value sets them apart from the mapped ").append(o.object()).append('\n');
            } else {
                out.append("    values no mapped ").append(o.object()).append(" has:\n");
                for (DistinguishingValue v : o.values()) {
                    out.append("      ").append(v.field()).append(" = ").append(quoted(v.value())).append("  in ")
                            .append(v.records()).append(" of ").append(o.records()).append(" unmapped\n");
                }
                if (o.valuesLeftOut() > 0) {
                    out.append("      ... and ").append(o.valuesLeftOut()).append(" rarer values\n");
                }
            }
        }
    }

    private static void unexpected(StringBuilder out, List<UnexpectedType> types) {
        int total = types.stream().mapToInt(UnexpectedType::touchpoints).sum();
        heading(out, "2. Touchpoint types the journey map does not expect", total, "touchpoint");
        if (types.isEmpty()) {
            out.append("  none\n");
        }
        byPersona(types, UnexpectedType::personaId).forEach((persona, list) -> {
            out.append("  ").append(persona).append('\n');
            for (UnexpectedType t : list) {
                out.append("    ").append(t.type()).append(" in ").append(t.stage()).append(": ")
                        .append(t.touchpoints()).append(plural(t.touchpoints(), " touchpoint")).append(" of ")
                        .append(t.customers()).append(plural(t.customers(), " customer")).append(", last ")
                        .append(day(t.lastSeen())).append(" - ")
                        .append(t.inOtherStage() ? "the map has it under " + String.join(", ", t.mapStages())
                                : "not in this persona's map").append('\n');
            }
        });
    }

    private static void unseen(StringBuilder out, List<UnseenType> types) {
        heading(out, "3. Expected touchpoint types nobody has had for a while", types.size(), "type");
        if (types.isEmpty()) {
            out.append("  none\n");
        }
        byPersona(types, UnseenType::personaId).forEach((persona, list) -> {
            out.append("  ").append(persona).append(" (unseen after ").append(list.get(0).unseenDays())
                    .append(" days)\n");
            for (UnseenType t : list) {
                out.append("    ").append(t.type()).append(" (").append(String.join(", ", t.stages())).append("): ")
                        .append(t.neverSeen() ? "never seen"
                                : "last seen " + day(t.lastSeen()) + ", " + t.daysSince() + " days ago")
                        .append('\n');
            }
        });
    }

    private static void outOfOrder(StringBuilder out, List<OrderViolation> violations) {
        heading(out, "4. Customers who reached a later stage first", violations.size(), "stage pair");
        if (violations.isEmpty()) {
            out.append("  none\n");
        }
        byPersona(violations, OrderViolation::personaId).forEach((persona, list) -> {
            out.append("  ").append(persona).append('\n');
            for (OrderViolation v : list) {
                out.append("    ").append(v.earlier()).append(" -> ").append(v.later()).append(": ")
                        .append(v.customers()).append(" of ").append(v.customersWithBoth())
                        .append(plural(v.customersWithBoth(), " customer")).append(" with both stages reached ")
                        .append(v.later()).append(" first (e.g. ")
                        .append(String.join(", ", v.examples())).append(")\n");
            }
        });
    }

    private static void heading(StringBuilder out, String title, int count, String unit) {
        out.append('\n').append(title).append(" (").append(count).append(plural(count, " " + unit)).append(")\n");
    }

    private static <T> Map<String, List<T>> byPersona(List<T> items, Function<T, String> persona) {
        // The report's lists are already in persona order; keep it.
        return items.stream().collect(Collectors.groupingBy(persona, LinkedHashMap::new,
                Collectors.toList()));
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String quoted(String value) {
        return ValueCounts.EMPTY.equals(value) ? value : "\"" + value + "\"";
    }

    private static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }

    private static String day(Instant instant) {
        return DAY.format(instant);
    }
}
