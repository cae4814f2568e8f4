package dev.journeyconnector.sandbox.salesforce;

import com.sforce.soap.partner.DescribeGlobalSObjectResult;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.FieldType;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.PicklistEntry;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.fault.InvalidFieldFault;
import com.sforce.soap.partner.fault.InvalidSObjectFault;
import com.sforce.soap.partner.sobject.SObject;
import dev.journeyconnector.sandbox.salesforce.schema.MetadataDeployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connector's real SFDX metadata ({@code salesforce/force-app/main/default}) deployed into the simulator,
 * driven through the unmodified force-wsc client as the write-back uses it, and the org without it ("Task-only").
 */
class DeployedMetadataTest {
    /** The repository's metadata, as the admin deploys it (tests run in the sandbox module folder). */
    static final Path REPO_METADATA = Path.of("..", "salesforce", "force-app", "main", "default");
    private static final String INTEGRATION_USER = "005Jx0000000001IAA";
    private static final String AGENT_USER = "005Jx0000000002IAA";
    private static final String JANE = "003Jx0000000001IAA";

    private SalesforceSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private PartnerConnection deployed() {
        sim = SalesforceSimulator.builder(SimulatorFixture.smallWorld()).deployMetadata(REPO_METADATA).start();
        return SimulatorFixture.connect(sim);
    }

    private PartnerConnection taskOnly() {
        sim = SalesforceSimulator.builder(SimulatorFixture.smallWorld()).start();
        return SimulatorFixture.connect(sim);
    }

    @Test
    void deployedFindingObjectIsDescribedWithItsAutoNumberNameOwnerAndFieldTypes() throws Exception {
        PartnerConnection connection = deployed();

        DescribeSObjectResult finding = connection.describeSObject("Journey_Finding__c");

        assertThat(finding.getName()).isEqualTo("Journey_Finding__c");
        assertThat(finding.getKeyPrefix()).isEqualTo("a0J");
        assertThat(finding.isCustom()).isTrue();
        assertThat(finding.getLabel()).isEqualTo("Journey Finding");
        assertThat(finding.getLabelPlural()).isEqualTo("Journey Findings");
        assertThat(finding.isCreateable() && finding.isUpdateable() && finding.isQueryable()).isTrue();
        Field name = field(finding, "Name");
        assertThat(name.isAutoNumber()).isTrue();
        assertThat(name.isNameField()).isTrue();
        assertThat(name.isCreateable()).isFalse();
        assertThat(name.isUpdateable()).isFalse();
        assertThat(name.getLabel()).isEqualTo("Finding Number");
        Field owner = field(finding, "OwnerId");
        assertThat(owner.getType()).isEqualTo(FieldType.reference);
        assertThat(owner.getReferenceTo()).containsExactly("User");
        assertThat(owner.isDefaultedOnCreate()).isTrue();
        Field key = field(finding, "Finding_Key__c");
        assertThat(key.getType()).isEqualTo(FieldType.string);
        assertThat(key.getLength()).isEqualTo(255);
        assertThat(key.isExternalId()).isTrue();
        assertThat(key.isUnique()).isTrue();
        assertThat(key.isCaseSensitive()).isTrue();
        assertThat(key.isIdLookup()).isTrue();
        Field evidence = field(finding, "Evidence__c");
        assertThat(evidence.getType()).isEqualTo(FieldType.textarea);
        assertThat(evidence.getLength()).isEqualTo(32768);
        assertThat(evidence.isFilterable()).isFalse();
        Field kind = field(finding, "Kind__c");
        assertThat(kind.getType()).isEqualTo(FieldType.picklist);
        assertThat(kind.isRestrictedPicklist()).isTrue();
        assertThat(Arrays.stream(kind.getPicklistValues()).map(PicklistEntry::getValue)).containsExactly("Pain point", "Handoff gap");
        assertThat(Arrays.stream(field(finding, "Severity__c").getPicklistValues()).map(PicklistEntry::getValue))
                .containsExactly("low", "medium", "high", "critical");
        assertThat(field(finding, "Detected_At__c").getType()).isEqualTo(FieldType.datetime);
        assertThat(field(finding, "Resolved_At__c").isNillable()).isTrue();
        Field contact = field(finding, "Contact__c");
        assertThat(contact.getType()).isEqualTo(FieldType.reference);
        assertThat(contact.getReferenceTo()).containsExactly("Contact");
        assertThat(contact.getRelationshipName()).isEqualTo("Contact__r");
        assertThat(field(finding, "Lead__c").getReferenceTo()).containsExactly("Lead");
        assertThat(field(finding, "Case__c").getReferenceTo()).containsExactly("Case");
        assertThat(field(finding, "Rule__c").getLength()).isEqualTo(80);
        assertThat(Arrays.stream(finding.getFields()).map(Field::getName)).contains("CreatedDate", "CreatedById", "IsDeleted");

        DescribeGlobalSObjectResult global = Arrays.stream(connection.describeGlobal().getSobjects())
                .filter(s -> s.getName().equals("Journey_Finding__c")).findFirst().orElseThrow();
        assertThat(global.isCustom()).isTrue();
        assertThat(global.getKeyPrefix()).isEqualTo("a0J");
    }

