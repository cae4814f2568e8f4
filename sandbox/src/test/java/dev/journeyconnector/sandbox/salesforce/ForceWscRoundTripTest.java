package dev.journeyconnector.sandbox.salesforce;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.DeleteResult;
import com.sforce.soap.partner.DescribeGlobalResult;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.GetUserInfoResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.fault.LoginFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.SessionRenewer;
import com.sforce.ws.bind.XmlObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.xml.namespace.QName;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.journeyconnector.sandbox.salesforce.SimulatorFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The unmodified force-wsc client (force-partner-api 65.0.0) against the simulator. */
class ForceWscRoundTripTest {
    private SalesforceSimulator sim;

    @BeforeEach
    void start() {
        sim = SimulatorFixture.start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void clientCredentialsTokenServesAsSoapSessionForQueries() throws Exception {
        PartnerConnection connection = SimulatorFixture.connect(sim);

        QueryResult result = connection.query("SELECT Id, Name, Email, Account.Name FROM Contact ORDER BY Id");

        assertThat(result.getSize()).isEqualTo(2);
        assertThat(result.isDone()).isTrue();
        SObject jane = result.getRecords()[0];
        assertThat(jane.getType()).isEqualTo("Contact");
        assertThat(jane.getId()).isEqualTo("003Jx0000000001IAA");
        assertThat(jane.getField("Name")).isEqualTo("Jane Doe");
        XmlObject account = (XmlObject) jane.getField("Account");
        assertThat(account.getField("Name")).isEqualTo("Acme Corporation");
        assertThat(sim.counters().get("oauthToken")).isEqualTo(1);
        assertThat(sim.counters().get("query")).isEqualTo(1);
    }

    @Test
    void wrongClientSecretIsRefusedAsSalesforceDoes() {
        SimulatorFixture.Reply r = SimulatorFixture.token(sim,
                "grant_type=client_credentials&client_id=" + enc(sim.clientId()) + "&client_secret=wrong");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(r.json().get("error_description").asText()).isEqualTo("invalid client credentials");
    }

    @Test
    void jwtBearerTokenSignedWithRegisteredKeyWorks() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair keys = gen.generateKeyPair();
        sim.registerJwtKey(sim.clientId(), keys.getPublic());

        String jwt = jwt(keys, sim.clientId(), "agent@small.test", "https://login.salesforce.com", Instant.now().plusSeconds(180));
        SimulatorFixture.Reply r = SimulatorFixture.token(sim, "grant_type=" + enc(OAuthTokenEndpoint.JWT_BEARER) + "&assertion=" + jwt);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        ConnectorConfig config = new ConnectorConfig();
        config.setSessionId(r.json().get("access_token").asText());
        config.setServiceEndpoint(r.json().get("instance_url").asText() + "/services/Soap/u/65.0");
        GetUserInfoResult me = Connector.newConnection(config).getUserInfo();
        assertThat(me.getUserName()).isEqualTo("agent@small.test");
        assertThat(me.getOrganizationName()).isEqualTo("Small Test Org");
    }

    @Test
    void jwtSignedWithAnotherKeyOrExpiredIsRefused() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair registered = gen.generateKeyPair();
        KeyPair other = gen.generateKeyPair();
        sim.registerJwtKey(sim.clientId(), registered.getPublic());

        String forged = jwt(other, sim.clientId(), "agent@small.test", "https://login.salesforce.com", Instant.now().plusSeconds(180));
        String expired = jwt(registered, sim.clientId(), "agent@small.test", "https://login.salesforce.com", Instant.now().minusSeconds(5));

