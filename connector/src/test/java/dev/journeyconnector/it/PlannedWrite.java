package dev.journeyconnector.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One record a dry run ({@code --dry-run}) lists under "Write-back plan": the operation, the sObject, the record
 * updated (updates only), the label, and every field with its value as printed.
 */
record PlannedWrite(String op, String sobject, String crmId, String label, Map<String, String> fields) {
    // "  upsert Journey_Finding__c  Journey_Finding__c won-not-onboarded|sf:..." / "  update Contact 003...  journey ..."
    private static final Pattern HEAD = Pattern.compile("^  (create|update|upsert) (\\S+)(?: (\\S+))?  (.+)$");
    private static final Pattern FIELD = Pattern.compile("^      (\\w+): (.*)$");
    private static final String CONTINUED = "        ";

    /** The writes a dry run's summary lists, in order; empty when the output has no plan. */
    static List<PlannedWrite> parseAll(String out) {
        List<PlannedWrite> all = new ArrayList<>();
        int plan = out.indexOf("Write-back plan (");
        if (plan < 0) {
            return all;
        }
        String op = null;
        String sobject = null;
        String crmId = null;
        String label = null;
        Map<String, String> fields = null;
        String field = null;
        for (String line : out.substring(plan).split("\n", -1)) {
            Matcher head = HEAD.matcher(line);
            Matcher value = FIELD.matcher(line);
            if (head.matches()) {
                if (op != null) {
                    all.add(new PlannedWrite(op, sobject, crmId, label, fields));
                }
                op = head.group(1);
                sobject = head.group(2);
                crmId = head.group(3);
                label = head.group(4);
                fields = new LinkedHashMap<>();
                field = null;
            } else if (op != null && value.matches()) {
                field = value.group(1);
                fields.put(field, value.group(2));
            } else if (field != null && line.startsWith(CONTINUED)) {
                fields.merge(field, "\n" + line.substring(CONTINUED.length()), String::concat);
            } else if (op != null) {
                all.add(new PlannedWrite(op, sobject, crmId, label, fields));
                op = null;
                field = null;
            }
        }
        if (op != null) {
            all.add(new PlannedWrite(op, sobject, crmId, label, fields));
        }
        return all;
    }

    /** A field's value as listed; "null" for a field the write clears or leaves empty. */
    String field(String name) {
        return fields.get(name);
    }
}
