package dev.journeyconnector.salesforce.client;

import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.SessionHeader_element;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.SessionRenewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.xml.namespace.QName;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Re-authenticates when Salesforce says the session is gone.
 *
 * <p>force-wsc calls {@link #renewSession} only when a fault is INVALID_SESSION_ID and its faultstring contains
 * "Session timed out", "Session not found" or "Illegal Session" (forcedotcom/wsc
 * src/main/java/com/sforce/ws/transport/SoapConnection.java, parseDetail), at most once per call (send() keeps
 * a firstTime flag), and then re-sends the same request with the header we return put into that request's
 * header map. So the returned SessionHeader makes the retry use the new session, and setting the connection's
 * own SessionHeader and the config's endpoint makes every later call use it too.
 */
final class RenewingSession implements SessionRenewer {
    private static final Logger LOG = LoggerFactory.getLogger(RenewingSession.class);
    /** PartnerConnection.SessionHeader_qname, the key force-wsc files the session header under. */
    static final QName SESSION_HEADER = new QName("urn:partner.soap.sforce.com", "SessionHeader");

    private final SalesforceAuthenticator authenticator;
    private final AtomicInteger renewals = new AtomicInteger();
    private volatile PartnerConnection connection;

    RenewingSession(SalesforceAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    void attach(PartnerConnection connection) {
        this.connection = connection;
    }

    int renewals() {
        return renewals.get();
    }

    @Override
    public SessionRenewalHeader renewSession(ConnectorConfig config) throws ConnectionException {
        SalesforceSession session;
        try {
            session = authenticator.authenticate();
        } catch (SalesforceException e) {
            throw new RenewalFailed(e);
        }
        config.setSessionId(session.sessionId());
        config.setServiceEndpoint(session.serviceEndpoint());
        if (connection != null) {
            connection.setSessionHeader(session.sessionId());
        }
        int count = renewals.incrementAndGet();
        LOG.info("Salesforce session expired; re-authenticated (renewal #{})", count);

        SessionHeader_element header = new SessionHeader_element();
        header.setSessionId(session.sessionId());
        SessionRenewalHeader renewal = new SessionRenewalHeader();
        renewal.name = SESSION_HEADER;
        renewal.headerElement = header;
        return renewal;
    }

    /** Carries our classified failure through force-wsc, which only lets ConnectionException out of a renewer. */
    static final class RenewalFailed extends ConnectionException {
        RenewalFailed(SalesforceException cause) {
            super("Session renewal failed: " + cause.getMessage(), cause);
        }
    }
}
