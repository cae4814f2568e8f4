package dev.journeyconnector.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What an admin sees for a broken personas file: every problem at once, with line and path. */
class PersonaLoaderTest {

    private static List<String> problems(String yaml) {
        MappingException e = catchThrowableOfType(() -> PersonaLoader.parse("mappings/personas.yaml", yaml),
                MappingException.class);
        assertThat(e).as("expected problems").isNotNull();
        return e.problems().stream().map(MappingProblem::toString).toList();
    }

    @Test
    void reportsEveryProblemOfABrokenFileTogether() {
        List<String> problems = problems("""
                personas:
                  - id: traveller
                    name: Traveller
                    when: {field: Account.Industry, equals: Hospitality}
                  - name: No id
                    when: {field: Account.Industry, equals: Banking}
                  - id: traveller
                    name: Second traveller
                    when: {field: Opportunity.StageName, equals: Closed Won}
                  - id: shopper
                    colour: blue
                    when:
                      any:
                        - {field: Contact.LeadSource, equls: Web}
                        - {field: Lead.Industry, regex: "(unclosed"}
                  - id: nameless-ruleless
                """);
        assertThat(problems).containsExactly(
                "mappings/personas.yaml:1 default: default is missing: the persona of a customer no rule matches, "
                        + "e.g. default: {id: unclassified, name: Unclassified}",
                "mappings/personas.yaml:5 personas[1].id: id is missing",
                "mappings/personas.yaml:7 personas[2].id: id 'traveller' is already used on line 2",
                "mappings/personas.yaml:9 personas[2].when.field: unknown field 'Opportunity'; known: Account, "
                        + "Contact, Lead",
                "mappings/personas.yaml:10 personas[3].name: name is missing",
                "mappings/personas.yaml:11 personas[3].colour: unknown key 'colour'; known: id, name, description, when",
                "mappings/personas.yaml:14 personas[3].when.any[0].equls: unknown operator 'equls'; "
                        + "known: field, ignoreCase, equals, in, regex, exists, gt, gte, lt, "
                        + "lte, all, any, not",
                "mappings/personas.yaml:15 personas[3].when.any[1].regex: invalid regex \"(unclosed\": "
                        + "Unclosed group near index 9",
                "mappings/personas.yaml:16 personas[4].name: name is missing",
                "mappings/personas.yaml:16 personas[4].when: when is missing: the condition that picks this persona, "
                        + "e.g. when: {field: Account.Industry, equals: Retail}");
    }

    @Test
    void checksTheDefault() {
        assertThat(problems("""
                personas:
                  - id: a
                    name: A
                    when: {field: Account.Industry, equals: Retail}
                default:
                  id: a
                  when: {field: Account.Industry, equals: Retail}
                  Name: Other
                """)).containsExactly(
                "mappings/personas.yaml:6 default.id: id 'a' is already used on line 2",
                "mappings/personas.yaml:7 default.when: the default applies when no persona's when fires, so it takes "
                        + "no when; move the rule into a persona under personas:",
                "mappings/personas.yaml:8 default.Name: unknown key 'Name' (did you mean 'name'? keys are "
                        + "case-sensitive); known: id, name, description, when");
    }

    @Test
    void aKeyInTheWrongCaseIsReportedOnceNotAlsoAsMissing() {
        assertThat(problems("""
                Personas:
                  - id: a
                    name: A
                    When: {field: Account.Industry, equals: Retail}
                default: {id: other, name: Other}
                """)).containsExactly(
                "mappings/personas.yaml:1 Personas: unknown key 'Personas' (did you mean 'personas'? keys are "
                        + "case-sensitive); known: personas, default");
        assertThat(problems("""
                personas:
                  - id: a
                    name: A
                    When: {field: Account.Industry, equals: Retail}
                default: {id: other, name: Other}
                """)).containsExactly(
                "mappings/personas.yaml:4 personas[0].When: unknown key 'When' (did you mean 'when'? keys are "
                        + "case-sensitive); known: id, name, description, when");
    }

    @Test
    void checksTheShapeOfTheFile() {
        assertThat(problems("""
                personas: {id: a}
                defaults: {id: other, name: Other}
                """)).containsExactly(
                "mappings/personas.yaml:1 personas: personas takes a list of at least one persona, each starting "
                        + "with '- id: ...'",
                "mappings/personas.yaml:1 default: default is missing: the persona of a customer no rule matches, "
                        + "e.g. default: {id: unclassified, name: Unclassified}",
                "mappings/personas.yaml:2 defaults: unknown key 'defaults'; known: personas, default");
        assertThat(problems("- just a list")).containsExactly(
                "mappings/personas.yaml:1: the file is a mapping with personas: [...] and default: {...}");
        assertThat(problems("personas: [\n")).hasSize(1).first().asString().contains("not valid YAML");
        assertThat(problems("""
                personas:
                  - id: "bad id!"
                    name: [x]
                    when: {field: Account.Industry, equals: Retail}
                default: {id: other, name: ""}
                """)).containsExactly(
                "mappings/personas.yaml:2 personas[0].id: id 'bad id!' may hold only letters, digits, - and _, "
                        + "e.g. leisure-traveller",
                "mappings/personas.yaml:3 personas[0].name: name takes a text, not a list or mapping",
                "mappings/personas.yaml:5 default.name: name must not be empty");
    }

    @Test
    void loadsAFileAndNamesItInProblems(@TempDir Path dir) throws IOException, MappingException {
        Path file = dir.resolve("personas.yaml");
        Files.writeString(file, """
                personas:
                  - id: a
                    name: A
                    when: {field: Lead.Industry, equals: Retail}
                default: {id: other, name: Other}
                """);
        assertThat(PersonaLoader.load(file).all()).extracting(Persona::id).containsExactly("a", "other");

        Files.writeString(file, "personas: []\ndefault: {id: other, name: Other}\n");
        assertThatThrownBy(() -> PersonaLoader.load(file)).isInstanceOf(MappingException.class)
                .hasMessageStartingWith(file + ":1 personas:");
        assertThatThrownBy(() -> PersonaLoader.load(dir.resolve("missing.yaml")))
                .isInstanceOf(MappingException.class).hasMessageContaining("cannot read the file");
    }
}