    @Test
    void upsertByFindingKeyTwiceCreatesThenUpdatesTheSameNumberedRecord() throws Exception {
        PartnerConnection connection = deployed();
        SObject first = finding("pain:slow-first-response:" + JANE);
        first.setField("State__c", "Open");
        first.setField("Severity__c", "high");

        UpsertResult created = connection.upsert("Finding_Key__c", new SObject[] {first})[0];
        SObject again = finding("pain:slow-first-response:" + JANE);
        again.setField("State__c", "Resolved");
        again.setField("Resolved_At__c", java.util.Calendar.getInstance());
        UpsertResult updated = connection.upsert("Finding_Key__c", new SObject[] {again})[0];

        assertThat(created.isSuccess()).isTrue();
        assertThat(created.isCreated()).isTrue();
        assertThat(created.getId()).startsWith("a0J");
        assertThat(updated.isSuccess()).isTrue();
        assertThat(updated.isCreated()).isFalse();
        assertThat(updated.getId()).isEqualTo(created.getId());
        QueryResult rows = connection.query("SELECT Id, Name, State__c, Severity__c, OwnerId, Contact__r.LastName"
                + " FROM Journey_Finding__c WHERE Finding_Key__c = 'pain:slow-first-response:" + JANE + "'");
        assertThat(rows.getSize()).isEqualTo(1);
        SObject row = rows.getRecords()[0];
        assertThat(row.getField("Name")).isEqualTo("F-000001");
        assertThat(row.getField("State__c")).isEqualTo("Resolved");
        assertThat(row.getField("Severity__c")).isEqualTo("high");
        assertThat(row.getField("OwnerId")).isEqualTo(INTEGRATION_USER);
        assertThat(((SObject) row.getField("Contact__r")).getField("LastName")).isEqualTo("Doe");

        UpsertResult next = connection.upsert("Finding_Key__c", new SObject[] {finding("gap:sales-to-support")})[0];
        assertThat(sim.org().rowById(next.getId()).orElseThrow()).containsEntry("Name", "F-000002");
    }

    @Test
    void findingKeysAreCaseSensitiveAndUniqueAcrossCreateUpdateAndOneUpsertCall() throws Exception {
        PartnerConnection connection = deployed();
        UpsertResult upper = connection.upsert("Finding_Key__c", new SObject[] {finding("Key-A")})[0];

        UpsertResult lower = connection.upsert("Finding_Key__c", new SObject[] {finding("key-a")})[0];
        SaveResult sameKeyCreate = connection.create(new SObject[] {finding("Key-A")})[0];
        SObject renamed = new SObject("Journey_Finding__c");
        renamed.setId(lower.getId());
        renamed.setField("Finding_Key__c", "Key-A");
        SaveResult sameKeyUpdate = connection.update(new SObject[] {renamed})[0];
        UpsertResult[] twiceInOneCall = connection.upsert("Finding_Key__c", new SObject[] {finding("Key-B"), finding("Key-B"), finding("Key-C")});

        assertThat(lower.isCreated()).isTrue();
        assertThat(lower.getId()).isNotEqualTo(upper.getId());
        assertThat(sameKeyCreate.isSuccess()).isFalse();
        assertThat(sameKeyCreate.getErrors()[0].getStatusCode().name()).isEqualTo("DUPLICATE_VALUE");
        assertThat(sameKeyCreate.getErrors()[0].getMessage())
                .isEqualTo("duplicate value found: Finding_Key__c duplicates value on record with id: " + upper.getId());
        assertThat(sameKeyUpdate.getErrors()[0].getStatusCode().name()).isEqualTo("DUPLICATE_VALUE");
        assertThat(twiceInOneCall[0].getErrors()[0].getStatusCode().name()).isEqualTo("DUPLICATE_VALUE");
        assertThat(twiceInOneCall[0].getErrors()[0].getMessage()).isEqualTo("Duplicate external id specified: Key-B");
        assertThat(twiceInOneCall[1].isSuccess()).isFalse();
        assertThat(twiceInOneCall[2].isCreated()).isTrue();
        assertThat(connection.query("SELECT COUNT() FROM Journey_Finding__c").getSize()).isEqualTo(3);
    }

