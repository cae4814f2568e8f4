package dev.journeyconnector.salesforce.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Locale;

/**
 * OAuth 2.0 JWT bearer and client credentials against {@code loginUrl + /services/oauth2/token}
 * (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm,
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm).
 * The access token becomes the SOAP session id, {@code instance_url} the Partner API host.
 */
final class OAuthTokenAuthenticator implements SalesforceAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthTokenAuthenticator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SalesforceClientSettings settings;
    private final OkHttpClient http;
    private final Redactor redactor;
    private final Clock clock;
    private PrivateKey jwtKey;

    OAuthTokenAuthenticator(SalesforceClientSettings settings) {
        this(settings, Clock.systemUTC());
    }

    OAuthTokenAuthenticator(SalesforceClientSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.redactor = new Redactor(settings);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.connectTimeout().plus(settings.readTimeout()))
                // A redirect would carry the assertion or client secret to a host we never checked.
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    String tokenEndpoint() {
        return settings.loginBase() + "/services/oauth2/token";
    }

    @Override
    public SalesforceSession authenticate() {
        Request request = new Request.Builder()
                .url(tokenEndpoint())
                .header("Accept", "application/json")
                .post(form())
                .build();
        try (Response response = http.newCall(request).execute()) {
            JsonNode body = readJson(response.body());
            if (!response.isSuccessful()) {
                throw failure(response.code(), body);
            }
            return session(body);
        } catch (IOException e) {
            throw new SalesforceException(FailureKind.RETRYABLE, "IO",
                    "Salesforce token endpoint " + tokenEndpoint() + " could not be reached: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + redactor.scrub(e.getMessage())), e);
        }
    }

    private FormBody form() {
        FormBody.Builder form = new FormBody.Builder();
        if (settings.flow() == AuthFlow.JWT_BEARER) {
            form.add("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            form.add("assertion", JwtAssertion.create(settings.clientId(), settings.username(), settings.loginBase(),
                    jwtKey(), clock));
        } else {
            form.add("grant_type", "client_credentials");
            form.add("client_id", settings.clientId());
            form.add("client_secret", settings.clientSecret());
        }
        return form.build();
    }

    private PrivateKey jwtKey() {
        if (jwtKey == null) {
            jwtKey = JwtAssertion.readPrivateKey(settings.jwtPrivateKeyFile());
        }
        return jwtKey;
    }

    private SalesforceSession session(JsonNode body) {
        String token = body == null ? null : text(body, "access_token");
        String instanceUrl = body == null ? null : text(body, "instance_url");
        if (token == null || instanceUrl == null) {
            throw new SalesforceException(FailureKind.AUTH, "INVALID_TOKEN_RESPONSE",
                    "Salesforce token endpoint " + tokenEndpoint() + " answered without access_token or instance_url; check loginUrl");
        }
        URI instance;
        try {
            instance = URI.create(instanceUrl.endsWith("/") ? instanceUrl.substring(0, instanceUrl.length() - 1) : instanceUrl);
        } catch (IllegalArgumentException e) {
            throw new SalesforceException(FailureKind.AUTH, "INVALID_TOKEN_RESPONSE", "instance_url from the token endpoint is not a URL");
        }
        SalesforceHosts.problem("instance_url returned by the token endpoint", instance, settings.allowNonSalesforceHosts())
                .ifPresent(problem -> {
                    throw new SalesforceException(FailureKind.AUTH, "UNTRUSTED_INSTANCE_URL", problem);
                });
        LOG.debug("Obtained a Salesforce access token by {} for instance {}", settings.flow(), instance.getHost());
        return new SalesforceSession(token, instance + ForceConfigs.soapPath(settings));
    }

    private SalesforceException failure(int status, JsonNode body) {
        String error = body == null ? null : text(body, "error");
        String description = body == null ? null : text(body, "error_description");
        if (error == null) {
            FailureKind kind = SalesforceFailures.classifyHttpStatus(status);
            return new SalesforceException(kind, "HTTP_" + status, "Salesforce token endpoint " + tokenEndpoint()
                    + " answered HTTP " + status + " without an OAuth error; check loginUrl");
        }
        FailureKind kind = status >= 500 || status == 429 ? SalesforceFailures.classifyHttpStatus(status)
                : oauthKind(error);
        return new SalesforceException(kind, error, "Salesforce refused the " + settings.flow() + " token request: "
                + redactor.scrub(error) + (description == null ? "" : " (" + redactor.scrub(description) + ")")
                + "; " + hint(error, description == null ? "" : description.toLowerCase(Locale.ROOT)));
    }

    /** Any OAuth refusal we do not know is still a credentials/configuration problem, not a data problem. */
    private static FailureKind oauthKind(String error) {
        FailureKind kind = SalesforceFailures.classify(error, null);
        return kind == FailureKind.PERMANENT ? FailureKind.AUTH : kind;
    }

    /** Names the setting most likely at fault for the error texts Salesforce documents. */
    private String hint(String error, String description) {
        boolean jwt = settings.flow() == AuthFlow.JWT_BEARER;
        if (error.startsWith("invalid_client")) {
            if (description.contains("secret") || description.contains("credentials")) {
                return "check clientSecret (the connected app's consumer secret)";
            }
            return "check clientId (the connected app's consumer key)";
        }
        if (error.equals("unsupported_grant_type")) {
            return jwt ? "check that the connected app allows the JWT bearer flow"
                    : "check that the connected app enables the client credentials flow and that loginUrl is the org's My Domain";
        }
        if (error.equals("invalid_grant")) {
            if (description.contains("audience")) {
                return "check loginUrl (it is used as the JWT audience: login.salesforce.com, test.salesforce.com or the My Domain)";
            }
            if (description.contains("approved") || description.contains("pre-authorized") || description.contains("preauthorized")) {
                return "check username and that the user's profile or permission set is pre-authorised for the connected app";
            }
            if (description.contains("assertion") || description.contains("signature")) {
                return "check jwtPrivateKeyFile (it must match the certificate uploaded to the connected app)";
            }
            if (description.contains("client credentials") || description.contains("run as") || description.contains("user")) {
                return jwt ? "check username (an active user of this org)"
                        : "check the connected app's client credentials \"Run As\" user";
            }
            if (description.contains("domain")) {
                return "check loginUrl (client credentials needs the org's My Domain URL)";
            }
            return jwt ? "check username, loginUrl and jwtPrivateKeyFile" : "check clientId, clientSecret and loginUrl (My Domain)";
        }
        return "check the connected app and loginUrl";
    }

    /** The body as JSON, or null when it is not JSON (an HTML error page, say); read failures propagate. */
    private static JsonNode readJson(ResponseBody body) throws IOException {
        if (body == null) {
            return null;
        }
        String text = body.string();
        try {
            return text.isBlank() ? null : JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }
}
