package dev.journeyconnector.insight;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A backtest as plain text: per rule how many findings the rules in force and the candidate would have produced
 * in the period and how many the candidate adds and removes, then a few examples of each difference.
 */
public final class BacktestText {
    /** Examples per rule and direction: enough to see what changes, short enough to read. */
    static final int EXAMPLES = 3;

    private BacktestText() {
    }

    public static String render(Backtest.Result r) {
        StringBuilder out = new StringBuilder();
        out.append("Backtest of ").append(r.candidateSource()).append(" against ").append(r.currentSource()).append('\n');
        out.append("Findings detected from ").append(DateTimeFormatter.ISO_INSTANT.format(r.from())).append(" to ")
                .append(DateTimeFormatter.ISO_INSTANT.format(r.to())).append(" (history up to the end of the period, ")
                .append(r.customers()).append(" customers); nothing was written.\n\n");
        if (r.rules().isEmpty()) {
            out.append("Neither set of rules fires in this period.\n");
            return out.toString();
        }
        Map<String, Long> current = r.current().perRule();
        Map<String, Long> candidate = r.candidate().perRule();
        Map<String, List<Finding>> added = r.added();
        Map<String, List<Finding>> removed = r.removed();
        out.append(String.format(Locale.ROOT, "  %-30s %8s %10s %7s %8s%n", "rule", "current", "candidate", "added",
                "removed"));
        for (String rule : r.rules()) {
            out.append(String.format(Locale.ROOT, "  %-30s %8d %10d %7d %8d%n", rule, current.getOrDefault(rule, 0L),
                    candidate.getOrDefault(rule, 0L), added.getOrDefault(rule, List.of()).size(),
                    removed.getOrDefault(rule, List.of()).size()));
        }
        out.append(String.format(Locale.ROOT, "  %-30s %8d %10d %7d %8d%n", "total", r.current().byKey().size(),
                r.candidate().byKey().size(), added.values().stream().mapToInt(List::size).sum(),
                removed.values().stream().mapToInt(List::size).sum()));
        examples(out, "Only with the candidate rules", added);
        examples(out, "Only with the rules in force", removed);
        return out.toString();
    }

    private static void examples(StringBuilder out, String heading, Map<String, List<Finding>> byRule) {
        if (byRule.isEmpty()) {
            return;
        }
        out.append('\n').append(heading).append(" (up to ").append(EXAMPLES).append(" per rule):\n");
        byRule.forEach((rule, findings) -> {
            for (Finding f : findings.subList(0, Math.min(EXAMPLES, findings.size()))) {
                out.append("  ").append(rule).append("  ").append(f.customerKey()).append("  ")
                        .append(FindingsText.time(f.detectedAt())).append('\n');
                out.append("    ").append(FindingsText.line(f.title())).append(": ")
                        .append(FindingsText.line(f.explanation())).append('\n');
            }
            if (findings.size() > EXAMPLES) {
                out.append("    ... and ").append(findings.size() - EXAMPLES).append(" more\n");
            }
        });
    }
}