    @Test
    void contactGetsTheFiveJourneyFieldsAndTheyCanBeWrittenAndQueried() throws Exception {
        PartnerConnection connection = deployed();

        DescribeSObjectResult contact = connection.describeSObject("Contact");
        SObject update = new SObject("Contact");
        update.setId(JANE);
        update.setField("Journey_Stage__c", "Onboarding");
        update.setField("Journey_Persona__c", "Busy admin");
        update.setField("Journey_Health_Score__c", 87.6);
        update.setField("Journey_Last_Touchpoint__c", java.util.Calendar.getInstance());
        update.setField("Journey_Summary__c", "x".repeat(5000));
        SaveResult saved = connection.update(new SObject[] {update})[0];
        SObject outOfRange = new SObject("Contact");
        outOfRange.setId(JANE);
        outOfRange.setField("Journey_Health_Score__c", 1000);
        SaveResult refused = connection.update(new SObject[] {outOfRange})[0];

        assertThat(field(contact, "Journey_Stage__c").getType()).isEqualTo(FieldType.string);
        assertThat(field(contact, "Journey_Stage__c").getLength()).isEqualTo(40);
        assertThat(field(contact, "Journey_Persona__c").getLength()).isEqualTo(80);
        Field health = field(contact, "Journey_Health_Score__c");
        assertThat(health.getType()).isEqualTo(FieldType._double);
        assertThat(health.getPrecision()).isEqualTo(3);
        assertThat(health.getScale()).isZero();
        assertThat(field(contact, "Journey_Last_Touchpoint__c").getType()).isEqualTo(FieldType.datetime);
        assertThat(field(contact, "Journey_Summary__c").getType()).isEqualTo(FieldType.textarea);
        assertThat(field(contact, "Journey_Summary__c").isFilterable()).isFalse();
        assertThat(field(contact, "LastName").isCustom()).isFalse();
        assertThat(saved.isSuccess()).isTrue();
        assertThat(refused.getErrors()[0].getStatusCode().name()).isEqualTo("NUMBER_OUTSIDE_VALID_RANGE");
        SObject row = connection.query("SELECT Journey_Stage__c, Journey_Persona__c, Journey_Health_Score__c, Journey_Summary__c"
                + " FROM Contact WHERE Journey_Stage__c = 'Onboarding' AND Journey_Last_Touchpoint__c != null").getRecords()[0];
        assertThat(row.getField("Journey_Persona__c")).isEqualTo("Busy admin");
        assertThat(row.getField("Journey_Health_Score__c")).isEqualTo("88");
        assertThat((String) row.getField("Journey_Summary__c")).hasSize(5000);
        assertThatThrownBy(() -> connection.query("SELECT Id FROM Contact WHERE Journey_Summary__c = 'x'"))
                .isInstanceOf(InvalidFieldFault.class);
    }

