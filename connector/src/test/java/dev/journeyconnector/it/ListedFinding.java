package dev.journeyconnector.it;

import java.util.ArrayList;
import java.util.List;

/**
 * One finding as {@code journey findings} prints it: what a user reads, parsed back for the write-back ITs to
 * compare with what reached Salesforce.
 *
 * @param evidence the evidence lines, {@code 2026-05-22 00:00 UTC  deal-won "..."}, in order, without their links
 * @param links    the evidence's deep links, in order (evidence from a record without a page has none)
 */
record ListedFinding(String state, String severity, String rule, String kind, String customer, String title,
                     String explanation, boolean held, List<String> evidence, List<String> links, String key) {

    boolean open() {
        return state.equals("OPEN");
    }

    boolean handoffGap() {
        return kind.equals("handoff-gap");
    }

    /** The customer's Contact (003) or Lead (00Q) Id, or null for a customer Salesforce does not know. */
    String personId() {
        if (!customer.startsWith("sf:")) {
            return null;
        }
        String id = customer.substring(3);
        return id.startsWith("003") || id.startsWith("00Q") ? id : null;
    }

    /** The anchor of the key, {@code source/object/recordId}, split in three (the record id may hold '/'). */
    String[] anchor() {
        int second = key.indexOf('|', key.indexOf('|') + 1);
        return key.substring(second + 1).split("/", 3);
    }

    /** Every block of a {@code journey findings} listing. */
    static List<ListedFinding> parseAll(String out) {
        List<ListedFinding> all = new ArrayList<>();
        for (String block : out.substring(out.indexOf("\n\n") + 2).split("\n\n")) {
            if (!block.isBlank()) {
                all.add(parse(block));
            }
        }
        return all;
    }

    private static ListedFinding parse(String block) {
        String[] lines = block.split("\n");
        // "OPEN  high  won-not-onboarded (handoff-gap)  sf:003..., persona leisure-traveller"
        String[] head = lines[0].trim().split("\\s+");
        boolean held = false;
        String key = null;
        List<String> evidence = new ArrayList<>();
        List<String> links = new ArrayList<>();
        boolean inEvidence = false;
        for (String line : lines) {
            if (line.startsWith("  HELD: ")) {
                held = true;
            } else if (line.startsWith("  key: ")) {
                key = line.substring("  key: ".length());
                inEvidence = false;
            } else if (line.equals("  evidence:")) {
                inEvidence = true;
            } else if (inEvidence && line.startsWith("    ")) {
                // "    2026-05-22 00:00 UTC  deal-won "..."  https://..."
                int at = line.lastIndexOf("  https://");
                evidence.add(line.substring(4, at > 0 ? at : line.length()));
                if (at > 0) {
                    links.add(line.substring(at + 2));
                }
            }
        }
        return new ListedFinding(head[0], head[1], head[2], head[3].replaceAll("[()]", ""), head[4].replace(",", ""),
                lines[1].trim(), lines[2].trim(), held, List.copyOf(evidence), List.copyOf(links), key);
    }
}
