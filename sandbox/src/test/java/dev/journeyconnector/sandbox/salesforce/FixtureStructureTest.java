package dev.journeyconnector.sandbox.salesforce;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's responses have the element structure (names, namespaces, nesting; values and repeated
 * records ignored) of real Salesforce responses recorded by other projects (fixtures/salesforce, see SOURCES.md).
 */
class FixtureStructureTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private SalesforceSimulator sim;
    private String session;

    @BeforeEach
    void start() {
        sim = SimulatorFixture.start();
        session = SimulatorFixture.token(sim, SimulatorFixture.clientCredentialsForm(sim)).json().get("access_token").asText();
        List<IncomingRecord> opportunities = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            opportunities.add(new IncomingRecord("Opportunity", null,
                    Map.of("Name", "Opportunity " + i, "StageName", "Prospecting", "CloseDate", "2025-06-30"), null));
        }
        sim.org().create(opportunities, null);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void queryResponseMatchesRealQueryWithLimitInfoHeader() throws Exception {
        String response = call("<m:query><m:queryString>SELECT Id, Name FROM Contact</m:queryString></m:query>", false);

        assertThat(structure(response)).isEqualTo(structure(fixture("www-salesforce_query_response_limitinfo.xml")));
    }

    @Test
    void queryQueryAllAndQueryMoreBodiesMatchRealOnes() throws Exception {
        String query = call("<m:query><m:queryString>SELECT Id, Name, StageName FROM Opportunity</m:queryString></m:query>", false);
        String queryAll = call("<m:queryAll><m:queryString>SELECT Id, Name, StageName FROM Opportunity</m:queryString></m:queryAll>", false);
        String locator = query.replaceAll("(?s).*<queryLocator>([^<]+)</queryLocator>.*", "$1");
        String queryMore = call("<m:queryMore><m:queryLocator>" + locator + "</m:queryLocator></m:queryMore>", false);

        assertThat(bodyStructure(query)).isEqualTo(bodyStructure(fixture("soapforce_query_response.xml")));
        assertThat(bodyStructure(queryAll)).isEqualTo(bodyStructure(fixture("soapforce_query_all_response.xml")));
        assertThat(bodyStructure(queryMore)).isEqualTo(bodyStructure(fixture("soapforce_query_more_response.xml")));
    }

    @Test
    void saveResultsMatchRealCreateUpdateUpsertAndDeleteResults() throws Exception {
        String created = call("<m:create><m:sObjects><s:type>Account</s:type><s:Name>New</s:Name></m:sObjects></m:create>", true);
        String createFailed = call("<m:create><m:sObjects><s:type>Contact</s:type><s:FirstName>No last name</s:FirstName></m:sObjects></m:create>", false);
        String updated = call("<m:update><m:sObjects><s:type>Account</s:type><s:Id>001Jx0000000001IAA</s:Id><s:Phone>1</s:Phone></m:sObjects></m:update>", false);
        String updateFailed = call("<m:update><m:sObjects><s:type>Account</s:type><s:Id>001Jx0000000099</s:Id><s:Phone>1</s:Phone></m:sObjects></m:update>", false);
        String upserted = call("<m:upsert><m:externalIDFieldName>Email</m:externalIDFieldName>"
                + "<m:sObjects><s:type>Contact</s:type><s:Email>new@x.test</s:Email><s:LastName>New</s:LastName></m:sObjects>"
                + "<m:sObjects><s:type>Contact</s:type><s:Email>jane@acme.test</s:Email><s:LastName>Doe</s:LastName></m:sObjects></m:upsert>", false);
        String deleteFailed = call("<m:delete><m:ids>006i000004DAKd</m:ids></m:delete>", false);

        assertThat(bodyStructure(created)).isEqualTo(bodyStructure(fixture("soapforce_create_response.xml")));
        assertThat(structure(createFailed)).isEqualTo(structure(fixture("cumulusci_create_field_error_with_limitinfo.xml")));
        assertThat(bodyStructure(updated)).isEqualTo(bodyStructure(fixture("soapforce_update_response.xml")));
        assertThat(bodyStructure(updateFailed)).isEqualTo(bodyStructure(fixture("soapforce_update_response_failure.xml")));
        assertThat(bodyStructure(upserted)).isEqualTo(bodyStructure(fixture("soapforce_upsert_response.xml")));
        assertThat(bodyStructure(deleteFailed)).isEqualTo(bodyStructure(fixture("soapforce_delete_response_failure.xml")));
    }

    @Test
    void faultsMatchRealInvalidSessionAndInvalidFieldFaults() throws Exception {
        String invalidSession = post("/services/Soap/u/65.0", envelope("00DJx0000000042!expired",
                "<m:getUserInfo/>"), false, 500);
        String invalidField = call("<m:query><m:queryString>select adfId, Name from Contact</m:queryString></m:query>", false, 500);

        assertThat(structure(invalidSession)).isEqualTo(structure(fixture("cumulusci_invalid_session_fault.xml")));
        assertThat(structure(invalidField)).isEqualTo(structure(fixture("www-salesforce_invalid_field_fault.xml")));
    }

    @Test
    void loginResponseHasEveryElementOfTheRealOnePlusTheTwoAddedSinceApi28() throws Exception {
        String login = post("/services/Soap/u/64.0", envelope(null, "<m:login><m:username>integration@small.test</m:username>"
                + "<m:password>pass1234TOKEN42</m:password></m:login>"), false, 200);

        Set<String> real = bodyStructure(fixture("soapforce_login_response.xml"));
        Set<String> ours = bodyStructure(login);
        assertThat(ours).containsAll(real);
        Set<String> added = new TreeSet<>(ours);
        added.removeAll(real);
        // GetUserInfoResult gained chatterExternal and orgDefaultCurrencyLocale after v28 (the fixture's version);
        // force-partner-api 65 requires both.
        assertThat(added).containsExactlyInAnyOrder(
                "{urn:partner.soap.sforce.com}loginResponse/{urn:partner.soap.sforce.com}result/{urn:partner.soap.sforce.com}userInfo/{urn:partner.soap.sforce.com}chatterExternal",
                "{urn:partner.soap.sforce.com}loginResponse/{urn:partner.soap.sforce.com}result/{urn:partner.soap.sforce.com}userInfo/{urn:partner.soap.sforce.com}orgDefaultCurrencyLocale");
    }

    private String call(String operation, boolean gzip) throws Exception {
        return call(operation, gzip, 200);
    }

    private String call(String operation, boolean gzip, int expectedStatus) throws Exception {
        return post("/services/Soap/u/65.0/00DJx0000000042", envelope(session, operation), gzip, expectedStatus);
    }

    private static String envelope(String sessionId, String operation) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:m=\"urn:partner.soap.sforce.com\" xmlns:s=\"urn:sobject.partner.soap.sforce.com\"><env:Header>"
                + (sessionId == null ? "" : "<m:SessionHeader><m:sessionId>" + sessionId + "</m:sessionId></m:SessionHeader>")
                + "<m:QueryOptions><m:batchSize>200</m:batchSize></m:QueryOptions>"
                + "</env:Header><env:Body>" + operation + "</env:Body></env:Envelope>";
    }

    private String post(String path, String xml, boolean gzip, int expectedStatus) throws Exception {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.url() + path))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"\"");
        if (gzip) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
                out.write(body);
            }
            body = zipped.toByteArray();
            b.header("Content-Encoding", "gzip");
        }
        HttpResponse<String> r = HTTP.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        return r.body();
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = FixtureStructureTest.class.getResourceAsStream("/fixtures/salesforce/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every element path ({ns}name/...) of the whole envelope. */
    private static Set<String> structure(String xml) throws Exception {
        Set<String> paths = new TreeSet<>();
        collect(parse(xml), "", paths);
        return paths;
    }

    /** Element paths below soapenv:Body, so samples recorded without a header compare too. */
    private static Set<String> bodyStructure(String xml) throws Exception {
        Element envelope = parse(xml);
        Set<String> paths = new TreeSet<>();
        for (Node n = envelope.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals("Body")) {
                for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element op) {
                        collect(op, "", paths);
                    }
                }
            }
        }
        return paths;
    }

    private static void collect(Element e, String parent, Set<String> paths) {
        String path = (parent.isEmpty() ? "" : parent + "/") + "{" + e.getNamespaceURI() + "}" + e.getLocalName();
        paths.add(path);
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                collect(child, path, paths);
            }
        }
    }

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }
}
