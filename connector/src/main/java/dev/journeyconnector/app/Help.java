package dev.journeyconnector.app;

/** The text of {@code --help} and {@code journey config}, generated from the settings list. */
final class Help {
    private Help() {
    }

    /** The help of one command: validate, drift, kpis and writeback have their own pages; the rest share one. */
    static String text(String command) {
        return text(command, null);
    }

    /** The help of one command, and for writeback of its subject ({@code journey help writeback retry}). */
    static String text(String command, String subject) {
        return switch (command) {
            case "validate" -> validate();
            case "drift" -> drift();
            case "kpis" -> kpis();
            case "writeback" -> writeback(subject);
            default -> text();
        };
    }

    /** {@code journey writeback}: one page per subject, and an overview without one. */
    static String writeback(String subject) {
        return switch (subject == null ? "" : subject) {
            case "status" -> writebackStatus();
            case "dead-letters" -> writebackDeadLetters();
            case "retry" -> writebackRetry();
            default -> """
                    Usage: journey writeback status [--json]
                           journey writeback dead-letters [--kind KIND] [--json]
                           journey writeback retry (--key KEY [--key KEY ...] | --all)

                    The write-back keeps Salesforce in step with the findings, the journey context and the drift alert,
                    and keeps a ledger of every record it wrote, by its own key. Records Salesforce refused for good (a
                    validation rule, a missing permission, a deleted parent) become dead letters: never sent again
                    until an ops admin hands them back.

                      status         the ledger per kind and state, and today's API calls against the budget
                      dead-letters   each refused record with Salesforce's reason and the fields it named
                      retry          hand dead letters back to the next run

                    Each reads the store alone (no Salesforce call). 'journey help writeback SUBJECT' explains one.
                    """ + STORE_NOTE;
        };
    }

    /** Shared by the writeback pages: who may open the store, and the exit codes. */
    private static final String STORE_NOTE = """

            The store must not be in use by a running connector when it is the embedded one (it has one owner);
            with JOURNEY_DB_URL the commands run beside the connector.
            """;

    static String writebackStatus() {
        return WritebackCommand.STATUS_USAGE + """


                Counts the write-back ledger per kind and state, from the store alone:

                  kinds    finding-task (a finding as a Task), finding-record (a finding as a Journey_Finding__c),
                           journey-summary (the Task summing up a Contact's journey), contact-context (the
                           Contact's Journey_* fields), drift-alert (the Task telling the ops owner the map drifted)
                  states   written (Salesforce holds it), in flight (sent, not yet answered: the next cycle looks
                           for it in Salesforce before sending again), to retry (not written for a passing reason:
                           the next cycle sends it), dead-lettered (refused for good)

                Then today's API calls by the write-back (UTC day) against its budget, JOURNEY_WRITEBACK_BUDGET_SHARE
                of the org's daily allocation, and the org's usage as Salesforce last reported it. A cycle stops
                writing when either is spent and goes on the next UTC day.

                  --json   the same as JSON
                """ + STORE_NOTE + """
                Exit codes: 0 printed, 1 the store could not be read, 2 a setting or flag is wrong.
                """;
    }

    static String writebackDeadLetters() {
        return WritebackCommand.DEAD_LETTERS_USAGE + """


                Lists the records Salesforce refused for good, newest first: the kind and key, the object and
                operation, Salesforce's status code and message, the fields it named, when it failed, how many
                times it was refused, and the Subject (Task) or Title__c (Journey_Finding__c) that was sent.

                  --kind KIND   only one kind: finding-task, finding-record, journey-summary, contact-context,
                                drift-alert
                  --json        JSON, with the whole payload that was sent

                Fix the cause in Salesforce or in the settings, then 'journey writeback retry --key KEY'.
                """ + STORE_NOTE + """
                Exit codes: 0 printed (also when there are none), 1 the store could not be read, 2 an unknown kind.
                """;
    }

    static String writebackRetry() {
        return WritebackCommand.RETRY_USAGE + """


                Hands dead letters back to the next run: their ledger records become "to retry" and the letters go.
                Nothing is sent now; the next 'journey --once', or the running connector's next cycle, sends them
                with what the findings and journeys say then. A record refused again becomes a dead letter again,
                its attempts counted.

                  --key KEY   the dead letter's key, as 'journey writeback dead-letters' prints it; repeat for more.
                              Quote it: finding keys hold '|'. A finding's Task and its Journey_Finding__c share the
                              key, so both are handed back.
                  --all       every dead letter
                """ + STORE_NOTE + """
                Exit codes: 0 handed back (or --all with none to hand back), 1 a key named is not a dead letter
                (each is named; the others are still handed back) or the store could not be read, 2 neither or both
                of --key and --all.
                """;
    }

    static String drift() {
        return String.format("""
                Usage: journey drift [--json] [--SETTING value ...]

                Prints the drift report of the journey the store holds: how far it has moved from the journey
                model in the mappings folder (mappings/journey-map.yaml). Opens the connector's store (embedded
                under JOURNEY_DATA_DIR, or JOURNEY_DB_URL) and reads only it: no vendor is called and no sandbox
                starts. With the embedded store, stop a running connector first (it holds the store).

                  --json   print the report as JSON instead of text

                The score and its arithmetic come first, then four sections: source records no mapping made a
                touchpoint of (with the field values that set them apart), touchpoint types a persona's map does
                not expect, expected types nobody has had for a while, and customers who reached a later stage
                first. docs/journey-map.md explains each. The connector computes the same report after every
                derivation, keeps the latest in the store and logs a WARN when the score is above the threshold.

                  %-40s %s
                  %-40s %s

                Exit codes: 0 the report was printed, 1 the store could not be read, 2 a setting, a flag or a
                mapping file is wrong, or there is no journey map.
                """,
                Settings.DRIFT_THRESHOLD.flag() + " (" + Settings.DRIFT_THRESHOLD.defaultValue() + ")",
                Settings.DRIFT_THRESHOLD.name(),
                Settings.DRIFT_UNSEEN_DAYS.flag() + " (" + Settings.DRIFT_UNSEEN_DAYS.defaultValue() + ")",
                Settings.DRIFT_UNSEEN_DAYS.name());
    }

