package dev.journeyconnector.writeback;

import dev.journeyconnector.salesforce.client.FieldDescription;
import dev.journeyconnector.salesforce.client.SObjectDescription;
import dev.journeyconnector.salesforce.client.SalesforceClient;
import dev.journeyconnector.salesforce.client.SalesforceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the org offers the write-back: always Tasks; the {@code Journey_Finding__c} object and the Contact journey
 * fields when the admin deployed our metadata (salesforce/force-app). Found out by describe, once per client: the
 * client caches each describe for its lifetime, so a continuous connector sees a new deployment after a restart.
 *
 * @param findingObject  Journey_Finding__c with every field we write, createable and updateable
 * @param contactFields  the five Contact journey fields, updateable
 * @param missing        what keeps each mode off, in words, for the log and the run summary
 */
public record OrgCapabilities(boolean findingObject, boolean contactFields, List<String> missing) {

    public static final String FINDING_OBJECT = "Journey_Finding__c";
    public static final String FINDING_KEY_FIELD = "Finding_Key__c";
    public static final List<String> FINDING_FIELDS = List.of(FINDING_KEY_FIELD, "Title__c", "Rule__c", "Kind__c",
            "Severity__c", "State__c", "Explanation__c", "Evidence__c", "Detected_At__c", "Resolved_At__c",
            "Contact__c", "Lead__c", "Opportunity__c", "Case__c", "Account__c", "From__c", "To__c", "Persona__c",
            "OwnerId");
    public static final List<String> CONTACT_FIELDS = List.of("Journey_Stage__c", "Journey_Persona__c",
            "Journey_Health_Score__c", "Journey_Last_Touchpoint__c", "Journey_Summary__c");

    /** How the write-back chooses: from describe, or forced to Tasks only. */
    public enum Mode {
        /** Use the metadata where describe finds it deployed. */
        AUTO,
        /** Tasks only, whatever is deployed. */
        TASKS;

        public static Mode of(String setting) {
            return switch (setting.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "auto" -> AUTO;
                case "tasks" -> TASKS;
                default -> throw new IllegalArgumentException("write-back mode '" + setting + "' is not auto or tasks");
            };
        }
    }

    public OrgCapabilities {
        missing = List.copyOf(missing);
    }

    public static final OrgCapabilities TASKS_ONLY = new OrgCapabilities(false, false, List.of("Tasks only (JOURNEY_WRITEBACK_MODE=tasks)"));

    /** Asks Salesforce (two describes, cached by the client). */
    public static OrgCapabilities detect(SalesforceClient client, Mode mode) {
        if (mode == Mode.TASKS) {
            return TASKS_ONLY;
        }
        List<String> missing = new ArrayList<>();
        boolean findings = describe(client, FINDING_OBJECT)
                .map(d -> usable(d, FINDING_FIELDS, false, missing))
                .orElseGet(() -> {
                    missing.add(FINDING_OBJECT + " is not deployed");
                    return false;
                });
        boolean contact = describe(client, "Contact")
                .map(d -> usable(d, CONTACT_FIELDS, true, missing))
                .orElse(false);
        return new OrgCapabilities(findings, contact, missing);
    }

    /** One line for the log and the run summary. */
    public String describe() {
        String what = findingObject && contactFields ? "findings in " + FINDING_OBJECT + ", journey context in Contact fields"
                : findingObject ? "findings in " + FINDING_OBJECT + ", journey context as a summary Task"
                : contactFields ? "findings as Tasks, journey context in Contact fields"
                : "findings as Tasks, journey context as a summary Task";
        return what + (missing.isEmpty() ? "" : "; " + String.join("; ", missing));
    }

    private static Optional<SObjectDescription> describe(SalesforceClient client, String sobject) {
        try {
            return Optional.of(client.describe(sobject));
        } catch (SalesforceException e) {
            if ("INVALID_TYPE".equals(e.faultCode()) || "NOT_FOUND".equals(e.faultCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean usable(SObjectDescription d, List<String> fields, boolean updateOnly, List<String> missing) {
        List<String> absent = new ArrayList<>();
        for (String name : fields) {
            Optional<FieldDescription> f = d.field(name);
            boolean ok = f.isPresent() && f.get().updateable() && (updateOnly || f.get().createable());
            if (!ok) {
                absent.add(name);
            }
        }
        if (!d.updateable() || !updateOnly && !d.createable()) {
            missing.add(d.name() + " is not " + (updateOnly ? "updateable" : "createable and updateable") + " for the integration user");
            return false;
        }
        if (absent.size() == fields.size() && updateOnly) {
            missing.add("the " + d.name() + " journey fields are not deployed");
            return false;
        }
        if (!absent.isEmpty()) {
            missing.add(d.name() + " lacks (or the integration user may not write) " + String.join(", ", absent));
            return false;
        }
        return true;
    }
}
