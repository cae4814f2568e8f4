package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Touchpoint;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Which source objects the connector pulls and which top-level fields their stored records have, so a
 * mapping file naming a field the records never carry ({@code Orgin}, or a Salesforce field no route pulls)
 * is reported when it is loaded instead of silently never matching.
 *
 * <ul>
 *   <li>The objects are those the routes pull: every route in the routes folder whose {@code from.uri} is
 *       {@code journey-salesforce:<Object>}, {@code journey-zendesk:<object>} or
 *       {@code journey-mailchimp:<object>}.</li>
 *   <li>A Salesforce object's fields are its route's {@code fields} parameter (the first segment of a dotted
 *       {@code Account.Name}: the parent record is stored as a nested map) plus the fields every pull adds or
 *       every object has ({@link #SALESFORCE_SYSTEM_FIELDS}) and the route's {@code modstampField}.</li>
 *   <li>Zendesk and Mailchimp fields are fixed by their APIs, so they ship with the connector in
 *       {@value #VENDOR_FIELDS}: the documented fields as the connector stores them.</li>
 * </ul>
 */
public final class SourceFields {

    /** The classpath resource listing Zendesk and Mailchimp fields. */
    public static final String VENDOR_FIELDS = "mapping/vendor-fields.yaml";
    /** Fields a Salesforce record has whatever the route asks for: the pull adds Id, IsDeleted and the modstamp. */
    public static final List<String> SALESFORCE_SYSTEM_FIELDS = List.of("Id", "IsDeleted", "SystemModstamp",
            "CreatedDate", "LastModifiedDate", "CreatedById", "LastModifiedById");

    private static final String URI_PREFIX = "journey-";

    private final String routes;
    /** By {@code source/object}; a null value means pulled, but with fields we cannot know (a placeholder). */
    private final Map<String, KnownFields> objects;

    private SourceFields(String routes, Map<String, KnownFields> objects) {
        this.routes = routes;
        this.objects = objects;
    }

    /**
     * Reads the routes folder and the shipped vendor fields.
     *
     * @throws MappingException when the folder is missing or a route file is not YAML, with file and line
     */
    public static SourceFields load(Path routesDir) throws MappingException {
        List<MappingProblem> problems = new ArrayList<>();
        Optional<SourceFields> fields = read(routesDir, problems);
        if (!problems.isEmpty()) {
            throw new MappingException(problems);
        }
        return fields.orElseThrow();
    }

    /**
     * As {@link #load}, adding problems to the caller's list; objects of unreadable files are left out.
     *
     * @return empty when there is no routes folder (reported): then nothing can be checked against it
     */
    static Optional<SourceFields> read(Path routesDir, List<MappingProblem> problems) {
        Map<String, Set<String>> salesforce = new LinkedHashMap<>();
        Set<String> unknowable = new LinkedHashSet<>();
        Map<Touchpoint.Source, Set<String>> pulled = new EnumMap<>(Touchpoint.Source.class);
        if (!Files.isDirectory(routesDir)) {
            problems.add(new MappingProblem(routesDir.toString(), 0, "", "the routes folder does not exist; "
                    + "mappings are checked against the objects and fields its routes pull (JOURNEY_ROUTES_DIR)"));
            return Optional.empty();
        }
        for (Path file : yamlFiles(routesDir, problems)) {
            readRoutes(file, problems).forEach(from -> pull(from, salesforce, unknowable, pulled));
        }
        Map<String, Map<String, KnownFields>> vendor = vendorFields();
        Map<String, KnownFields> objects = new LinkedHashMap<>();
        pulled.forEach((source, names) -> names.forEach(object -> {
            String key = MappingSet.key(source, object);
            if (source == Touchpoint.Source.SALESFORCE) {
                objects.put(key, unknowable.contains(object) ? null : new KnownFields("salesforce " + object,
                        salesforce.get(object), Set.of(), "to map another field, add it to the fields of the "
                        + object + " route in " + routesDir));
            } else {
                objects.put(key, vendor.getOrDefault(source.wireName(), Map.of()).get(object));
            }
        }));
        return Optional.of(new SourceFields(routesDir.toString(), objects));
    }

    /** Fields given directly, for tests and tools: keys {@code source/object}. */
    public static SourceFields of(String routes, Map<String, KnownFields> objects) {
        return new SourceFields(routes, new LinkedHashMap<>(objects));
    }

    /** The objects of a source that routes pull, sorted. */
    public Set<String> objects(Touchpoint.Source source) {
        String prefix = source.wireName() + "/";
        Set<String> names = new TreeSet<>();
        objects.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(k -> names.add(k.substring(prefix.length())));
        return names;
    }

    public boolean pulls(Touchpoint.Source source, String object) {
        return objects.containsKey(MappingSet.key(source, object));
    }

    /** The fields of a pulled object; empty when it is not pulled or its fields cannot be known. */
    public Optional<KnownFields> fields(Touchpoint.Source source, String object) {
        return Optional.ofNullable(objects.get(MappingSet.key(source, object)));
    }

    /** Why a mapping of this object cannot be checked or used, or empty when routes pull it. */
    public Optional<String> unknownObject(Touchpoint.Source source, String object) {
        if (pulls(source, object)) {
            return Optional.empty();
        }
        Set<String> pulled = objects(source);
        String suggestion = Spelling.closest(object, pulled).map(o -> " (did you mean '" + o + "'?)").orElse("");
        return Optional.of("no route in " + routes + " pulls " + source.wireName() + " " + object + suggestion
                + (pulled.isEmpty() ? "; no route pulls any " + source.wireName() + " object"
                : "; pulled " + source.wireName() + " objects: " + String.join(", ", pulled))
                + ". Add a route for it, or remove this mapping");
    }

    private static List<Path> yamlFiles(Path dir, List<MappingProblem> problems) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            problems.add(new MappingProblem(dir.toString(), 0, "", "cannot list the routes folder: " + e.getMessage()));
            return List.of();
        }
    }

    /** The {@code from} of every route in a file (a {@code - route: {from: ...}} or a bare {@code - from: ...}). */
    private static List<Map<?, ?>> readRoutes(Path file, List<MappingProblem> problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            MappingYaml.read(file.toString(), text); // for the line of a syntax error
        } catch (IOException e) {
            problems.add(new MappingProblem(file.toString(), 0, "", "cannot read the routes file: " + e));
            return List.of();
        } catch (MappingException e) {
            problems.addAll(e.problems());
            return List.of();
        }
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        List<Map<?, ?>> froms = new ArrayList<>();
        if (doc instanceof List<?> items) {
            for (Object item : items) {
                Object from = item instanceof Map<?, ?> m
                        ? (m.get("route") instanceof Map<?, ?> route ? route.get("from") : m.get("from")) : null;
                if (from instanceof Map<?, ?> f) {
                    froms.add(f);
                }
            }
        }
        return froms;
    }

    private static void pull(Map<?, ?> from, Map<String, Set<String>> salesforce, Set<String> unknowable,
                             Map<Touchpoint.Source, Set<String>> pulled) {
        if (!(from.get("uri") instanceof String uri) || !uri.startsWith(URI_PREFIX)) {
            return;
        }
        int colon = uri.indexOf(':');
        if (colon < 0) {
            return;
        }
        Optional<Touchpoint.Source> source = Arrays.stream(Touchpoint.Source.values())
                .filter(s -> s.wireName().equals(uri.substring(URI_PREFIX.length(), colon))).findFirst();
        if (source.isEmpty()) {
            return;
        }
        String rest = uri.substring(colon + 1).replaceFirst("^//", "");
        int query = rest.indexOf('?');
        String object = query < 0 ? rest : rest.substring(0, query);
        if (object.isBlank()) {
            return;
        }
        pulled.computeIfAbsent(source.get(), s -> new TreeSet<>()).add(object);
        if (source.get() != Touchpoint.Source.SALESFORCE) {
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        if (from.get("parameters") instanceof Map<?, ?> params) {
            params.forEach((k, v) -> parameters.put(String.valueOf(k), v instanceof Collection<?> c
                    ? String.join(",", c.stream().map(String::valueOf).toList()) : String.valueOf(v)));
        }
        Set<String> fields = salesforce.computeIfAbsent(object, o -> new LinkedHashSet<>(SALESFORCE_SYSTEM_FIELDS));
        String modstamp = parameters.get("modstampField");
        if (modstamp != null && !modstamp.isBlank()) {
            fields.add(modstamp.strip());
        }
        String list = parameters.getOrDefault("fields", "");
        if (list.contains("{{")) {
            // A property placeholder: the field list is only known when the connector runs.
            unknowable.add(object);
            return;
        }
        for (String field : list.split(",")) {
            String name = field.strip();
            if (!name.isEmpty()) {
                fields.add(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
            }
        }
    }

    /** The shipped Zendesk and Mailchimp fields, by source wire name and object. */
    static Map<String, Map<String, KnownFields>> vendorFields() {
        try (InputStream in = SourceFields.class.getClassLoader().getResourceAsStream(VENDOR_FIELDS)) {
            if (in == null) {
                throw new IllegalStateException(VENDOR_FIELDS + " is missing from the class path");
            }
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, Map<String, KnownFields>> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> source : ((Map<?, ?>) doc).entrySet()) {
                Map<String, KnownFields> objects = new LinkedHashMap<>();
                for (Map.Entry<?, ?> object : ((Map<?, ?>) source.getValue()).entrySet()) {
                    Map<?, ?> spec = (Map<?, ?>) object.getValue();
                    objects.put(object.getKey().toString(), new KnownFields(source.getKey() + " " + object.getKey(),
                            names(spec.get("fields")), names(spec.get("lists")), null));
                }
                out.put(source.getKey().toString().toLowerCase(Locale.ROOT), objects);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(VENDOR_FIELDS, e);
        } catch (YAMLException | ClassCastException | NullPointerException e) {
            throw new IllegalStateException(VENDOR_FIELDS + " is malformed: " + e.getMessage(), e);
        }
    }

    private static Set<String> names(Object list) {
        Set<String> names = new LinkedHashSet<>();
        for (Object name : (List<?>) list) {
            names.add(name.toString());
        }
        return names;
    }
}
