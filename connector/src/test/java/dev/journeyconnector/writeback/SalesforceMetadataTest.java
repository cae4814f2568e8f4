package dev.journeyconnector.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checks the SFDX source under {@code salesforce/} the way a deploy would trip over it, without an org:
 * a typo in a file name, a field left out of the permission set or a lost external ID otherwise only shows
 * up when an admin runs {@code sf project deploy start} or when the first upsert fails.
 */
class SalesforceMetadataTest {

    private static final String METADATA_NS = "http://soap.sforce.com/2006/04/metadata";
    // Tests run with the module directory as cwd.
    private static final Path REPO = Path.of("..");
    private static final Path SOURCE = REPO.resolve("salesforce/force-app/main/default");
    private static final Path PERMISSION_SET =
            SOURCE.resolve("permissionsets/Journey_Connector_Integration.permissionset-meta.xml");
    private static final String FINDING = "Journey_Finding__c";

    @Test
    void everyMetadataFileIsInTheMetadataNamespaceWithTheRootItsSuffixNames() throws IOException {
        List<Path> files = metadataFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(24);
        for (Path file : files) {
            Element root = parse(file).getDocumentElement();
            assertThat(root.getNamespaceURI()).as("namespace of %s", file).isEqualTo(METADATA_NS);
            assertThat(root.getLocalName()).as("root element of %s", file).isEqualTo(expectedRoot(file));
        }
    }

    @Test
    void everyFieldsFullNameIsItsFileName() throws IOException {
        for (Path file : fieldFiles()) {
            String fileName = file.getFileName().toString();
            assertThat(text(parse(file).getDocumentElement(), "fullName"))
                    .as("fullName in %s", file)
                    .isEqualTo(fileName.substring(0, fileName.length() - ".field-meta.xml".length()));
        }
    }

    @Test
    void findingObjectHasTheFieldsTheWriteBackNeeds() {
        // Exactly what the write-back writes (OwnerId is standard on every custom object), so neither can drift.
        assertThat(fieldNames(FINDING)).containsExactlyInAnyOrderElementsOf(OrgCapabilities.FINDING_FIELDS.stream()
                .filter(f -> !f.equals("OwnerId")).toList());
        assertThat(fieldNames("Contact")).containsExactlyInAnyOrderElementsOf(OrgCapabilities.CONTACT_FIELDS);
        assertThat(fieldNames("Contact")).containsExactlyInAnyOrder(
                "Journey_Stage__c", "Journey_Persona__c", "Journey_Health_Score__c",
                "Journey_Last_Touchpoint__c", "Journey_Summary__c");
    }

    @Test
    void findingObjectIsDeployedWithAnAutoNumberNameAndReadWriteSharing() {
        Element object = parse(SOURCE.resolve("objects/" + FINDING + "/" + FINDING + ".object-meta.xml"))
                .getDocumentElement();
        Element nameField = child(object, "nameField");
        assertThat(text(nameField, "type")).isEqualTo("AutoNumber");
        assertThat(text(nameField, "displayFormat")).isEqualTo("F-{000000}");
        // Lookups (not master-detail) cannot use ControlledByParent.
        assertThat(text(object, "sharingModel")).isEqualTo("ReadWrite");
        assertThat(text(object, "deploymentStatus")).isEqualTo("Deployed");
        assertThat(text(object, "enableHistory")).isEqualTo("false");
    }

    @Test
    void findingKeyIsAUniqueCaseSensitiveExternalIdSoWritesAreUpserts() {
        Element key = parse(fieldFile(FINDING, "Finding_Key__c")).getDocumentElement();
        assertThat(text(key, "type")).isEqualTo("Text");
        assertThat(text(key, "length")).isEqualTo("255");
        assertThat(text(key, "externalId")).isEqualTo("true");
        assertThat(text(key, "unique")).isEqualTo("true");
        assertThat(text(key, "caseSensitive")).isEqualTo("true");
    }

    @Test
    void picklistsAreRestrictedToTheValuesTheConnectorWrites() {
        assertThat(picklistValues("Kind__c")).containsExactly("Pain point", "Handoff gap");
        assertThat(picklistValues("Severity__c")).containsExactly("low", "medium", "high", "critical");
        assertThat(picklistValues("State__c")).containsExactly("Open", "Resolved");
    }

