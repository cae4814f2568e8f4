package dev.journeyconnector.insight;

import dev.journeyconnector.mapping.MappingException;
import dev.journeyconnector.mapping.MappingProblem;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What an admin sees for the rules file: settings resolved per persona, every mistake at once with line and path. */
class RulesLoaderTest {

    private static final TestRule REPEAT = new TestRule("repeat-contact");
    private static final TestRule SLOW = new TestRule("slow-first-response");
    private static final RuleRegistry REGISTRY = new RuleRegistry(List.of(REPEAT, SLOW));
    private static final Set<String> PERSONAS = Set.of("retail-shopper", "small-business-banking-client");

    private static RulesConfig load(String yaml) throws MappingException {
        return RulesLoader.parse("mappings/rules.yaml", yaml, REGISTRY, PERSONAS);
    }

    private static List<String> problems(String yaml) {
        MappingException e = catchThrowableOfType(() -> load(yaml), MappingException.class);
        assertThat(e).as("expected problems").isNotNull();
        return e.problems().stream().map(MappingProblem::toString).toList();
    }

    @Test
    void aPersonaOverrideWinsOverTheRuleWhichWinsOverTheDefaults() throws Exception {
        RulesConfig config = load("""
                rules:
                  repeat-contact:
                    severity: high
                    window: 10d
                    sla: {high: 2h}
                    personas:
                      small-business-banking-client:
                        window: 7d
                        enabled: false
                        sla: {urgent: 30m}
                """);
        RuleSettings banking = config.settings(REPEAT, "small-business-banking-client");
        assertThat(banking.duration("window")).isEqualTo(Duration.ofDays(7));
        assertThat(banking.enabled()).isFalse();
        assertThat(banking.severity()).isEqualTo(Severity.HIGH);
        assertThat(banking.perPriority("sla", Priority.URGENT)).isEqualTo(Duration.ofMinutes(30));
        assertThat(banking.perPriority("sla", Priority.HIGH)).isEqualTo(Duration.ofHours(2));
        assertThat(banking.perPriority("sla", Priority.LOW)).isEqualTo(Duration.ofHours(48));
        assertThat(banking.count("contacts")).isEqualTo(3);

        RuleSettings retail = config.settings(REPEAT, "retail-shopper");
        assertThat(retail.duration("window")).isEqualTo(Duration.ofDays(10));
        assertThat(retail.enabled()).isTrue();
        assertThat(retail.perPriority("sla", Priority.URGENT)).isEqualTo(Duration.ofHours(1));

        RuleSettings untouched = config.settings(SLOW, "retail-shopper");
        assertThat(untouched.duration("window")).isEqualTo(Duration.ofDays(14));
        assertThat(untouched.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(untouched.businessHours()).isFalse();
    }

    @Test
    void readsTheBusinessCalendar() throws Exception {
        RulesConfig config = load("""
                businessHours:
                  zone: Europe/Berlin
                  days: [mon, tue, wed, thu]
                  open: "08:30"
                  close: 16:00
                rules:
                  slow-first-response: {businessHours: true}
                """);
        assertThat(config.calendar()).isEqualTo(new BusinessCalendar(ZoneId.of("Europe/Berlin"),
                Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
                LocalTime.of(8, 30), LocalTime.of(16, 0)));
        assertThat(config.settings(SLOW, "retail-shopper").businessHours()).isTrue();
    }

    @Test
    void reportsEveryProblemOfABrokenFileTogether() {
        assertThat(problems("""
                businessHours:
                  zone: Mars/Olympus
                  days: [mon, funday]
                  open: "9 o'clock"
                rules:
                  repeat-contakt:
                    window: 14d
                  repeat-contact:
                    windw: 7d
                    window: 0d
                    contacts: 1
                    severity: urgent
                    enabled: maybe
                    sla: {high: 4 hours, critical: 1h}
                    personas:
                      retail-shoper: {window: 7d}
                      small-business-banking-client:
                        personas: {}
                        businessHours: yes
                  slow-first-response: [window]
                """)).containsExactly(
                "mappings/rules.yaml:2 businessHours.zone: zone 'Mars/Olympus' is not a time zone; write a region "
                        + "such as Europe/Berlin or America/New_York, or UTC",
                "mappings/rules.yaml:3 businessHours.days[1]: 'funday' is not a day; write mon, tue, wed, thu, fri, "
                        + "sat or sun",
                "mappings/rules.yaml:4 businessHours.open: '9 o'clock' is not a time of day; write it as \"HH:MM\" "
                        + "in quotes, e.g. \"09:00\"",
                "mappings/rules.yaml:6 rules.repeat-contakt: unknown rule 'repeat-contakt' (did you mean "
                        + "'repeat-contact'?); known: repeat-contact, slow-first-response",
                "mappings/rules.yaml:9 rules.repeat-contact.windw: unknown setting of repeat-contact 'windw' (did you "
                        + "mean 'window'?); known: enabled, severity, window, contacts, businessHours, sla, personas",
                "mappings/rules.yaml:10 rules.repeat-contact.window: '0d' is not a duration; write a whole number "
                        + "above 0 and a unit: 90m, 4h, 14d or 2w",
                "mappings/rules.yaml:11 rules.repeat-contact.contacts: contacts 1 is outside 2..100",
                "mappings/rules.yaml:12 rules.repeat-contact.severity: severity 'urgent' is not one of low, medium, "
                        + "high, critical",
                "mappings/rules.yaml:13 rules.repeat-contact.enabled: 'maybe' is not true or false",
                "mappings/rules.yaml:14 rules.repeat-contact.sla.critical: unknown priority 'critical'; known: "
                        + "urgent, high, normal, low",
                "mappings/rules.yaml:14 rules.repeat-contact.sla.high: '4 hours' is not a duration; write a whole "
                        + "number above 0 and a unit: 90m, 4h, 14d or 2w",
                "mappings/rules.yaml:16 rules.repeat-contact.personas.retail-shoper: unknown persona 'retail-shoper' "
                        + "(did you mean 'retail-shopper'?); personas.yaml has: retail-shopper, "
                        + "small-business-banking-client",
                "mappings/rules.yaml:18 rules.repeat-contact.personas.small-business-banking-client.personas: "
                        + "unknown setting of repeat-contact 'personas'; known: enabled, severity, window, contacts, "
                        + "businessHours, sla",
                "mappings/rules.yaml:19 rules.repeat-contact.personas.small-business-banking-client.businessHours: "
                        + "'yes' is not true or false",
                "mappings/rules.yaml:20 rules.slow-first-response: a rule takes a mapping of settings, e.g. "
                        + "{enabled: true, severity: medium}");
    }

    @Test
    void aFileWithoutRulesSaysWhatItNeeds() {
        assertThat(problems("businessHours: {zone: UTC}\n")).containsExactly(
                "mappings/rules.yaml:1 rules: rules is missing: one entry per rule id, e.g. rules: {repeat-contact: "
                        + "{window: 14d}}; known rules: repeat-contact, slow-first-response");
        assertThat(problems("rules: {repeat-contact: {window: 14d}\n")).hasSize(1)
                .first().asString().startsWith("mappings/rules.yaml:2: not valid YAML");
    }
}
