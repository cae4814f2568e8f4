package dev.journeyconnector.salesforce.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * The RS256-signed JWT for Salesforce's OAuth 2.0 JWT bearer flow
 * (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm): iss = consumer key,
 * sub = username, aud = login URL, exp within three minutes. Built with the JDK alone.
 */
final class JwtAssertion {

    /** Salesforce accepts an assertion whose exp is at most three minutes ahead. */
    static final Duration LIFETIME = Duration.ofMinutes(3);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private JwtAssertion() {
    }

    static String create(String clientId, String username, String audience, PrivateKey key, Clock clock) {
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256");
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", clientId)
                .put("sub", username)
                .put("aud", audience)
                .put("exp", clock.instant().plus(LIFETIME).getEpochSecond());
        String signingInput = URL.encodeToString(bytes(header)) + "." + URL.encodeToString(bytes(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new SalesforceException(FailureKind.AUTH, "JWT_SIGNING",
                    "Could not sign the JWT assertion with the key from jwtPrivateKeyFile: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Reads an unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY") RSA key; never puts key material in messages. */
    static PrivateKey readPrivateKey(Path pemFile) {
        String pem;
        try {
            pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw invalidKey(pemFile, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw invalidKey(pemFile, "is PKCS#1; convert it with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem`");
        }
        if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw invalidKey(pemFile, "is encrypted; an unencrypted PKCS#8 key is needed");
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw invalidKey(pemFile, "has no -----BEGIN PRIVATE KEY----- block");
        }
        String base64 = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end);
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw invalidKey(pemFile, "does not hold a readable RSA private key");
        }
    }

    private static SalesforceException invalidKey(Path pemFile, String problem) {
        return new SalesforceException(FailureKind.AUTH, "INVALID_PRIVATE_KEY", "jwtPrivateKeyFile " + pemFile + " " + problem);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
