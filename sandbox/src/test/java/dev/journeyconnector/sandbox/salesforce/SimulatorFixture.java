package dev.journeyconnector.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import dev.journeyconnector.sandbox.world.World;
import dev.journeyconnector.sandbox.world.WorldLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Starts a simulator on the small test world and connects the real force-wsc client to it. */
final class SimulatorFixture {
    static final String API_VERSION = "65.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SimulatorFixture() {
    }

    static World smallWorld() {
        return WorldLoader.fromClasspath("worlds/small");
    }

    static SalesforceSimulator start() {
        return start(null, false);
    }

    static SalesforceSimulator start(Path dataDir, boolean reset) {
        return SalesforceSimulator.builder(smallWorld()).dataDir(dataDir).reset(reset).queryEngine(FakeSoqlExecutor::new).start();
    }

    /** POSTs a form to the token endpoint; returns status and parsed JSON. */
    static Reply token(SalesforceSimulator sim, String form) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.url() + "/services/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, JsonNode json) {
    }

    static String clientCredentialsForm(SalesforceSimulator sim) {
        return "grant_type=client_credentials&client_id=" + enc(sim.clientId()) + "&client_secret=" + enc(sim.clientSecret());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A client-credentials token handed to force-wsc as the session, the way the connector uses it at API 65.0. */
    static ConnectorConfig oauthConfig(SalesforceSimulator sim) {
        Reply r = token(sim, clientCredentialsForm(sim));
        if (r.status() != 200) {
            throw new IllegalStateException("token request failed: " + r.json());
        }
        ConnectorConfig config = new ConnectorConfig();
        config.setSessionId(r.json().get("access_token").asText());
        config.setServiceEndpoint(r.json().get("instance_url").asText() + "/services/Soap/u/" + API_VERSION);
        return config;
    }

    static PartnerConnection connect(SalesforceSimulator sim) {
        try {
            return Connector.newConnection(oauthConfig(sim));
        } catch (ConnectionException e) {
            throw new IllegalStateException(e);
        }
    }
}
