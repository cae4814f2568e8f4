package dev.journeyconnector.sandbox.salesforce.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading SFDX object and field source into the simulator's schema model, and refusing what it cannot model. */
class MetadataDeploymentTest {
    private static final Path REPO_METADATA = Path.of("..", "salesforce", "force-app", "main", "default");
    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String NS = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";

    @TempDir
    Path dir;

    @Test
    void theRepositorysMetadataBecomesTheFindingObjectAndFiveContactFields() {
        Map<String, SObjectType> standard = SchemaLoader.standardObjects();

        Map<String, SObjectType> deployed = MetadataDeployment.read(REPO_METADATA).applyTo(standard);

        SObjectType finding = deployed.get("Journey_Finding__c");
        assertThat(finding.keyPrefix()).isEqualTo("a0J");
        assertThat(finding.fields()).extracting(SField::name).startsWith("Id", "OwnerId", "Name")
                .contains("Finding_Key__c", "Kind__c", "Severity__c", "State__c", "Rule__c", "Persona__c", "From__c", "To__c",
                        "Detected_At__c", "Resolved_At__c", "Evidence__c", "Explanation__c",
                        "Contact__c", "Lead__c", "Account__c", "Opportunity__c", "Case__c")
                .endsWith("CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "IsDeleted");
        SField name = finding.field("Name").orElseThrow();
        assertThat(name.autoNumberFormat()).isEqualTo("F-{000000}");
        assertThat(name.requiredOnCreate()).isFalse();
        SField key = finding.field("Finding_Key__c").orElseThrow();
        assertThat(key.externalId() && key.unique() && key.caseSensitive() && key.idLookup()).isTrue();
        assertThat(finding.field("Opportunity__c").orElseThrow().relationshipName()).isEqualTo("Opportunity__r");
        SObjectType contact = deployed.get("Contact");
        assertThat(contact.keyPrefix()).isEqualTo("003");
        assertThat(contact.fields()).extracting(SField::name).contains("Journey_Stage__c", "Journey_Persona__c",
                "Journey_Health_Score__c", "Journey_Last_Touchpoint__c", "Journey_Summary__c", "LastName", "Email");
        SField health = contact.field("Journey_Health_Score__c").orElseThrow();
        assertThat(health.type()).isEqualTo(FieldType.DOUBLE);
        assertThat(health.precision()).isEqualTo(3);
        assertThat(health.scale()).isZero();
        assertThat(standard.get("Contact").field("Journey_Stage__c")).as("the input map is not changed").isEmpty();
        assertThat(new java.util.ArrayList<>(deployed.keySet())).startsWith(SchemaLoader.STANDARD_OBJECTS.toArray(String[]::new));
    }

    @Test
    void deployingTheSameSourceTwiceChangesNothing() {
        MetadataDeployment deployment = MetadataDeployment.read(REPO_METADATA);
        Map<String, SObjectType> once = deployment.applyTo(SchemaLoader.standardObjects());

        Map<String, SObjectType> twice = deployment.applyTo(once);

        assertThat(twice.keySet()).containsExactlyElementsOf(once.keySet());
        assertThat(twice.get("Journey_Finding__c").keyPrefix()).isEqualTo("a0J");
        assertThat(twice.get("Journey_Finding__c").fields()).containsExactlyElementsOf(once.get("Journey_Finding__c").fields());
        assertThat(twice.get("Contact").fields()).containsExactlyElementsOf(once.get("Contact").fields());
    }

    @Test
    void otherCustomObjectsGetAStablePrefixDerivedFromTheNameThatAvoidsTakenOnes() {
        Set<String> used = new HashSet<>(Set.of("001", "003", "a0J"));

        String first = MetadataDeployment.newKeyPrefix("Survey_Response__c", used);
        String again = MetadataDeployment.newKeyPrefix("Survey_Response__c", used);
        used.add(first);
        String clashing = MetadataDeployment.newKeyPrefix("Survey_Response__c", used);
        String findingWhenTaken = MetadataDeployment.newKeyPrefix("Journey_Finding__c", used);

        assertThat(first).matches("a[0-9A-Za-z]{2}").isNotEqualTo("a0J").isEqualTo(again);
        assertThat(clashing).isNotEqualTo(first).matches("a[0-9A-Za-z]{2}");
        assertThat(findingWhenTaken).isEqualTo("a0K");
    }

    @Test
    void aCustomObjectWithTextNameCheckboxAndAutoNumberFieldIsModelled() {
        object("Survey__c", "<label>Survey</label><pluralLabel>Surveys</pluralLabel><sharingModel>Private</sharingModel>"
                + "<nameField><label>Survey Name</label><type>Text</type></nameField>");
        field("Survey__c", "Done__c", "<label>Done</label><type>Checkbox</type><defaultValue>true</defaultValue>");
        field("Survey__c", "Ref__c", "<label>Ref</label><type>AutoNumber</type><displayFormat>S-{0000}</displayFormat>"
                + "<externalId>true</externalId>");
        field("Survey__c", "Score__c", "<label>Score</label><type>Percent</type><precision>5</precision><scale>2</scale>");
        field("Survey__c", "Notes__c", "<label>Notes</label><type>Html</type><length>10000</length>");
        field("Survey__c", "Channel__c", "<label>Channel</label><type>Text</type><length>20</length>"
                + "<defaultValue>\"Email\"</defaultValue><required>true</required>");

        SObjectType survey = MetadataDeployment.read(dir).applyTo(SchemaLoader.standardObjects()).get("Survey__c");

        SField name = survey.field("Name").orElseThrow();
        assertThat(name.createable()).isTrue();
        assertThat(name.autoNumber()).isFalse();
        assertThat(survey.field("OwnerId")).isPresent();
        assertThat(survey.field("Done__c").orElseThrow().defaultValue()).isEqualTo("true");
        SField ref = survey.field("Ref__c").orElseThrow();
        assertThat(ref.autoNumberFormat()).isEqualTo("S-{0000}");
        assertThat(ref.createable()).isFalse();
        assertThat(ref.externalId()).isTrue();
        assertThat(survey.field("Score__c").orElseThrow().type()).isEqualTo(FieldType.PERCENT);
        SField notes = survey.field("Notes__c").orElseThrow();
        assertThat(notes.htmlFormatted()).isTrue();
        assertThat(notes.filterable()).isFalse();
        SField channel = survey.field("Channel__c").orElseThrow();
        assertThat(channel.defaultValue()).isEqualTo("Email");
        assertThat(channel.nillable()).isFalse();
        assertThat(channel.requiredOnCreate()).isFalse();
    }

    @Test
    void aMalformedFieldFileIsNamedWithItsLine() throws IOException {
        copyRepoMetadata();
        Path broken = dir.resolve("objects/Journey_Finding__c/fields/Kind__c.field-meta.xml");
        Files.writeString(broken, HEADER + "<CustomField " + NS + ">\n<fullName>Kind__c</fullName>\n<label>Kind</CustomField>\n");

        assertThatThrownBy(() -> MetadataDeployment.read(dir))
                .isInstanceOfSatisfying(MetadataDeploymentException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0)).startsWith(broken + ":4: not accepted as metadata XML");
                });
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsEverExpanded() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "do not read");
        object("Evil__c", "<label>Evil</label><pluralLabel>Evils</pluralLabel>"
                + "<nameField><label>N</label><type>Text</type></nameField>");
        Path file = dir.resolve("objects/Evil__c/fields/Leak__c.field-meta.xml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, HEADER + "<!DOCTYPE x [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<CustomField " + NS + "><fullName>Leak__c</fullName><label>&leak;</label><type>Text</type>"
                + "<length>80</length></CustomField>");

        assertThatThrownBy(() -> MetadataDeployment.read(dir))
                .isInstanceOf(MetadataDeploymentException.class)
                .hasMessageContaining(file + ":2:")
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("do not read");
    }

    @Test
    void everyUnsupportedOrIncompleteDeclarationIsReportedAtOnceNamingItsFile() {
        object("Thing__c", "<label>Thing</label><pluralLabel>Things</pluralLabel>"
                + "<nameField><label>N</label><type>AutoNumber</type><displayFormat>T-{YYYY}-{0000}</displayFormat></nameField>");
        Path formula = field("Thing__c", "Total__c", "<label>Total</label><type>Number</type><precision>18</precision>"
                + "<scale>0</scale><formula>1 + 1</formula>");
        Path master = field("Thing__c", "Parent__c", "<label>Parent</label><type>MasterDetail</type><referenceTo>Account</referenceTo>");
        Path noLength = field("Thing__c", "Code__c", "<label>Code</label><type>Text</type>");
        Path wrongName = field("Thing__c", "Other__c", "<fullName>Else__c</fullName><label>X</label><type>Date</type>");
        Path badBoolean = field("Thing__c", "Flag__c", "<label>Flag</label><type>Text</type><length>10</length><unique>yes</unique>");
        Path wrongRoot = dir.resolve("objects/Thing__c/fields/Root__c.field-meta.xml");
        write(wrongRoot, HEADER + "<CustomObject " + NS + "><label>X</label></CustomObject>");
        Path objectFile = dir.resolve("objects/Thing__c/Thing__c.object-meta.xml");

        assertThatThrownBy(() -> MetadataDeployment.read(dir))
                .isInstanceOfSatisfying(MetadataDeploymentException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith(objectFile + ": displayFormat 'T-{YYYY}-{0000}' is not supported"),
                        p -> assertThat(p).startsWith(noLength + ": <length> is required"),
                        p -> assertThat(p).startsWith(badBoolean + ": <unique> must be true or false, got yes"),
                        p -> assertThat(p).startsWith(wrongName + ": <fullName> Else__c does not match the file name Other__c"),
                        p -> assertThat(p).startsWith(master + ": field type MasterDetail is not supported"),
                        p -> assertThat(p).startsWith(wrongRoot + ": root element must be <CustomField"),
                        p -> assertThat(p).startsWith(formula + ": <formula> is not supported")));
    }

    @Test
    void fieldsForObjectsTheOrgLacksAndLookupsToThemAreRefusedWhenApplied() {
        field("Campaign", "Journey_Stage__c", "<label>Stage</label><type>Text</type><length>40</length>");
        field("Missing__c", "Foo__c", "<label>Foo</label><type>Text</type><length>40</length>");
        Path lookup = field("Contact", "Favourite__c", "<label>Fav</label><type>Lookup</type><referenceTo>Product2</referenceTo>"
                + "<relationshipName>Fans</relationshipName>");
        MetadataDeployment deployment = MetadataDeployment.read(dir);

        assertThatThrownBy(() -> deployment.applyTo(SchemaLoader.standardObjects()))
                .isInstanceOfSatisfying(MetadataDeploymentException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith(dir.resolve("objects/Campaign") + ": Campaign is not a standard object the sandbox simulates"),
                        p -> assertThat(p).startsWith(dir.resolve("objects/Missing__c") + ": Missing__c has fields but no Missing__c.object-meta.xml"),
                        p -> assertThat(p).startsWith(lookup + ": referenceTo Product2 is neither an object of the org nor part of this deployment")));
    }

    @Test
    void aFolderWithoutObjectsIsNotAPackageDirectory() {
        assertThatThrownBy(() -> MetadataDeployment.read(dir))
                .isInstanceOf(MetadataDeploymentException.class)
                .hasMessageContaining(dir.resolve("objects") + ": no objects folder");
    }

    // ---- helpers ----

    private Path object(String name, String body) {
        return write(dir.resolve("objects").resolve(name).resolve(name + ".object-meta.xml"),
                HEADER + "<CustomObject " + NS + ">" + body + "</CustomObject>\n");
    }

    private Path field(String object, String name, String body) {
        String full = body.contains("<fullName>") ? body : "<fullName>" + name + "</fullName>" + body;
        return write(dir.resolve("objects").resolve(object).resolve("fields").resolve(name + ".field-meta.xml"),
                HEADER + "<CustomField " + NS + ">" + full + "</CustomField>\n");
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyRepoMetadata() throws IOException {
        try (Stream<Path> files = Files.walk(REPO_METADATA)) {
            for (Path source : files.filter(Files::isRegularFile).toList()) {
                Path target = dir.resolve(REPO_METADATA.relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
        }
    }
}
