package dev.journeyconnector.sandbox.world;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeyconnector.sandbox.salesforce.schema.SObjectType;
import dev.journeyconnector.sandbox.salesforce.schema.SalesforceIds;
import dev.journeyconnector.sandbox.salesforce.schema.SchemaLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a world from a directory or from the classpath. Layout:
 * <pre>
 * world.json                 {"orgName", "organizationId", "connectedApp": {"clientId", "clientSecret"},
 *                             "users": [{"username", "password", "securityToken"}],
 *                             "integrationUser": "username", "dailyApiRequests": 15000,
 *                             "myDomain": "acme.my.salesforce.com",
 *                             "schemas": ["salesforce/schema/Foo__c.json"],
 *                             "salesforce": ["salesforce/User.json", ...]}
 * salesforce/&lt;Object&gt;.json  a JSON array of records: field name → value
 * </pre>
 * Only {@code connectedApp} is required. Without a {@code salesforce} list the loader looks for
 * {@code salesforce/<Object>.json} for every known object, so classpath worlds need no directory listing.
 * Record files are loaded User first (other records default their owner to a user). Problems are collected
 * and thrown together in one {@link WorldException}; record-level checks happen when the org is built.
 */
public final class WorldLoader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String DEFAULT_ORG_ID = "00DJx0000000001";
    private static final long DEFAULT_DAILY_API_REQUESTS = 100_000;
    /**
     * My Domain hosts: {@code <name>.my.salesforce.com}, and sandbox and developer orgs'
     * {@code <name>--<sandbox>.sandbox.my.salesforce.com}, {@code <name>-dev-ed.develop.my.salesforce.com}
     * (Salesforce Help, "My Domain URL Formats").
     */
    private static final Pattern MY_DOMAIN = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.(sandbox|develop|scratch|demo|patch|trailblaze))?\\.my\\.salesforce\\.com");

    private final Source source;
    private final List<String> problems = new ArrayList<>();

    private WorldLoader(Source source) {
        this.source = source;
    }

    /** Loads the world in {@code dir}. */
    public static World fromDirectory(Path dir) {
        return new WorldLoader(new DirectorySource(dir)).load();
    }

    /** Loads the world under a classpath folder, e.g. {@code worlds/demo}. */
    public static World fromClasspath(String folder) {
        return new WorldLoader(new ClasspathSource(folder)).load();
    }

    private World load() {
        JsonNode spec = readJson("world.json");
        if (spec == null) {
            throw new WorldException(source.describe(), problems.isEmpty() ? List.of("world.json: not found") : problems);
        }
        JsonNode app = spec.path("connectedApp");
        String clientId = app.path("clientId").asText(null);
        String clientSecret = app.path("clientSecret").asText(null);
        if (clientId == null || clientSecret == null) {
            problems.add("world.json: connectedApp.clientId and connectedApp.clientSecret are required");
        }
        String orgId = spec.path("organizationId").asText(DEFAULT_ORG_ID);
        if (SalesforceIds.keyPrefix(orgId).filter("00D"::equals).isEmpty()) {
            problems.add("world.json: organizationId must be a 15- or 18-character Id starting 00D, got '" + orgId + "'");
        }
        String myDomain = spec.path("myDomain").asText(null);
        if (myDomain != null && !MY_DOMAIN.matcher(myDomain).matches()) {
            problems.add("world.json: myDomain must be an org's My Domain host such as acme.my.salesforce.com, got '"
                    + myDomain + "'");
        }
        List<World.ApiLogin> logins = new ArrayList<>();
        for (JsonNode u : spec.path("users")) {
            if (!u.hasNonNull("username") || !u.hasNonNull("password")) {
                problems.add("world.json: users[" + logins.size() + "] needs username and password");
            }
            logins.add(new World.ApiLogin(u.path("username").asText(), u.path("password").asText(),
                    u.path("securityToken").asText("")));
        }

        Map<String, SObjectType> types = new LinkedHashMap<>(SchemaLoader.standardObjects());
        for (JsonNode s : spec.path("schemas")) {
            JsonNode doc = readJson(s.asText());
            if (doc != null) {
                try {
                    SObjectType extra = SchemaLoader.parse(doc, s.asText());
                    types.merge(extra.name(), extra, SchemaLoader::merge);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        }

        List<String> files = new ArrayList<>();
        if (spec.has("salesforce")) {
            spec.get("salesforce").forEach(f -> files.add(f.asText()));
        } else {
            for (String type : types.keySet()) {
                if (source.exists("salesforce/" + type + ".json")) {
                    files.add("salesforce/" + type + ".json");
                }
            }
        }
        files.sort((a, b) -> Boolean.compare(!objectName(a).equals("User"), !objectName(b).equals("User")));
        List<World.RecordFile> recordFiles = new ArrayList<>();
        for (String file : files) {
            String object = objectName(file);
            if (!types.containsKey(object)) {
                problems.add(file + ": no sObject type named '" + object + "' (file names are <Object>.json)");
                continue;
            }
            List<Map<String, Object>> records = readRecords(file);
            if (records != null) {
                recordFiles.add(new World.RecordFile(file, object, records));
            }
        }
        if (!problems.isEmpty()) {
            throw new WorldException(source.describe(), problems);
        }
        return new World(source.describe(), spec.path("orgName").asText("Sandbox Org"),
                SalesforceIds.normalise(orgId).orElseThrow(), new World.ConnectedApp(clientId, clientSecret),
                logins, spec.path("integrationUser").asText(null),
                spec.path("dailyApiRequests").asLong(DEFAULT_DAILY_API_REQUESTS), types, recordFiles, myDomain);
    }

    private static String objectName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    private JsonNode readJson(String file) {
        try (InputStream in = source.open(file)) {
            if (in == null) {
                problems.add(file + ": not found in " + source.describe());
                return null;
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            problems.add(file + ": not valid JSON: " + e.getMessage());
            return null;
        }
    }

    private List<Map<String, Object>> readRecords(String file) {
        try (InputStream in = source.open(file)) {
            if (in == null) {
                problems.add(file + ": not found in " + source.describe());
                return null;
            }
            return JSON.readValue(in, new TypeReference<List<Map<String, Object>>>() { });
        } catch (IOException e) {
            problems.add(file + ": must be a JSON array of objects: " + e.getMessage());
            return null;
        }
    }

    private interface Source {
        InputStream open(String relative) throws IOException;

        boolean exists(String relative);

        String describe();
    }

    private record DirectorySource(Path dir) implements Source {
        @Override
        public InputStream open(String relative) throws IOException {
            Path p = dir.resolve(relative);
            return Files.isRegularFile(p) ? Files.newInputStream(p) : null;
        }

        @Override
        public boolean exists(String relative) {
            return Files.isRegularFile(dir.resolve(relative));
        }

        @Override
        public String describe() {
            return dir.toString();
        }
    }

    private record ClasspathSource(String folder) implements Source {
        @Override
        public InputStream open(String relative) {
            return WorldLoader.class.getClassLoader().getResourceAsStream(folder + "/" + relative);
        }

        @Override
        public boolean exists(String relative) {
            return WorldLoader.class.getClassLoader().getResource(folder + "/" + relative) != null;
        }

        @Override
        public String describe() {
            return "classpath:" + folder;
        }
    }
}
