package dev.journeyconnector.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A first, thin picture of one customer's journey, built from the CRM's own records: where they stand,
 * their deals and support cases, and their latest touchpoint. Plain Java over record maps with Salesforce
 * field names; the full touchpoint model arrives with the mappings.
 */
public record ContactJourney(String contactId, String name, String ownerId, String accountId, String accountName,
                             String stage, List<Map<String, Object>> opportunities, List<Map<String, Object>> cases,
                             Instant lastTouchpointAt, String lastTouchpoint) {

    /**
     * @param contact       the Contact record
     * @param account       its Account, or null
     * @param opportunities the Account's opportunities
     * @param cases         the Contact's cases
     */
    public static ContactJourney of(Map<String, Object> contact, Map<String, Object> account,
                                    List<Map<String, Object>> opportunities, List<Map<String, Object>> cases) {
        String name = join(text(contact.get("FirstName")), text(contact.get("LastName")));
        List<Map<String, Object>> opps = sortedBy(opportunities, "CreatedDate");
        List<Map<String, Object>> cs = sortedBy(cases, "CreatedDate");

        Instant lastAt = instant(contact.get("CreatedDate"));
        String last = "became a contact";
        for (Map<String, Object> o : opps) {
            Instant at = instant(o.get("LastModifiedDate"));
            if (at != null && (lastAt == null || at.isAfter(lastAt))) {
                lastAt = at;
                last = "opportunity \"" + text(o.get("Name")) + "\" at stage " + text(o.get("StageName"));
            }
        }
        for (Map<String, Object> c : cs) {
            Instant at = instant(c.get("LastModifiedDate"));
            if (at != null && (lastAt == null || at.isAfter(lastAt))) {
                lastAt = at;
                last = "case \"" + text(c.get("Subject")) + "\" (" + text(c.get("Status")) + ")";
            }
        }
        return new ContactJourney(text(contact.get("Id")), name, text(contact.get("OwnerId")),
                text(contact.get("AccountId")), account == null ? null : text(account.get("Name")),
                stage(opps, cs), opps, cs, lastAt, last);
    }

    /**
     * Where the customer stands, by the strongest signal in their records: an open case puts them in
     * service, a won deal in purchase, an open deal in engagement; otherwise they are in awareness.
     */
    static String stage(List<Map<String, Object>> opportunities, List<Map<String, Object>> cases) {
        if (cases.stream().anyMatch(c -> !isClosedCase(c))) {
            return "service";
        }
        if (opportunities.stream().anyMatch(o -> "Closed Won".equals(o.get("StageName")))) {
            return "purchase";
        }
        if (opportunities.stream().anyMatch(o -> !String.valueOf(o.get("StageName")).startsWith("Closed"))) {
            return "engagement";
        }
        return "awareness";
    }

    /** The summary text a sales rep reads on the Contact; stable for unchanged records. */
    public String summaryText() {
        StringBuilder out = new StringBuilder();
        out.append("Journey summary for ").append(name);
        if (accountName != null) {
            out.append(" (").append(accountName).append(')');
        }
        out.append('\n').append("Stage: ").append(stage).append('\n');

        long won = opportunities.stream().filter(o -> "Closed Won".equals(o.get("StageName"))).count();
        long lost = opportunities.stream().filter(o -> "Closed Lost".equals(o.get("StageName"))).count();
        List<Map<String, Object>> open = opportunities.stream()
                .filter(o -> !String.valueOf(o.get("StageName")).startsWith("Closed")).toList();
        out.append("Opportunities: ").append(open.size()).append(" open, ").append(won).append(" won, ")
                .append(lost).append(" lost").append('\n');
        for (Map<String, Object> o : open) {
            out.append("  - ").append(text(o.get("Name"))).append(": ").append(text(o.get("StageName")));
            if (o.get("Amount") != null) {
                out.append(", ").append(amount(o.get("Amount")));
            }
            if (o.get("CloseDate") != null) {
                out.append(", closes ").append(o.get("CloseDate"));
            }
            out.append('\n');
        }

        List<Map<String, Object>> openCases = cases.stream().filter(c -> !isClosedCase(c)).toList();
        out.append("Cases: ").append(cases.size()).append(" in all, ").append(openCases.size()).append(" open").append('\n');
        for (Map<String, Object> c : openCases) {
            out.append("  - \"").append(text(c.get("Subject"))).append("\" via ").append(text(c.get("Origin")))
                    .append(", ").append(text(c.get("Priority"))).append(" priority, opened ")
                    .append(date(c.get("CreatedDate"))).append('\n');
        }
        if (lastTouchpointAt != null) {
            out.append("Last touchpoint: ").append(date(lastTouchpointAt)).append(", ").append(lastTouchpoint).append('\n');
        }
        return out.toString();
    }

    private static boolean isClosedCase(Map<String, Object> c) {
        return Boolean.TRUE.equals(c.get("IsClosed")) || "Closed".equals(c.get("Status"));
    }

    private static List<Map<String, Object>> sortedBy(List<Map<String, Object>> records, String field) {
        List<Map<String, Object>> out = new ArrayList<>(records);
        out.sort(Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get(field)))
                .thenComparing(r -> String.valueOf(r.get("Id"))));
        return out;
    }

    private static String join(String first, String last) {
        return first == null || first.isBlank() ? Objects.toString(last, "") : first + " " + Objects.toString(last, "");
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }

    private static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        return v instanceof Instant i ? i : Instant.parse(v.toString());
    }

    private static String date(Object v) {
        Instant i = instant(v);
        return i == null ? "?" : LocalDate.ofInstant(i, ZoneOffset.UTC).toString();
    }

    private static String amount(Object v) {
        return new BigDecimal(v.toString()).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
