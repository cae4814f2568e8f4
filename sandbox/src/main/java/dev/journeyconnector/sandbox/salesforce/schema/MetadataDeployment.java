package dev.journeyconnector.sandbox.salesforce.schema;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A deployment of SFDX source ({@code force-app/main/default}) into the simulated org, the sandbox's
 * {@code sf project deploy start}: {@code objects/<Obj>/<Obj>.object-meta.xml} declares a custom object,
 * {@code objects/<Obj>/fields/<Field>.field-meta.xml} a custom field, on a deployed custom object or on a
 * standard object the sandbox simulates (Contact ...). The result is the same model {@link SchemaLoader}
 * builds from JSON, so describe, SOQL and saves treat deployed metadata like any other schema.
 *
 * <p>Supported, with Salesforce's meaning: object {@code label}, {@code pluralLabel}, {@code nameField}
 * (Text, or AutoNumber with its {@code displayFormat}: read-only, numbered on create) and {@code sharingModel}
 * (any owner-based model gives the object an OwnerId defaulting to the session user); field types Text,
 * TextArea, LongTextArea, Html, Email, Phone, Url, Number, Currency, Percent, Date, DateTime, Checkbox,
 * Picklist, MultiselectPicklist, Lookup and AutoNumber, with {@code required}, {@code externalId},
 * {@code unique}, {@code caseSensitive}, {@code length}, {@code precision}/{@code scale}, picklist
 * {@code valueSet} ({@code restricted}, {@code default}) and simple literal {@code defaultValue}s. Anything
 * that would change API behaviour the sandbox does not model (formulas, master-detail, record types,
 * validation rules, global value sets ...) is refused with the file named, never silently dropped.
 * Metadata of other kinds beside {@code objects/} (permission sets, layouts ...) is not read: the sandbox's
 * users may use every object and field.
 *
 * <p>Real orgs assign custom objects a key prefix at creation ({@code a00}-{@code aZZ}); the sandbox makes one
 * up, the same one every time for the same org: {@value #JOURNEY_FINDING_KEY_PREFIX} for the connector's
 * Journey_Finding__c, one derived from the name for any other object.
 *
 * <p>XML is parsed with DOCTYPE declarations refused (no entities, internal or external: OWASP XXE
 * prevention) and secure processing on.
 */
public final class MetadataDeployment {
    /** The namespace of every Metadata API document. */
    public static final String METADATA_NAMESPACE = "http://soap.sforce.com/2006/04/metadata";
    /** The key prefix the sandbox gives the connector's finding object. */
    public static final String JOURNEY_FINDING_KEY_PREFIX = "a0J";

    private static final Map<String, String> FIXED_PREFIXES = Map.of("Journey_Finding__c", JOURNEY_FINDING_KEY_PREFIX);
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern CUSTOM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*__c");
    private static final Pattern AUTO_NUMBER_FORMAT = Pattern.compile("([^{}]*)\\{(0+)}([^{}]*)");
    /** Sharing models under which records have an owner (all but ControlledByParent). */
    private static final Set<String> OWNER_SHARING_MODELS = Set.of("Private", "Read", "ReadWrite", "ReadWriteTransfer", "FullAccess");
    /** Object subfolders that only shape the UI, so the API behaves the same without them. */
    private static final Set<String> UI_ONLY_FOLDERS = Set.of("listViews", "compactLayouts", "fieldSets", "webLinks");
    /** Field elements whose behaviour the sandbox does not model; a field carrying one is refused. */
    private static final List<String> UNSUPPORTED_FIELD_ELEMENTS = List.of(
            "formula", "summaryOperation", "summaryForeignKey", "valueSetName", "lookupFilter", "encryptionScheme");

    private final Path source;
    private final List<ObjectSource> objects;

    private MetadataDeployment(Path source, List<ObjectSource> objects) {
        this.source = source;
        this.objects = objects;
    }

    /** What one {@code objects/<Obj>/} folder declares: the object itself (null for a standard object) and fields. */
    private record ObjectSource(String name, Path folder, CustomObjectSource object, List<FieldSource> fields) {
    }

    private record CustomObjectSource(Path file, String label, String pluralLabel, SField nameField, boolean owned) {
    }

    private record FieldSource(Path file, SField field) {
    }

    /**
     * Reads every object and field file under {@code forceAppDefaultDir/objects}, reporting all problems
     * at once. Nothing is checked against an org yet: see {@link #applyTo(Map)}.
     *
     * @throws MetadataDeploymentException naming each bad file
     */
    public static MetadataDeployment read(Path forceAppDefaultDir) {
        List<String> problems = new ArrayList<>();
        Path objectsDir = forceAppDefaultDir.resolve("objects");
        if (!Files.isDirectory(objectsDir)) {
            problems.add(objectsDir + ": no objects folder (expected an SFDX package directory such as force-app/main/default)");
            throw new MetadataDeploymentException(forceAppDefaultDir, problems);
        }
        DocumentBuilder xml = newDocumentBuilder();
        List<ObjectSource> objects = new ArrayList<>();
        for (Path folder : sortedChildren(objectsDir, problems)) {
            if (!Files.isDirectory(folder)) {
                problems.add(folder + ": expected only object folders under objects/");
                continue;
            }
            objects.add(readObjectFolder(folder, xml, problems));
        }
        if (!problems.isEmpty()) {
            throw new MetadataDeploymentException(forceAppDefaultDir, problems);
        }
        return new MetadataDeployment(forceAppDefaultDir, objects);
    }

    /** The folder this deployment was read from. */
    public Path source() {
        return source;
    }

    /** The objects this deployment declares or adds fields to, in folder order. */
    public List<String> objectNames() {
        return objects.stream().map(ObjectSource::name).toList();
    }

    /**
     * The org's schema after this deployment: {@code current} (not changed) with deployed custom objects
     * added or redefined and deployed fields added to (or replacing same-named fields of) their objects.
     * Custom objects keep the key prefix they already have, so deploying twice changes nothing.
     *
     * @throws MetadataDeploymentException when a field targets an object the org lacks, a lookup points at one,
     *                                     or a field's type clashes with a standard field
     */
    public Map<String, SObjectType> applyTo(Map<String, SObjectType> current) {
        List<String> problems = new ArrayList<>();
        Map<String, SObjectType> result = new LinkedHashMap<>(current);
        Set<String> usedPrefixes = new HashSet<>();
        current.values().forEach(t -> usedPrefixes.add(t.keyPrefix()));
        Set<String> known = new HashSet<>();
        current.keySet().forEach(n -> known.add(n.toLowerCase(Locale.ROOT)));
        objects.forEach(o -> known.add(o.name().toLowerCase(Locale.ROOT)));

        for (ObjectSource o : objects) {
            SObjectType existing = find(result, o.name());
            if (o.object() == null && existing == null) {
                problems.add(o.folder() + ": " + o.name() + (o.name().endsWith("__c")
                        ? " has fields but no " + o.name() + ".object-meta.xml, and the org has no such object"
                        : " is not a standard object the sandbox simulates (it has " + String.join(", ", current.keySet()) + ")"));
                continue;
            }
            List<SField> fields = new ArrayList<>();
            for (FieldSource f : o.fields()) {
                if (checkField(f, existing, known, problems)) {
                    fields.add(f.field());
                }
            }
            SObjectType updated;
            if (o.object() != null && (existing == null || existing.custom())) {
                String prefix = existing != null ? existing.keyPrefix() : newKeyPrefix(o.name(), usedPrefixes);
                usedPrefixes.add(prefix);
                SObjectType declared = customObject(o.name(), o.object(), prefix, fields);
                updated = existing == null ? declared : redeclare(existing, declared);
            } else {
                // A standard object's own object-meta.xml carries org settings (sharing, search ...), not API shape.
                updated = SchemaLoader.merge(existing, new SObjectType(existing.name(), existing.label(), existing.labelPlural(),
                        existing.keyPrefix(), existing.custom(), true, true, true, true, fields));
            }
            result.put(updated.name(), updated);
        }
        if (!problems.isEmpty()) {
            throw new MetadataDeploymentException(source, problems);
        }
        return result;
    }

    // ---- org-level checks and building ----

    private static boolean checkField(FieldSource f, SObjectType existing, Set<String> known, List<String> problems) {
        SField field = f.field();
        if (field.name().endsWith("__c")) {
            for (String target : field.referenceTo()) {
                if (!known.contains(target.toLowerCase(Locale.ROOT))) {
                    problems.add(f.file() + ": referenceTo " + target + " is neither an object of the org nor part of this deployment");
                    return false;
                }
            }
            return true;
        }
        // SFDX retrieves standard fields as files carrying only settings (history tracking ...): nothing to deploy.
        if (existing != null && existing.field(field.name()).isPresent()) {
            return false;
        }
        problems.add(f.file() + ": " + field.name() + " is not a custom field (custom field names end in __c)");
        return false;
    }

    private static SObjectType find(Map<String, SObjectType> types, String name) {
        return types.values().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private static SObjectType customObject(String name, CustomObjectSource o, String keyPrefix, List<SField> customFields) {
        List<SField> fields = new ArrayList<>();
        fields.add(SchemaLoader.idField());
        if (o.owned()) {
            fields.add(new SField("OwnerId", "Owner ID", FieldType.REFERENCE, 18, false, true, true, true, false, true, true,
                    false, false, false, List.of("User"), "Owner", List.of(), false, null));
        }
        fields.add(o.nameField());
        customFields.stream().sorted((a, b) -> a.name().compareToIgnoreCase(b.name())).forEach(fields::add);
        SchemaLoader.ALL_AUDIT_FIELDS.forEach(a -> fields.add(SchemaLoader.auditField(a)));
        return new SObjectType(name, o.label(), o.pluralLabel(), keyPrefix, true, true, true, true, true, fields);
    }

    /** A custom object deployed again: the new declaration, plus fields deployed earlier that this deployment leaves out. */
    private static SObjectType redeclare(SObjectType existing, SObjectType declared) {
        Map<String, SField> fields = new LinkedHashMap<>();
        declared.fields().forEach(f -> fields.put(f.name().toLowerCase(Locale.ROOT), f));
        for (SField f : existing.fields()) {
            if (f.name().endsWith("__c")) {
                fields.putIfAbsent(f.name().toLowerCase(Locale.ROOT), f);
            }
        }
        return new SObjectType(declared.name(), declared.label(), declared.labelPlural(), existing.keyPrefix(), true,
                true, true, true, true, new ArrayList<>(fields.values()));
    }

    /**
     * A free custom-object key prefix: the fixed one for objects the connector ships, else {@code a} plus two
     * base-62 characters from a hash of the name; the next free one on a clash, so the choice only depends on
     * the name and the prefixes already taken.
     */
    static String newKeyPrefix(String objectName, Set<String> used) {
        String fixed = FIXED_PREFIXES.get(objectName);
        int slots = BASE62.length() * BASE62.length();
        int start;
        if (fixed != null) {
            start = BASE62.indexOf(fixed.charAt(1)) * BASE62.length() + BASE62.indexOf(fixed.charAt(2));
        } else {
            int h = 0;
            for (char c : objectName.toLowerCase(Locale.ROOT).toCharArray()) {
                h = 31 * h + c;
            }
            // a00-a09 are skipped: real orgs hand them to the first custom objects, tests often invent them too.
            start = 10 + Math.floorMod(h, slots - 10);
        }
        for (int i = 0; i < slots; i++) {
            int slot = (start + i) % slots;
            String prefix = "a" + BASE62.charAt(slot / BASE62.length()) + BASE62.charAt(slot % BASE62.length());
            if (!used.contains(prefix)) {
                return prefix;
            }
        }
        throw new IllegalStateException("no free custom object key prefix left for " + objectName);
    }

    // ---- reading files ----

    private static ObjectSource readObjectFolder(Path folder, DocumentBuilder xml, List<String> problems) {
        String name = folder.getFileName().toString();
        Path objectFile = folder.resolve(name + ".object-meta.xml");
        CustomObjectSource object = null;
        List<FieldSource> fields = new ArrayList<>();
        for (Path child : sortedChildren(folder, problems)) {
            String childName = child.getFileName().toString();
            if (child.equals(objectFile)) {
                object = readObject(name, objectFile, xml, problems);
            } else if (childName.equals("fields") && Files.isDirectory(child)) {
                for (Path fieldFile : sortedChildren(child, problems)) {
                    FieldSource f = readField(fieldFile, xml, problems);
                    if (f != null) {
                        fields.add(f);
                    }
                }
            } else if (Files.isDirectory(child) && UI_ONLY_FOLDERS.contains(childName)) {
                continue;
            } else {
                problems.add(child + ": not supported by the sandbox (it deploys " + name + ".object-meta.xml and fields/ only;"
                        + " " + String.join(", ", UI_ONLY_FOLDERS) + " are skipped)");
            }
        }
        // Without an object file the fields go to an object the org already has; applyTo reports it when it does not.
        return new ObjectSource(name, folder, object, fields);
    }

    private static CustomObjectSource readObject(String name, Path file, DocumentBuilder xml, List<String> problems) {
        Doc doc = Doc.parse(file, "CustomObject", xml, problems);
        if (doc == null) {
            return null;
        }
        if (!name.endsWith("__c")) {
            if (name.contains("__")) {
                problems.add(file + ": " + name + " is a kind of object the sandbox does not simulate (only __c custom objects)");
            }
            // A standard object's settings file: only its fields matter to the API.
            return null;
        }
        if (!CUSTOM_NAME.matcher(name).matches()) {
            problems.add(file + ": '" + name + "' is not a valid custom object API name");
        }
        int before = problems.size();
        String label = doc.required("label");
        String pluralLabel = doc.required("pluralLabel");
        String sharingModel = doc.text("sharingModel", "ReadWrite");
        if (!OWNER_SHARING_MODELS.contains(sharingModel)) {
            problems.add(file + ": sharingModel " + sharingModel + " is not supported by the sandbox (it needs a master-detail"
                    + " field); use one of " + String.join(", ", new java.util.TreeSet<>(OWNER_SHARING_MODELS)));
        }
        SField nameField = null;
        Element nameElement = doc.element(doc.root(), "nameField");
        if (nameElement == null) {
            problems.add(file + ": <nameField> is required");
        } else {
            nameField = nameField(file, doc, nameElement, problems);
        }
        for (String unsupported : List.of("recordTypes", "validationRules", "businessProcesses", "fields")) {
            if (doc.element(doc.root(), unsupported) != null) {
                problems.add(file + ": <" + unsupported + "> inside the object file is not supported by the sandbox"
                        + (unsupported.equals("fields") ? " (put each field in fields/<Field>.field-meta.xml, SFDX source format)" : ""));
            }
        }
        return problems.size() > before ? null : new CustomObjectSource(file, label, pluralLabel, nameField, true);
    }

    private static SField nameField(Path file, Doc doc, Element e, List<String> problems) {
        String label = doc.childText(e, "label");
        String type = doc.childText(e, "type");
        if (label == null || type == null) {
            problems.add(file + ": <nameField> needs <label> and <type>");
            return null;
        }
        switch (type) {
            case "Text" -> {
                // A Text name the client leaves out is set to the record Id, as Salesforce does for API inserts.
                return new SField("Name", label, FieldType.STRING, 80, false, true, true, true, false, true, true,
                        false, true, false, List.of(), null, List.of(), false, null);
            }
            case "AutoNumber" -> {
                String format = doc.childText(e, "displayFormat");
                if (!validAutoNumberFormat(file, format, problems)) {
                    return null;
                }
                return autoNumberField("Name", label, format);
            }
            default -> {
                problems.add(file + ": nameField type " + type + " is not supported (Text or AutoNumber)");
                return null;
            }
        }
    }

    private static SField autoNumberField(String name, String label, String format) {
        return new SField(name, label, FieldType.STRING, 30, false, false, false, true, false, true, true,
                false, true, false, List.of(), null, List.of(), false, null, false, 0, 0, format, false);
    }

    private static boolean validAutoNumberFormat(Path file, String format, List<String> problems) {
        if (format == null) {
            problems.add(file + ": an AutoNumber needs a <displayFormat> such as F-{000000}");
            return false;
        }
        Matcher m = AUTO_NUMBER_FORMAT.matcher(format);
        if (!m.matches() || m.group(2).length() > 10) {
            problems.add(file + ": displayFormat '" + format + "' is not supported (the sandbox numbers formats with one"
                    + " {0...} of 1 to 10 zeros and literal text around it; date tokens such as {YYYY} are not simulated)");
            return false;
        }
        return true;
    }

    private static FieldSource readField(Path file, DocumentBuilder xml, List<String> problems) {
        String fileName = file.getFileName().toString();
        if (Files.isDirectory(file) || !fileName.endsWith(".field-meta.xml")) {
            problems.add(file + ": expected only <Field>.field-meta.xml files under fields/");
            return null;
        }
        Doc doc = Doc.parse(file, "CustomField", xml, problems);
        if (doc == null) {
            return null;
        }
        String baseName = fileName.substring(0, fileName.length() - ".field-meta.xml".length());
        String name = doc.text("fullName", baseName);
        if (!name.equals(baseName)) {
            problems.add(file + ": <fullName> " + name + " does not match the file name " + baseName);
            return null;
        }
        if (!name.endsWith("__c")) {
            // SFDX retrieves standard fields (history tracking, picklist values ...): settings only, applyTo checks the field exists.
            return new FieldSource(file, standardFieldPlaceholder(name));
        }
        if (!CUSTOM_NAME.matcher(name).matches()) {
            problems.add(file + ": '" + name + "' is not a valid custom field API name");
            return null;
        }
        int before = problems.size();
        for (String unsupported : UNSUPPORTED_FIELD_ELEMENTS) {
            if (doc.element(doc.root(), unsupported) != null) {
                problems.add(file + ": <" + unsupported + "> is not supported by the sandbox");
            }
        }
        SField field = problems.size() > before ? null : customField(file, name, doc, problems);
        return field == null || problems.size() > before ? null : new FieldSource(file, field);
    }

    private static SField standardFieldPlaceholder(String name) {
        return new SField(name, name, FieldType.STRING, 0, true, false, false, false, false, false, false, false, false,
                false, List.of(), null, List.of(), false, null);
    }

    private static SField customField(Path file, String name, Doc doc, List<String> problems) {
        String label = doc.required("label");
        String type = doc.required("type");
        if (label == null || type == null) {
            return null;
        }
        boolean required = doc.bool("required", false);
        boolean externalId = doc.bool("externalId", false);
        boolean unique = doc.bool("unique", false);
        boolean caseSensitive = doc.bool("caseSensitive", false);
        String defaultValue = doc.text("defaultValue", null);
        FieldShape s = new FieldShape();
        switch (type) {
            case "Text" -> s.text(FieldType.STRING, doc.length(1, 255, true));
            case "TextArea" -> s.text(FieldType.TEXTAREA, 255);
            case "LongTextArea" -> s.longText(doc.length(256, 131_072, true), false);
            case "Html" -> s.longText(doc.length(256, 131_072, true), true);
            case "Email" -> s.text(FieldType.EMAIL, 80);
            case "Phone" -> s.text(FieldType.PHONE, 40);
            case "Url" -> s.text(FieldType.URL, 255);
            case "Number" -> s.number(FieldType.DOUBLE, doc);
            case "Currency" -> s.number(FieldType.CURRENCY, doc);
            case "Percent" -> s.number(FieldType.PERCENT, doc);
            case "Date" -> s.type = FieldType.DATE;
            case "DateTime" -> s.type = FieldType.DATETIME;
            case "Checkbox" -> {
                s.type = FieldType.BOOLEAN;
                s.defaultValue = defaultValue == null ? "false" : defaultValue.trim();
                if (!s.defaultValue.equals("true") && !s.defaultValue.equals("false")) {
                    doc.problem("a Checkbox <defaultValue> must be true or false, got " + defaultValue);
                }
                defaultValue = null;
            }
            case "Picklist", "MultiselectPicklist" -> {
                s.type = type.equals("Picklist") ? FieldType.PICKLIST : FieldType.MULTIPICKLIST;
                s.length = type.equals("Picklist") ? 255 : 4099;
                s.picklist(doc);
            }
            case "Lookup" -> {
                s.type = FieldType.REFERENCE;
                s.length = 18;
                String target = doc.required("referenceTo");
                String childRelationship = doc.required("relationshipName");
                if (target != null && childRelationship != null) {
                    s.referenceTo = List.of(target);
                    // <relationshipName> names the parent's child relationship; the lookup's own is Name__r.
                    s.relationshipName = name.substring(0, name.length() - 3) + "__r";
                }
            }
            case "AutoNumber" -> {
                String format = doc.text("displayFormat", null);
                return validAutoNumberFormat(file, format, problems)
                        ? new SField(name, label, FieldType.STRING, 30, false, false, false, true, false, true, true,
                        externalId, true, false, List.of(), null, List.of(), false, null, false, 0, 0, format, false)
                        : null;
            }
            default -> doc.problem("field type " + type + " is not supported by the sandbox (Text, TextArea, LongTextArea,"
                    + " Html, Email, Phone, Url, Number, Currency, Percent, Date, DateTime, Checkbox, Picklist,"
                    + " MultiselectPicklist, Lookup, AutoNumber)");
        }
        if (s.type == null) {
            return null;
        }
        if (defaultValue != null) {
            s.defaultValue = literalDefault(s.type, defaultValue.trim(), doc);
        }
        boolean textual = s.type == FieldType.STRING || s.type == FieldType.EMAIL;
        if (externalId && !(textual || s.type.isNumeric())) {
            doc.problem("externalId is only possible on Text, Email, Number and AutoNumber fields, not " + type);
        }
        if (unique && !(textual || s.type.isNumeric())) {
            doc.problem("unique is only possible on Text, Email and Number fields, not " + type);
        }
        if (caseSensitive && !(unique && s.type == FieldType.STRING)) {
            doc.problem("caseSensitive only applies to a unique Text field");
        }
        if (doc.failed()) {
            return null;
        }
        boolean defaulted = s.type == FieldType.BOOLEAN || s.defaultValue != null;
        return new SField(name, label, s.type, s.length, !required && s.type != FieldType.BOOLEAN, true, true, defaulted,
                false, s.filterable, s.filterable, externalId, externalId, unique, s.referenceTo, s.relationshipName,
                s.values, s.restricted, s.defaultValue, caseSensitive, s.precision, s.scale, null, s.html);
    }

    /** Metadata default values are formulas; the sandbox takes the literal ones: a number, or a quoted text. */
    private static String literalDefault(FieldType type, String formula, Doc doc) {
        if (type.isNumeric() && formula.matches("-?\\d+(\\.\\d+)?")) {
            return formula;
        }
        if ((type == FieldType.STRING || type == FieldType.TEXTAREA) && formula.length() >= 2
                && formula.startsWith("\"") && formula.endsWith("\"") && formula.indexOf('"', 1) == formula.length() - 1) {
            return formula.substring(1, formula.length() - 1);
        }
        doc.problem("<defaultValue> " + formula + " is not supported by the sandbox (only a number, or a text in double quotes)");
        return null;
    }

    /** The parts of an SField that depend on the field type, filled in by type. */
    private static final class FieldShape {
        FieldType type;
        int length;
        boolean filterable = true;
        boolean html;
        int precision;
        int scale;
        List<String> values = List.of();
        boolean restricted;
        String defaultValue;
        List<String> referenceTo = List.of();
        String relationshipName;

        void text(FieldType t, int len) {
            type = t;
            length = len;
        }

        /** Long and rich text areas can be neither filtered nor sorted in SOQL. */
        void longText(int len, boolean rich) {
            type = FieldType.TEXTAREA;
            length = len;
            filterable = false;
            html = rich;
        }

        void number(FieldType t, Doc doc) {
            Integer p = doc.integer("precision");
            Integer s = doc.integer("scale");
            if (p == null || s == null) {
                doc.problem("a number field needs <precision> and <scale>");
                return;
            }
            if (p < 1 || p > 18 || s < 0 || s > p) {
                doc.problem("precision must be 1-18 and scale 0-precision, got precision " + p + " scale " + s);
                return;
            }
            type = t;
            precision = p;
            scale = s;
        }

        void picklist(Doc doc) {
            Element valueSet = doc.element(doc.root(), "valueSet");
            Element definition = valueSet == null ? null : doc.element(valueSet, "valueSetDefinition");
            if (definition == null) {
                doc.problem("a picklist needs <valueSet><valueSetDefinition> with its values");
                type = null;
                return;
            }
            restricted = "true".equals(doc.childText(valueSet, "restricted"));
            List<String> found = new ArrayList<>();
            for (Element v : doc.elements(definition, "value")) {
                String value = doc.childText(v, "fullName");
                if (value == null || value.isBlank()) {
                    doc.problem("every picklist <value> needs a <fullName>");
                    continue;
                }
                if (found.contains(value)) {
                    doc.problem("picklist value " + value + " is given twice");
                }
                found.add(value);
                if ("true".equals(doc.childText(v, "default"))) {
                    defaultValue = value;
                }
            }
            if (found.isEmpty()) {
                doc.problem("a picklist needs at least one value");
            }
            values = found;
        }
    }

    // ---- XML ----

    /**
     * A parsed metadata document with its file, for reading elements of the metadata namespace and
     * reporting problems that name the file.
     */
    private static final class Doc {
        private final Path file;
        private final Element root;
        private final List<String> problems;
        private final int problemsBefore;

        private Doc(Path file, Element root, List<String> problems) {
            this.file = file;
            this.root = root;
            this.problems = problems;
            this.problemsBefore = problems.size();
        }

        static Doc parse(Path file, String rootName, DocumentBuilder xml, List<String> problems) {
            Document document;
            try {
                document = xml.parse(file.toFile());
            } catch (SAXParseException e) {
                problems.add(file + ":" + e.getLineNumber() + ": not accepted as metadata XML: " + e.getMessage());
                return null;
            } catch (SAXException | IOException e) {
                problems.add(file + ": cannot read: " + e.getMessage());
                return null;
            }
            Element root = document.getDocumentElement();
            if (!rootName.equals(root.getLocalName()) || !METADATA_NAMESPACE.equals(root.getNamespaceURI())) {
                problems.add(file + ": root element must be <" + rootName + " xmlns=\"" + METADATA_NAMESPACE + "\">, got <"
                        + root.getTagName() + (root.getNamespaceURI() == null ? "" : " xmlns=\"" + root.getNamespaceURI() + "\"") + ">");
                return null;
            }
            return new Doc(file, root, problems);
        }

        Element root() {
            return root;
        }

        void problem(String message) {
            problems.add(file + ": " + message);
        }

        boolean failed() {
            return problems.size() > problemsBefore;
        }

        List<Element> elements(Element parent, String name) {
            List<Element> out = new ArrayList<>();
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && name.equals(e.getLocalName()) && METADATA_NAMESPACE.equals(e.getNamespaceURI())) {
                    out.add(e);
                }
            }
            return out;
        }

        /** The single child element {@code name}; a second one is a problem (the Metadata API refuses it too). */
        Element element(Element parent, String name) {
            List<Element> found = elements(parent, name);
            if (found.size() > 1) {
                problem("<" + name + "> is given " + found.size() + " times");
            }
            return found.isEmpty() ? null : found.get(0);
        }

        String childText(Element parent, String name) {
            Element e = element(parent, name);
            return e == null ? null : e.getTextContent().trim();
        }

        String text(String name, String fallback) {
            String v = childText(root, name);
            return v == null ? fallback : v;
        }

        String required(String name) {
            String v = childText(root, name);
            if (v == null || v.isEmpty()) {
                problem("<" + name + "> is required");
                return null;
            }
            return v;
        }

        boolean bool(String name, boolean fallback) {
            String v = childText(root, name);
            if (v == null) {
                return fallback;
            }
            if (!v.equals("true") && !v.equals("false")) {
                problem("<" + name + "> must be true or false, got " + v);
                return fallback;
            }
            return v.equals("true");
        }

        Integer integer(String name) {
            String v = childText(root, name);
            if (v == null) {
                return null;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                problem("<" + name + "> must be a whole number, got " + v);
                return null;
            }
        }

        /** The declared {@code <length>}, checked against Salesforce's bounds for the type. */
        int length(int min, int max, boolean needed) {
            Integer v = integer("length");
            if (v == null) {
                if (needed) {
                    problem("<length> is required for this field type (" + min + "-" + max + ")");
                }
                return min;
            }
            if (v < min || v > max) {
                problem("<length> must be " + min + "-" + max + ", got " + v);
            }
            return v;
        }
    }

    private static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // OWASP XXE prevention: no DOCTYPE at all, hence no entities, internal or external.
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
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser does not support secure processing", e);
        }
    }

    private static List<Path> sortedChildren(Path dir, List<String> problems) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            problems.add(dir + ": cannot list: " + e.getMessage());
            return List.of();
        }
    }

    /** For messages: the deployed object names. */
    @Override
    public String toString() {
        return "MetadataDeployment[" + source + ": " + String.join(", ", objectNames()) + "]";
    }
}
