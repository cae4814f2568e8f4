package dev.journeyconnector.sandbox.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A bare JDK HTTP client speaking to the simulator as a Mailchimp client would (HTTP Basic, any user). */
final class MailchimpClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final MailchimpSimulator sim;
    private final String key;

    MailchimpClient(MailchimpSimulator sim) {
        this(sim, sim.apiKey());
    }

    MailchimpClient(MailchimpSimulator sim, String key) {
        this.sim = sim;
        this.key = key;
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(sim.apiUrl() + pathAndQuery))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("anystring:" + key)
                        .getBytes(StandardCharsets.UTF_8))));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(String pathAndQuery) {
        HttpResponse<String> r = get(pathAndQuery);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " → " + r.statusCode() + " " + r.body());
        }
        return parse(r.body());
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