    @Test
    void withoutDeploymentTheFindingObjectIsAnInvalidTypeAndContactHasNoJourneyFields() throws Exception {
        PartnerConnection connection = taskOnly();

        assertThatThrownBy(() -> connection.describeSObject("Journey_Finding__c"))
                .isInstanceOfSatisfying(InvalidSObjectFault.class, f -> {
                    assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_TYPE);
                    assertThat(f.getExceptionMessage()).startsWith("sObject type 'Journey_Finding__c' is not supported.");
                });
        assertThat(Arrays.stream(connection.describeGlobal().getSobjects()).map(DescribeGlobalSObjectResult::getName))
                .doesNotContain("Journey_Finding__c");
        assertThat(Arrays.stream(connection.describeSObject("Contact").getFields()).map(Field::getName))
                .doesNotContain("Journey_Stage__c");
        UpsertResult upsert = connection.upsert("Finding_Key__c", new SObject[] {finding("k")})[0];
        assertThat(upsert.getErrors()[0].getStatusCode().name()).isEqualTo("INVALID_TYPE");
    }

    @Test
    void metadataDeployedWhileRunningIsDescribedAtOnceAndSurvivesAResetToTheWorld() throws Exception {
        PartnerConnection connection = taskOnly();
        assertThatThrownBy(() -> connection.describeSObject("Journey_Finding__c")).isInstanceOf(InvalidSObjectFault.class);

        sim.deployMetadata(REPO_METADATA);

        assertThat(connection.describeSObject("Journey_Finding__c").getKeyPrefix()).isEqualTo(MetadataDeployment.JOURNEY_FINDING_KEY_PREFIX);
        assertThat(Arrays.stream(connection.describeGlobal().getSobjects()).map(DescribeGlobalSObjectResult::getName))
                .contains("Journey_Finding__c");
        assertThat(connection.upsert("Finding_Key__c", new SObject[] {finding("k1")})[0].isCreated()).isTrue();
        assertThat(sim.org().rowById(JANE).orElseThrow()).doesNotContainKey("Journey_Stage__c");
        sim.resetToWorld();
        assertThat(connection.query("SELECT COUNT() FROM Journey_Finding__c").getSize()).isZero();
        assertThat(field(connection.describeSObject("Contact"), "Journey_Stage__c")).isNotNull();
    }

    @Test
    void savedFindingsAreRestoredWhenTheMetadataIsDeployedAgainAndRefusedWithAHintOtherwise(@TempDir Path data) throws Exception {
        sim = SalesforceSimulator.builder(SimulatorFixture.smallWorld()).dataDir(data).deployMetadata(REPO_METADATA).start();
        String id = SimulatorFixture.connect(sim).upsert("Finding_Key__c", new SObject[] {finding("kept")})[0].getId();
        sim.close();
        sim = null;

        assertThatThrownBy(() -> SalesforceSimulator.builder(SimulatorFixture.smallWorld()).dataDir(data).start())
                .hasMessageContaining("Journey_Finding__c").hasMessageContaining("deploy it again");
        sim = SalesforceSimulator.builder(SimulatorFixture.smallWorld()).dataDir(data).deployMetadata(REPO_METADATA).start();
        PartnerConnection connection = SimulatorFixture.connect(sim);

        assertThat(sim.org().rowById(id).orElseThrow()).containsEntry("Finding_Key__c", "kept").containsEntry("Name", "F-000001");
        UpsertResult next = connection.upsert("Finding_Key__c", new SObject[] {finding("new")})[0];
        assertThat(next.getId()).isNotEqualTo(id).startsWith("a0J");
        assertThat(sim.org().rowById(next.getId()).orElseThrow()).containsEntry("Name", "F-000002");
    }

    @Test
    void recordsOwnedByAnInactiveUserAreRefusedAsSalesforceDoes() throws Exception {
        PartnerConnection connection = deployed();
        SObject deactivate = new SObject("User");
        deactivate.setId(AGENT_USER);
        deactivate.setField("IsActive", false);
        assertThat(connection.update(new SObject[] {deactivate})[0].isSuccess()).isTrue();

        SObject task = new SObject("Task");
        task.setField("Subject", "[Journey] Follow up");
        task.setField("WhoId", JANE);
        task.setField("OwnerId", AGENT_USER);
        SObject ownedFinding = finding("owned");
        ownedFinding.setField("OwnerId", AGENT_USER);
        SObject activeOwner = new SObject("Task");
        activeOwner.setField("Subject", "[Journey] Follow up");
        activeOwner.setField("OwnerId", INTEGRATION_USER);
        SaveResult[] created = connection.create(new SObject[] {task, ownedFinding, activeOwner});
        SObject reassign = new SObject("Contact");
        reassign.setId(JANE);
        reassign.setField("OwnerId", AGENT_USER);
        SaveResult reassigned = connection.update(new SObject[] {reassign})[0];
        // John Roe is already owned by the agent: editing other fields of his record still works.
        String john = (String) connection.query("SELECT Id FROM Contact WHERE LastName = 'Roe'").getRecords()[0].getField("Id");
        SObject touch = new SObject("Contact");
        touch.setId(john);
        touch.setField("Journey_Stage__c", "Renewal");

        assertThat(created[0].getErrors()[0].getStatusCode().name()).isEqualTo("INACTIVE_OWNER_OR_USER");
        assertThat(created[0].getErrors()[0].getMessage())
                .isEqualTo("operation performed with inactive user [005Jx0000000002] as owner of task");
        assertThat(created[1].getErrors()[0].getStatusCode().name()).isEqualTo("INACTIVE_OWNER_OR_USER");
        assertThat(created[1].getErrors()[0].getMessage()).endsWith("as owner of journey finding");
        assertThat(created[2].isSuccess()).isTrue();
        assertThat(reassigned.getErrors()[0].getStatusCode().name()).isEqualTo("INACTIVE_OWNER_OR_USER");
        assertThat(connection.update(new SObject[] {touch})[0].isSuccess()).isTrue();
    }

    @Test
    void taskHasWhatWriteBackNeedsAndItsQueriesFilterAsTheConnectorAsks() throws Exception {
        PartnerConnection connection = taskOnly();
        DescribeSObjectResult describe = connection.describeSObject("Task");
        SObject task = new SObject("Task");
        task.setField("Subject", "[Journey] Slow first response");
        task.setField("Description", "Evidence: " + "e".repeat(4000));
        task.setField("WhoId", JANE);
        task.setField("WhatId", "001Jx0000000001IAA");
        task.setField("Priority", "High");
        task.setField("Status", "Not Started");
        task.setField("Type", "Other");
        task.setField("IsReminderSet", true);
        task.setField("ReminderDateTime", java.util.Calendar.getInstance());
        SObject other = new SObject("Task");
        other.setField("Subject", "Call back");
        other.setField("WhoId", JANE);
        SaveResult[] saved = connection.create(new SObject[] {task, other});

        assertThat(Arrays.stream(field(describe, "Status").getPicklistValues()).map(PicklistEntry::getValue))
                .containsExactly("Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred");
        assertThat(Arrays.stream(field(describe, "Priority").getPicklistValues()).map(PicklistEntry::getValue))
                .containsExactly("High", "Normal", "Low");
        assertThat(field(describe, "WhoId").getReferenceTo()).containsExactly("Contact", "Lead");
        assertThat(field(describe, "WhatId").getReferenceTo()).contains("Account", "Opportunity", "Case");
        assertThat(field(describe, "Description").isFilterable()).isFalse();
        assertThat(Arrays.stream(describe.getFields()).map(Field::getName))
                .contains("Subject", "ActivityDate", "IsReminderSet", "ReminderDateTime", "OwnerId", "Type");
        assertThat(saved).allMatch(SaveResult::isSuccess);
        QueryResult found = connection.query("SELECT Id, Subject, Description, WhoId, OwnerId FROM Task"
                + " WHERE WhoId IN ('" + JANE + "', '003Jx0000000002IAA') AND CreatedDate >= 2024-01-01T00:00:00Z"
                + " AND CreatedById = '" + INTEGRATION_USER.substring(0, 15) + "' AND Subject LIKE '[Journey]%'");
        assertThat(found.getSize()).isEqualTo(1);
        assertThat(found.getRecords()[0].getField("Id")).isEqualTo(saved[0].getId());
        assertThat((String) found.getRecords()[0].getField("Description")).startsWith("Evidence: ").hasSize(4010);
        assertThat(found.getRecords()[0].getField("OwnerId")).isEqualTo(INTEGRATION_USER);
        assertThatThrownBy(() -> connection.query("SELECT Id FROM Task WHERE Description LIKE 'Evidence%'"))
                .isInstanceOfSatisfying(InvalidFieldFault.class,
                        f -> assertThat(f.getExceptionMessage()).contains("can not be filtered"));
    }

    private static SObject finding(String key) {
        SObject s = new SObject("Journey_Finding__c");
        s.setField("Finding_Key__c", key);
        s.setField("Kind__c", "Pain point");
        s.setField("Rule__c", "slow-first-response");
        s.setField("Contact__c", JANE);
        return s;
    }

    private static Field field(DescribeSObjectResult d, String name) {
        return Arrays.stream(d.getFields()).filter(f -> f.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(d.getName() + " has no field " + name));
    }
}