    @Test
    void permissionSetGrantsEveryCustomFieldAndNothingElse() {
        Document permissionSet = parse(PERMISSION_SET);
        assertThat(ungrantedFields(permissionSet)).isEmpty();
        assertThat(grantedFields(permissionSet)).isEqualTo(customFields());

        List<Element> objects = children(permissionSet.getDocumentElement(), "objectPermissions");
        assertThat(objects).hasSize(1);
        Element finding = objects.get(0);
        assertThat(text(finding, "object")).isEqualTo(FINDING);
        for (String allow : List.of("allowCreate", "allowRead", "allowEdit", "allowDelete")) {
            assertThat(text(finding, allow)).as(allow).isEqualTo("true");
        }
        assertThat(text(finding, "viewAllRecords")).isEqualTo("false");
        assertThat(text(finding, "modifyAllRecords")).isEqualTo("false");
        // "Nothing else": no user permissions, classes, tabs or record types ride along.
        Set<String> kinds = new TreeSet<>();
        for (Node n = permissionSet.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                kinds.add(e.getLocalName());
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(
                "label", "description", "hasActivationRequired", "fieldPermissions", "objectPermissions");
    }

    @Test
    void permissionSetCheckNamesAFieldLeftOut() {
        Document permissionSet = parse(PERMISSION_SET);
        Element root = permissionSet.getDocumentElement();
        for (Element grant : children(root, "fieldPermissions")) {
            if (text(grant, "field").equals("Contact.Journey_Summary__c")) {
                root.removeChild(grant);
            }
        }
        assertThat(ungrantedFields(permissionSet)).containsExactly("Contact.Journey_Summary__c");
    }

    @Test
    void permissionSetGrantsReadAndEditOnEveryField() {
        for (Element grant : children(parse(PERMISSION_SET).getDocumentElement(), "fieldPermissions")) {
            assertThat(text(grant, "readable")).as("readable %s", text(grant, "field")).isEqualTo("true");
            assertThat(text(grant, "editable")).as("editable %s", text(grant, "field")).isEqualTo("true");
        }
    }

    @Test
    void requiredFieldsAreAbsentBecauseSalesforceRefusesFieldPermissionsOnThem() throws IOException {
        // A required field cannot appear in fieldPermissions; keeping every field optional keeps the
        // permission set deployable and the grant check above complete.
        for (Path file : fieldFiles()) {
            Element field = parse(file).getDocumentElement();
            assertThat(optionalText(field, "required")).as("required in %s", file).isNotEqualTo("true");
        }
    }

    @Test
    void sfdxProjectPackageDirectoriesExist() throws IOException {
        JsonNode project = new ObjectMapper().readTree(REPO.resolve("sfdx-project.json").toFile());
        JsonNode directories = project.path("packageDirectories");
        assertThat(directories.isArray() && !directories.isEmpty()).as("packageDirectories").isTrue();
        for (JsonNode directory : directories) {
            Path path = REPO.resolve(directory.path("path").asText());
            assertThat(path).as("packageDirectories path").isDirectory();
            assertThat(SOURCE.normalize().startsWith(path.normalize())).isTrue();
        }
        assertThat(project.path("sourceApiVersion").asText()).matches("\\d+\\.0");
    }

    @Test
    void parserRefusesDoctypesSoNoExternalEntityIsEverResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<CustomField xmlns=\"" + METADATA_NS + "\"><fullName>&e;</fullName></CustomField>";
        assertThatThrownBy(() -> newBuilder().parse(new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(SAXException.class)
                .hasMessageContaining("DOCTYPE");
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** Fields in the permission set's "Object.Field" form that exist in source but are not granted. */
    private static Set<String> ungrantedFields(Document permissionSet) {
        Set<String> missing = new TreeSet<>(customFields());
        missing.removeAll(grantedFields(permissionSet));
        return missing;
    }

    private static Set<String> grantedFields(Document permissionSet) {
        Set<String> granted = new TreeSet<>();
        for (Element grant : children(permissionSet.getDocumentElement(), "fieldPermissions")) {
            granted.add(text(grant, "field"));
        }
        return granted;
    }

    private static Set<String> customFields() {
        Set<String> fields = new TreeSet<>();
        for (String object : List.of(FINDING, "Contact")) {
            for (String field : fieldNames(object)) {
                fields.add(object + "." + field);
            }
        }
        return fields;
    }

    private static Set<String> fieldNames(String object) {
        try (Stream<Path> files = Files.list(SOURCE.resolve("objects/" + object + "/fields"))) {
            Set<String> names = new TreeSet<>();
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".field-meta.xml"))
                    .forEach(n -> names.add(n.substring(0, n.length() - ".field-meta.xml".length())));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> picklistValues(String field) {
        Element valueSet = child(parse(fieldFile(FINDING, field)).getDocumentElement(), "valueSet");
        assertThat(text(valueSet, "restricted")).as("%s restricted", field).isEqualTo("true");
        List<String> values = new ArrayList<>();
        for (Element value : children(child(valueSet, "valueSetDefinition"), "value")) {
            values.add(text(value, "fullName"));
        }
        return values;
    }

    private static Path fieldFile(String object, String field) {
        return SOURCE.resolve("objects/" + object + "/fields/" + field + ".field-meta.xml");
    }

    private static List<Path> metadataFiles() throws IOException {
        try (Stream<Path> files = Files.walk(REPO.resolve("salesforce"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-meta.xml")).sorted().toList();
        }
    }

    private static List<Path> fieldFiles() throws IOException {
        return metadataFiles().stream().filter(f -> f.toString().endsWith(".field-meta.xml")).toList();
    }

    private static String expectedRoot(Path file) {
        var roots = new TreeMap<String, String>(java.util.Map.of(
                ".object-meta.xml", "CustomObject",
                ".field-meta.xml", "CustomField",
                ".permissionset-meta.xml", "PermissionSet"));
        String name = file.getFileName().toString();
        return roots.entrySet().stream().filter(e -> name.endsWith(e.getKey())).map(java.util.Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError(file + ": unknown metadata kind; teach this test its root element"));
    }

    private static DocumentBuilder newBuilder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // The OWASP XXE settings: no DOCTYPE at all, hence no entities, internal or external.
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        // Without this the default handler prints parse errors to stderr before throwing.
        builder.setErrorHandler(null);
        return builder;
    }

    private static Document parse(Path file) {
        try {
            return newBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && METADATA_NS.equals(e.getNamespaceURI())
                    && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        assertThat(found).as("<%s> in <%s>", localName, parent.getLocalName()).hasSize(1);
        return found.get(0);
    }

    private static String text(Element parent, String localName) {
        return child(parent, localName).getTextContent().strip();
    }

    private static String optionalText(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }
}
