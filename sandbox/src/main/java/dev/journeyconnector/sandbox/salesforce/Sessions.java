package dev.journeyconnector.sandbox.salesforce;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session ids: OAuth access tokens and SOAP login() session ids are the same thing in Salesforce (a token
 * works as a SOAP SessionHeader). Sessions time out after {@link #timeout()} (Salesforce's default is 2 hours).
 */
final class Sessions {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Duration timeout = Duration.ofHours(2);

    Sessions(Clock clock) {
        this.clock = clock;
    }

    record Session(String userId, Instant expiresAt) {
    }

    /** A new session id shaped like Salesforce's: the 15-character org Id, '!', then opaque characters. */
    String open(String organizationId, String userId) {
        byte[] bytes = new byte[72];
        random.nextBytes(bytes);
        String id = organizationId.substring(0, 15) + "!" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byId.put(id, new Session(userId, clock.instant().plus(timeout)));
        return id;
    }

    Optional<Session> find(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        Session s = byId.get(sessionId);
        if (s == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(s.expiresAt())) {
            byId.remove(sessionId);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    void expireAll() {
        byId.clear();
    }

    Duration timeout() {
        return timeout;
    }

    void timeout(Duration timeout) {
        this.timeout = timeout;
    }
}
