package dev.journeyconnector.insight;

import dev.journeyconnector.store.FindingStore;
import dev.journeyconnector.store.FindingStore.Evidence;
import dev.journeyconnector.store.FindingStore.Listed;
import dev.journeyconnector.store.FindingStore.StoredFinding;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stored findings as plain text for {@code journey findings}: one block per finding with its title, the
 * explanation, who should act and why, and the evidence with each record's link, so a reader can open the records
 * straight from the terminal. Times are UTC to the minute. Text from records is printed on one line each, control
 * characters escaped, so a record's text cannot forge another line.
 */
public final class FindingsText {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private FindingsText() {
    }

    /** @param selection what was asked for, e.g. "open findings of sf:003..." */
    public static String render(List<Listed> findings, String selection) {
        StringBuilder out = new StringBuilder();
        long open = findings.stream().filter(l -> l.finding().state() == FindingStore.State.OPEN).count();
        out.append(findings.size()).append(findings.size() == 1 ? " finding" : " findings")
                .append(" (").append(open).append(" open, ").append(findings.size() - open).append(" resolved)")
                .append(selection.isEmpty() ? "" : ": " + selection).append('\n');
        for (Listed listed : findings) {
            out.append('\n');
            block(out, listed);
        }
        return out.toString();
    }

    private static void block(StringBuilder out, Listed listed) {
        StoredFinding f = listed.finding();
        out.append(f.state() == FindingStore.State.OPEN ? "OPEN" : "RESOLVED").append("  ")
                .append(f.severity()).append("  ").append(f.ruleId()).append(" (").append(f.kind()).append(")  ")
                .append(f.customerKey()).append(", persona ").append(f.personaId()).append('\n');
        out.append("  ").append(line(f.title())).append('\n');
        out.append("  ").append(line(f.explanation())).append('\n');
        if (f.handoffFrom() != null || f.handoffTo() != null) {
            out.append("  handoff: ").append(line(f.handoffFrom())).append(" -> ").append(line(f.handoffTo())).append('\n');
        }
        out.append("  detected ").append(time(f.detectedAt()));
        if (f.state() == FindingStore.State.RESOLVED) {
            out.append(", resolved ").append(time(f.resolvedAt()));
        }
        out.append(", first seen ").append(time(listed.firstSeenAt())).append('\n');
        if (f.actor() != null) {
            FindingStore.Actor a = f.actor();
            out.append("  who should act: ").append(a.id() == null ? "the fallback user"
                    : a.id() + " (" + line(a.role()) + ")").append(": ").append(line(a.reason())).append('\n');
        }
        if (listed.heldForReview()) {
            out.append("  HELD: the customer is a candidate on the identity review list; not written back until"
                    + " decided\n");
        }
        out.append("  evidence:\n");
        for (Evidence e : f.evidence()) {
            out.append("    ").append(time(e.at())).append("  ").append(line(e.what()));
            if (e.link() != null) {
                out.append("  ").append(line(e.link()));
            }
            out.append('\n');
        }
        out.append("  key: ").append(line(f.key())).append('\n');
    }

    /** Findings by rule and state, for the run summary: "rule open N, resolved M" lines. */
    public static String byRuleAndState(Map<String, Map<FindingStore.State, Long>> counts, String indent) {
        StringBuilder out = new StringBuilder();
        counts.forEach((rule, byState) -> out.append(String.format(Locale.ROOT, "%s%-33s open %5d, resolved %5d%n",
                indent, rule, byState.getOrDefault(FindingStore.State.OPEN, 0L),
                byState.getOrDefault(FindingStore.State.RESOLVED, 0L))));
        return out.toString();
    }

    static String time(Instant at) {
        return at == null ? "-" : MINUTE.format(at);
    }

    /** One line of text: line breaks and other control characters escaped. */
    static String line(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
