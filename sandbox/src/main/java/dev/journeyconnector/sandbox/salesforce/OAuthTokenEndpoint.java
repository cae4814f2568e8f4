package dev.journeyconnector.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@code POST /services/oauth2/token}: the OAuth 2.0 client credentials flow and the JWT bearer flow
 * (RFC 7523) as Salesforce implements them
 * (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm). Errors are HTTP 400
 * with {@code {"error", "error_description"}} in Salesforce's wording.
 */
final class OAuthTokenEndpoint {
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STANDARD_AUDIENCES = Set.of("https://login.salesforce.com", "https://test.salesforce.com");

    private final String clientId;
    private final String clientSecret;
    private final Map<String, PublicKey> jwtKeys = new ConcurrentHashMap<>();
    private final Clock clock;

    OAuthTokenEndpoint(String clientId, String clientSecret, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    /** Registers the certificate's public key of a connected app, as uploaded in its "Use digital signatures" setting. */
    void registerJwtKey(String forClientId, PublicKey key) {
        jwtKeys.put(forClientId, key);
    }

    /** The outcome: HTTP status and JSON body. */
    record Reply(int status, String json) {
    }

    /**
     * @param formBody     the form-encoded request body
     * @param baseUrl      the simulator's URL (instance_url and an accepted JWT audience)
     * @param userByName   active user row by Username
     * @param runAsUser    the user id the client-credentials flow runs as
     * @param openSession  opens a session for a user id and returns the access token
     */
    Reply handle(String formBody, String baseUrl, Function<String, Optional<Map<String, Object>>> userByName,
                 String runAsUser, Function<String, String> openSession, String organizationId) {
        Map<String, String> form = parseForm(formBody);
        String grant = form.get("grant_type");
        String userId;
        if ("client_credentials".equals(grant)) {
            if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
                return error("invalid_client", "invalid client credentials");
            }
            if (runAsUser == null) {
                return error("invalid_grant", "no client credentials user enabled");
            }
            userId = runAsUser;
        } else if (JWT_BEARER.equals(grant)) {
            String assertion = form.get("assertion");
            if (assertion == null) {
                return error("invalid_request", "assertion parameter missing");
            }
            JsonNode claims;
            try {
                claims = verifiedClaims(assertion);
            } catch (InvalidJwt e) {
                return error(e.error, e.getMessage());
            }
            String aud = claims.path("aud").asText("");
            if (!STANDARD_AUDIENCES.contains(aud) && !aud.equals(baseUrl)) {
                return error("invalid_grant", "audience is invalid");
            }
            if (claims.path("exp").asLong(0) <= clock.instant().getEpochSecond()) {
                return error("invalid_grant", "expired authorization code");
            }
            Optional<Map<String, Object>> user = userByName.apply(claims.path("sub").asText(""));
            if (user.isEmpty()) {
                return error("invalid_grant", "user hasn't approved this consumer");
            }
            userId = (String) user.get().get("Id");
        } else {
            return error("unsupported_grant_type", "grant type not supported");
        }
        String token = openSession.apply(userId);
        String issuedAt = Long.toString(clock.millis());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("signature", signature(baseUrl + issuedAt));
        body.put("scope", "api");
        body.put("instance_url", baseUrl);
        body.put("id", baseUrl + "/id/" + organizationId + "/" + userId);
        body.put("token_type", "Bearer");
        body.put("issued_at", issuedAt);
        try {
            return new Reply(200, JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode verifiedClaims(String jwt) throws InvalidJwt {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new InvalidJwt("invalid_grant", "invalid assertion");
        }
        try {
            Base64.Decoder dec = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(dec.decode(parts[0]));
            JsonNode claims = JSON.readTree(dec.decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                throw new InvalidJwt("invalid_grant", "invalid assertion");
            }
            String iss = claims.path("iss").asText("");
            PublicKey key = jwtKeys.get(iss);
            if (!clientId.equals(iss) || key == null) {
                throw new InvalidJwt("invalid_client_id", "client identifier invalid");
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(dec.decode(parts[2]))) {
                throw new InvalidJwt("invalid_grant", "invalid assertion");
            }
            return claims;
        } catch (IllegalArgumentException | java.io.IOException | GeneralSecurityException e) {
            throw new InvalidJwt("invalid_grant", "invalid assertion");
        }
    }

    private static final class InvalidJwt extends Exception {
        private final String error;

        InvalidJwt(String error, String description) {
            super(description);
            this.error = error;
        }
    }

    /** Salesforce signs instance URL + issued_at with the consumer secret (HMAC-SHA256, base64). */
    private String signature(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reply error(String error, String description) {
        return new Reply(400, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> out = new HashMap<>();
        if (body == null) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