    static String kpis() {
        return KpisCommand.USAGE + """


                Prints the journey KPIs and path variants of a period, per persona and for everyone, from the store
                alone: no vendor is called and nothing is written. Dates are UTC days; the period runs from the start
                of --from up to the start of --to, which is not counted (--from 2026-01-01 --to 2027-01-01 is 2026).

                  --persona ID   only this persona of personas.yaml
                  --json         JSON instead of text (durations in seconds, rates in percent)

                Per stage: customers reaching it, conversion to the next stage, time in stage (median, p90).
                Per persona: first response against the SLAs of mappings/rules.yaml and resolution time by priority,
                CSAT, NPS, email open/click/unsubscribe rates, pain points per 100 customers by rule, handoff gaps by
                from -> to, and the most frequent stage and touchpoint paths. docs/kpis.md defines each number.

                The store must not be in use by a running connector (the embedded database has one owner).
                Exit codes: 0 printed, 1 the store could not be read, 2 a wrong option or mapping file.
                """;
    }

    static String validate() {
        return String.format("""
                Usage: journey validate [--journey-mappings-dir DIR] [--journey-routes-dir DIR]

                Loads every file in the mappings folder (vocabularies, personas, touchpoint mappings) and checks
                them as a run would, without starting anything or calling any vendor. Prints what the files
                define (objects mapped, rule types, personas, stages), or every problem at once, each as
                file:line path: message.

                  %-40s %s
                      %s
                  %-40s %s
                      %s

                Exit codes: 0 the files are valid, 2 they are not (or a setting or flag is wrong).
                A connector does not start on invalid mapping files; a running one checks the folder every
                JOURNEY_MAPPINGS_CHECK_INTERVAL, applies valid changes and keeps its mappings on invalid ones.
                """,
                Settings.MAPPINGS_DIR.flag() + " (" + Settings.MAPPINGS_DIR.defaultValue() + ")",
                Settings.MAPPINGS_DIR.name(), Settings.MAPPINGS_DIR.description(),
                Settings.ROUTES_DIR.flag() + " (" + Settings.ROUTES_DIR.defaultValue() + ")",
                Settings.ROUTES_DIR.name(), Settings.ROUTES_DIR.description());
    }

    static String text() {
        StringBuilder out = new StringBuilder();
        out.append("""
                Usage: journey [run] [--once] [--SETTING value ...]
                       journey validate    check the mapping files and print what they define, or every problem
                       journey config      print the effective settings (secrets redacted) and where each came from
                       journey drift [--json]  print the drift report of the stored journey against the journey map
                       journey findings [--customer KEY] [--rule ID] [--state open|resolved|all]
                                           list the stored findings (open ones by default) with their evidence
                       journey insights [--full]
                                           evaluate the rules over the stored journey: the customers whose journey
                                           changed or whose deadlines passed, or with --full every customer
                       journey backtest --rules FILE --from YYYY-MM-DD --to YYYY-MM-DD
                                           what FILE's rules would have found in the period, against the rules in
                                           force, from the stored history; writes nothing
                       journey bench insights [--customers N (100000)] [--touched M (1000)]
                                           time a full and an incremental evaluation on a synthetic store in a
                                           temporary folder (never the connector's own store)
                       journey bench writeback [--customers N (100000)]
                                           time the write-back's plan (Task mode, no Salesforce) on such a store:
                                           the first run's and the steady state's, which must plan no write
                       journey kpis --from DATE --to DATE [--persona ID] [--json]
                                           journey KPIs and path variants of a period, from the store
                       journey writeback status [--json]
                                           the write-back ledger per kind (written, in flight, to retry,
                                           dead-lettered) and today's API calls against its budget
                       journey writeback dead-letters [--kind KIND] [--json]
                                           the records Salesforce refused for good, with its reason
                       journey writeback retry (--key KEY ... | --all)
                                           hand dead letters back to the next run
                       journey help [COMMAND]

                  --once               poll every source once, write back, print a summary and exit
                  --sandbox-reset      start the sandbox over from its world files
                  --sandbox-data DIR   load the sandbox world from DIR
                  --sandbox-dump FILE  write the sandbox's final state to FILE when the run ends

                Settings come from the environment, then ./.env, then flags (flags win).
                Without Salesforce credentials the connector runs against the local sandbox.

                """);
        String group = "";
        for (Setting s : Settings.ALL) {
            if (!s.group().equals(group)) {
                group = s.group();
                out.append(group).append(":\n");
            }
            out.append(String.format("  %-40s %s%n", s.flag() + (s.hasDefault() ? " (" + s.defaultValue() + ")" : ""),
                    s.name()));
            out.append("      ").append(s.description()).append('\n');
        }
        return out.toString();
    }

    static String effectiveSettings(SettingsLoader.Loaded loaded) {
        StringBuilder out = new StringBuilder();
        for (Setting s : Settings.ALL) {
            String value = loaded.get(s);
            if (s.secret() && !value.isEmpty()) {
                value = "****";
            }
            out.append(String.format("%-40s = %-30s (%s)%n", s.name(), value, loaded.origin(s)));
        }
        return out.toString();
    }
}