        assertThat(SimulatorFixture.token(sim, "grant_type=" + enc(OAuthTokenEndpoint.JWT_BEARER) + "&assertion=" + forged).json()
                .get("error").asText()).isEqualTo("invalid_grant");
        assertThat(SimulatorFixture.token(sim, "grant_type=" + enc(OAuthTokenEndpoint.JWT_BEARER) + "&assertion=" + expired).status())
                .isEqualTo(400);
    }

    @Test
    void soapLoginWorksAtApi64AndIsRefusedFrom65() throws Exception {
        ConnectorConfig at64 = new ConnectorConfig();
        at64.setUsername("integration@small.test");
        at64.setPassword("pass1234TOKEN42");
        at64.setAuthEndpoint(sim.url() + "/services/Soap/u/64.0");
        PartnerConnection connection = Connector.newConnection(at64);
        assertThat(connection.getConfig().getServiceEndpoint()).isEqualTo(sim.url() + "/services/Soap/u/64.0/00DJx0000000042");
        assertThat(connection.query("SELECT Id FROM Account").getSize()).isEqualTo(2);
        assertThat(connection.getConfig().getSessionId()).startsWith("00DJx0000000042!");

        ConnectorConfig at65 = new ConnectorConfig();
        at65.setUsername("integration@small.test");
        at65.setPassword("pass1234TOKEN42");
        at65.setAuthEndpoint(sim.url() + "/services/Soap/u/65.0");
        assertThatThrownBy(() -> Connector.newConnection(at65))
                .isInstanceOfSatisfying(ApiFault.class, f -> {
                    assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_OPERATION);
                    assertThat(f.getExceptionMessage()).contains("65.0");
                });
    }

    @Test
    void soapLoginWithWrongPasswordIsInvalidLogin() {
        ConnectorConfig config = new ConnectorConfig();
        config.setUsername("integration@small.test");
        config.setPassword("pass1234");
        config.setAuthEndpoint(sim.url() + "/services/Soap/u/64.0");

        assertThatThrownBy(() -> Connector.newConnection(config))
                .isInstanceOfSatisfying(LoginFault.class, f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_LOGIN));
    }

    @Test
    void queryOf4500ContactsWithBatch2000CostsOneQueryAndTwoQueryMore() throws Exception {
        List<IncomingRecord> contacts = new ArrayList<>();
        for (int i = 0; i < 4498; i++) {
            contacts.add(new IncomingRecord("Contact", null, new java.util.LinkedHashMap<>(java.util.Map.of("LastName", "Bulk " + i)), null));
        }
        assertThat(sim.org().create(contacts, null)).allMatch(SaveOutcome::success);
        PartnerConnection connection = SimulatorFixture.connect(sim);
        connection.setQueryOptions(2000);

        Set<String> ids = new HashSet<>();
        int fetched = 0;
        QueryResult page = connection.query("SELECT Id, LastName FROM Contact");
        assertThat(page.getSize()).isEqualTo(4500);
        while (true) {
            for (SObject s : page.getRecords()) {
                ids.add(s.getId());
                fetched++;
            }
            if (page.isDone()) {
                break;
            }
            assertThat(page.getQueryLocator()).startsWith("01g");
            page = connection.queryMore(page.getQueryLocator());
        }

        assertThat(fetched).isEqualTo(4500);
        assertThat(ids).hasSize(4500);
        assertThat(sim.counters().get("query")).isEqualTo(1);
        assertThat(sim.counters().get("queryMore")).isEqualTo(2);
    }

    @Test
    void creating450TasksInChunksOf200CostsThreeCreateCalls() throws Exception {
        PartnerConnection connection = SimulatorFixture.connect(sim);
        List<SObject> tasks = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            SObject t = new SObject("Task");
            t.setField("Subject", "Call " + i);
            t.setField("WhoId", "003Jx0000000001IAA");
            tasks.add(t);
        }

        int created = 0;
        for (int from = 0; from < tasks.size(); from += 200) {
            SaveResult[] results = connection.create(tasks.subList(from, Math.min(tasks.size(), from + 200)).toArray(new SObject[0]));
            created += (int) Arrays.stream(results).filter(SaveResult::isSuccess).count();
        }

        assertThat(created).isEqualTo(450);
        assertThat(sim.counters().get("create")).isEqualTo(3);
        assertThat(sim.org().count("Task")).isEqualTo(450);
        SObject first = connection.query("SELECT Id, Status, Priority, IsClosed, OwnerId FROM Task").getRecords()[0];
        assertThat(first.getField("Status")).isEqualTo("Not Started");
        assertThat(first.getField("Priority")).isEqualTo("Normal");
        assertThat(first.getField("IsClosed")).isEqualTo("false");
        assertThat(first.getField("OwnerId")).isEqualTo("005Jx0000000001IAA");
    }

    @Test
    void moreThan200RecordsInOneCallIsRefused() {
        PartnerConnection connection = SimulatorFixture.connect(sim);
        SObject[] tasks = new SObject[201];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = new SObject("Task");
            tasks[i].setField("Subject", "Too many " + i);
        }

        assertThatThrownBy(() -> connection.create(tasks))
                .isInstanceOfSatisfying(ApiFault.class, f -> {
                    assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.EXCEEDED_ID_LIMIT);
                    assertThat(f.getExceptionMessage()).contains("cannot submit more than 200 records");
                });
        assertThat(sim.org().count("Task")).isZero();
    }

    @Test
    void sessionExpiringMidRunIsRenewedOnceThroughTheSessionRenewer() throws Exception {
        ConnectorConfig config = SimulatorFixture.oauthConfig(sim);
        PartnerConnection[] holder = new PartnerConnection[1];
        config.setSessionRenewer(renewing -> {
            ConnectorConfig fresh = SimulatorFixture.oauthConfig(sim);
            renewing.setSessionId(fresh.getSessionId());
            // force-wsc puts the returned header on the retried request only; later calls use the
            // connection's own SessionHeader, so the renewer updates that too.
            holder[0].setSessionHeader(fresh.getSessionId());
            SessionRenewer.SessionRenewalHeader header = new SessionRenewer.SessionRenewalHeader();
            header.name = new QName("urn:partner.soap.sforce.com", "SessionHeader");
            com.sforce.soap.partner.SessionHeader_element element = new com.sforce.soap.partner.SessionHeader_element();
            element.setSessionId(fresh.getSessionId());
            header.headerElement = element;
            return header;
        });
        PartnerConnection connection = Connector.newConnection(config);
        holder[0] = connection;
        long tokensBefore = sim.counters().get("oauthToken");
        sim.expireSessionsAfter(2);

        int created = 0;
        for (int call = 0; call < 4; call++) {
            SObject task = new SObject("Task");
            task.setField("Subject", "Run step " + call);
            created += connection.create(new SObject[] {task})[0].isSuccess() ? 1 : 0;
        }

        assertThat(created).isEqualTo(4);
        assertThat(sim.counters().get("oauthToken") - tokensBefore).isEqualTo(1);
        assertThat(sim.org().count("Task")).isEqualTo(4);
    }

    @Test
    void perRecordErrorsFailOnlyTheirRecords() throws Exception {
        PartnerConnection connection = SimulatorFixture.connect(sim);
        SObject deleted = new SObject("Account");
        deleted.setField("Name", "Short lived");
        String deletedId = connection.create(new SObject[] {deleted})[0].getId();
        assertThat(connection.delete(new String[] {deletedId})[0].isSuccess()).isTrue();
        sim.lockRecords(List.of("001Jx0000000002"));

        SObject ok = contact("Valid", "001Jx0000000001IAA");
        SObject noLastName = new SObject("Contact");
        noLastName.setField("FirstName", "Nameless");
        SObject badStatus = new SObject("Lead");
        badStatus.setField("LastName", "Lee");
        badStatus.setField("Company", "Initech");
        badStatus.setField("Status", "Maybe");
        SObject badId = contact("Bad Id", "not-an-id");
        SObject deletedParent = contact("Orphan", deletedId);
        SObject lockedParent = contact("Waiting", "001Jx0000000002IAA");

        SaveResult[] r = connection.create(new SObject[] {ok, noLastName, badStatus, badId, deletedParent, lockedParent});

        assertThat(r[0].isSuccess()).isTrue();
        assertThat(r[1].getErrors()[0].getStatusCode().name()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(r[1].getErrors()[0].getFields()).containsExactly("LastName");
        assertThat(r[2].getErrors()[0].getStatusCode().name()).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(r[2].getErrors()[0].getMessage()).isEqualTo("bad value for restricted picklist field: Maybe");
        assertThat(r[3].getErrors()[0].getStatusCode().name()).isEqualTo("MALFORMED_ID");
        assertThat(r[3].getErrors()[0].getMessage()).isEqualTo("Account ID: id value of incorrect type: not-an-id");
        assertThat(r[4].getErrors()[0].getStatusCode().name()).isEqualTo("ENTITY_IS_DELETED");
        assertThat(r[5].getErrors()[0].getStatusCode().name()).isEqualTo("UNABLE_TO_LOCK_ROW");
        assertThat(r[5].getErrors()[0].getMessage()).isEqualTo("unable to obtain exclusive access to this record or 1 records");
        assertThat(Arrays.stream(r).skip(1)).noneMatch(SaveResult::isSuccess);

        SObject lockedUpdate = new SObject("Account");
        lockedUpdate.setId("001Jx0000000002IAA");
        lockedUpdate.setField("Phone", "+49 30 1234");
        SObject freeUpdate = new SObject("Account");
        freeUpdate.setId("001Jx0000000001IAA");
        freeUpdate.setField("Phone", "+49 30 5678");
        SaveResult[] updates = connection.update(new SObject[] {lockedUpdate, freeUpdate});
        assertThat(updates[0].getErrors()[0].getStatusCode().name()).isEqualTo("UNABLE_TO_LOCK_ROW");
        assertThat(updates[1].isSuccess()).isTrue();
    }

    @Test
    void notWritableAndTooLongValuesAreRejectedWithSalesforceCodes() throws Exception {
        PartnerConnection connection = SimulatorFixture.connect(sim);
        SObject calculated = contact("Calc", null);
        calculated.setField("Name", "Cannot set");
        SObject tooLong = contact("x".repeat(81), null);

        SaveResult[] r = connection.create(new SObject[] {calculated, tooLong});

        assertThat(r[0].getErrors()[0].getStatusCode().name()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(r[0].getErrors()[0].getFields()).containsExactly("Name");
        assertThat(r[1].getErrors()[0].getStatusCode().name()).isEqualTo("STRING_TOO_LONG");
    }

    @Test
    void updateHonoursFieldsToNullAndUpsertMatchesOnIdLookupField() throws Exception {
        PartnerConnection connection = SimulatorFixture.connect(sim);
        SObject change = new SObject("Contact");
        change.setId("003Jx0000000001IAA");
        change.setField("Title", "CTO");
        change.setFieldsToNull(new String[] {"Email"});
        assertThat(connection.update(new SObject[] {change})[0].isSuccess()).isTrue();

        SObject existing = new SObject("Contact");
        existing.setField("Email", "john@globex.test");
        existing.setField("LastName", "Roe");
        existing.setField("Title", "Buyer");
        SObject fresh = new SObject("Contact");
        fresh.setField("Email", "new@globex.test");
        fresh.setField("LastName", "New");
        UpsertResult[] r = connection.upsert("Email", new SObject[] {existing, fresh});

        assertThat(r[0].isSuccess()).isTrue();
        assertThat(r[0].isCreated()).isFalse();
        assertThat(r[1].isCreated()).isTrue();
        assertThat(sim.org().rowById("003Jx0000000001").orElseThrow())
                .containsEntry("Title", "CTO").containsEntry("Email", null);
        assertThat(sim.org().rowById(r[0].getId()).orElseThrow()).containsEntry("Title", "Buyer");
    }

    @Test
    void deletedRecordsAreSeenByQueryAllOnly() throws Exception {
        PartnerConnection connection = SimulatorFixture.connect(sim);
        DeleteResult[] r = connection.delete(new String[] {"003Jx0000000001IAA", "bogus"});

        assertThat(r[0].isSuccess()).isTrue();
        assertThat(r[1].getErrors()[0].getStatusCode().name()).isEqualTo("MALFORMED_ID");
        assertThat(connection.query("SELECT COUNT() FROM Contact").getSize()).isEqualTo(1);
        QueryResult all = connection.queryAll("SELECT Id, IsDeleted FROM Contact ORDER BY Id");
        assertThat(all.getSize()).isEqualTo(2);
        assertThat(all.getRecords()[0].getField("IsDeleted")).isEqualTo("true");
    }

    @Test
    void describeCallsBindInForceWsc() throws Exception {
        PartnerConnection connection = SimulatorFixture.connect(sim);

        DescribeSObjectResult lead = connection.describeSObject("Lead");
        DescribeGlobalResult global = connection.describeGlobal();
        DescribeSObjectResult[] both = connection.describeSObjects(new String[] {"Task", "Case"});

        assertThat(lead.getKeyPrefix()).isEqualTo("00Q");
        Field status = Arrays.stream(lead.getFields()).filter(f -> f.getName().equals("Status")).findFirst().orElseThrow();
        assertThat(status.isRestrictedPicklist()).isTrue();
        assertThat(Arrays.stream(status.getPicklistValues()).filter(p -> p.isDefaultValue()).map(p -> p.getValue()))
                .containsExactly("Open - Not Contacted");
        Field whoId = Arrays.stream(both[0].getFields()).filter(f -> f.getName().equals("WhoId")).findFirst().orElseThrow();
        assertThat(whoId.getReferenceTo()).containsExactly("Contact", "Lead");
        assertThat(whoId.getRelationshipName()).isEqualTo("Who");
        assertThat(Arrays.stream(global.getSobjects()).map(s -> s.getName())).contains("Account", "CaseComment", "OpportunityHistory");
        assertThat(connection.getServerTimestamp().getTimestamp()).isNotNull();
        assertThatThrownBy(() -> connection.describeSObject("Nope__c")).isInstanceOf(ApiFault.class);
    }

    @Test
    void dailyAllocationUsedUpGivesRequestLimitExceeded() throws Exception {
        PartnerConnection connection = SimulatorFixture.connect(sim);
        sim.setDailyApiRequests(sim.apiUsageToday() + 1);
        connection.getServerTimestamp();

        assertThatThrownBy(connection::getServerTimestamp)
                .isInstanceOfSatisfying(ApiFault.class, f -> {
                    assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.REQUEST_LIMIT_EXCEEDED);
                    assertThat(f.getExceptionMessage()).isEqualTo("TotalRequests Limit exceeded.");
                });
    }

    @Test
    void concurrentLimitFaultIsInjectedOnDemand() throws Exception {
        PartnerConnection connection = SimulatorFixture.connect(sim);
        sim.failNextCallsWithConcurrentLimit(1);

        assertThatThrownBy(connection::getServerTimestamp)
                .isInstanceOfSatisfying(ApiFault.class, f -> assertThat(f.getExceptionMessage()).contains("ConcurrentPerOrgLongTxn"));
        assertThat(connection.getServerTimestamp()).isNotNull();
    }

    @Test
    void addedLatencyAndDroppedConnectionsAreObservable() throws Exception {
        PartnerConnection connection = SimulatorFixture.connect(sim);
        sim.setLatency(java.time.Duration.ofMillis(300));
        long t0 = System.nanoTime();
        connection.getServerTimestamp();
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
        sim.setLatency(java.time.Duration.ZERO);

        // Two, because the JDK's HttpURLConnection (force-wsc's transport) silently retries a POST once when the
        // connection is reset (sun.net.http.retryPost defaults to true).
        sim.dropNextConnections(2);
        assertThatThrownBy(connection::getServerTimestamp).isInstanceOf(ConnectionException.class)
                .isNotInstanceOf(ApiFault.class);
        assertThat(connection.getServerTimestamp()).isNotNull();
    }

    @Test
    void latencyForOneOperationDelaysOnlyItsResponsesAndComesAfterTheRecordsAreSaved() throws Exception {
        PartnerConnection connection = SimulatorFixture.connect(sim);
        sim.setLatency(java.time.Duration.ofSeconds(3), Set.of("create"));

        long t0 = System.nanoTime();
        connection.getServerTimestamp();
        assertThat(SimulatorFixture.connect(sim).getServerTimestamp()).as("a login (OAuth) on the way").isNotNull();
        assertThat((System.nanoTime() - t0) / 1_000_000).as("an operation without latency").isLessThan(2_000);

        SObject task = new SObject("Task");
        task.setField("Subject", "Call back");
        task.setField("WhoId", "003Jx0000000001IAA");
        java.util.concurrent.CompletableFuture<SaveResult[]> call = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return connection.create(new SObject[] {task});
            } catch (ConnectionException e) {
                throw new IllegalStateException(e);
            }
        });
        Instant deadline = Instant.now().plusSeconds(2);
        while (sim.org().count("Task") == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        // Saved while the caller still waits for the answer: a client killed now leaves the record in the org.
        assertThat(sim.org().count("Task")).isEqualTo(1);
        assertThat(call).isNotDone();
        assertThat(call.get(10, java.util.concurrent.TimeUnit.SECONDS)).allMatch(SaveResult::isSuccess);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(3_000);
    }

    @Test
    void unknownSessionIsInvalidSessionIdWithTheTextForceWscRenewsOn() throws Exception {
        ConnectorConfig config = new ConnectorConfig();
        config.setSessionId("00DJx0000000042!not-a-session");
        config.setServiceEndpoint(sim.url() + "/services/Soap/u/65.0");
        PartnerConnection connection = Connector.newConnection(config);

        assertThatThrownBy(connection::getUserInfo).isInstanceOfSatisfying(ApiFault.class, f -> {
            assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_SESSION_ID);
            assertThat(f.getExceptionMessage()).contains("Illegal Session");
        });
    }

    private static SObject contact(String lastName, String accountId) {
        SObject c = new SObject("Contact");
        c.setField("LastName", lastName);
        if (accountId != null) {
            c.setField("AccountId", accountId);
        }
        return c;
    }

    private static String jwt(KeyPair keys, String iss, String sub, String aud, Instant exp) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud
                + "\",\"exp\":" + exp.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(signer.sign());
    }
}
