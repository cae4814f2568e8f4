package dev.journeyconnector.sandbox.world;

import dev.journeyconnector.sandbox.salesforce.schema.SObjectType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded (not yet validated against the org rules) world: the org settings from {@code world.json},
 * the schemas (standard plus the world's extra schema files) and the raw record files.
 *
 * @param source           where the world came from, for messages
 * @param orgName          organization name reported by getUserInfo
 * @param organizationId   the 18-character org Id (00D...)
 * @param connectedApp     the connected app that may obtain OAuth tokens
 * @param logins           usernames with password and security token for SOAP login()
 * @param integrationUser  username the client-credentials flow runs as; null = first active user
 * @param dailyApiRequests the org's daily API request allocation
 * @param types            sObject types by name
 * @param recordFiles      record files in load order
 * @param myDomain         the org's My Domain host as a real org would have it ({@code acme.my.salesforce.com}),
 *                         for links to record pages; null when the world names none. The simulator itself is
 *                         served on 127.0.0.1, never on this host.
 */
public record World(String source, String orgName, String organizationId, ConnectedApp connectedApp,
                    List<ApiLogin> logins, String integrationUser, long dailyApiRequests,
                    Map<String, SObjectType> types, List<RecordFile> recordFiles, String myDomain) {

    /** A connected app registered in the org (OAuth client). */
    public record ConnectedApp(String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "ConnectedApp[clientId=" + clientId + ", clientSecret=***]";
        }
    }

    /** SOAP login() credentials for a user: the password and security token are sent concatenated. */
    public record ApiLogin(String username, String password, String securityToken) {
        @Override
        public String toString() {
            return "ApiLogin[username=" + username + "]";
        }
    }

    /**
     * One {@code salesforce/<Object>.json} file: the object name and its records as parsed JSON
     * (field name → String, Boolean, Number or null).
     */
    public record RecordFile(String path, String objectName, List<Map<String, Object>> records) {
    }

    /** This world with another schema (in its iteration order, which describeGlobal keeps), e.g. after Salesforce metadata was deployed on top of the world's own. */
    public World withTypes(Map<String, SObjectType> newTypes) {
        return new World(source, orgName, organizationId, connectedApp, logins, integrationUser, dailyApiRequests,
                Collections.unmodifiableMap(new LinkedHashMap<>(newTypes)), recordFiles, myDomain);
    }
}
