package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Vocabulary;
import dev.journeyconnector.journey.VocabularyLoader;
import dev.journeyconnector.journey.VocabularyProblems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The whole journey model as the ops admin wrote it in one folder: the vocabularies, the personas, one
 * touchpoint mapping per source object and the journey map the drift report holds them to. {@link #load}
 * checks every file and reports every problem of every file in one {@link MappingException}, so nothing runs
 * on a half-valid model.
 *
 * @param dir         the folder it was read from
 * @param vocabulary  {@code vocabularies.yaml}
 * @param personas    {@code personas.yaml}
 * @param mappings    the touchpoint mappings, by {@code source/object} (e.g. {@code salesforce/Case})
 * @param fingerprint a digest of every file's name and content: equal fingerprints mean the same model, so
 *                    touchpoints derived under it need no re-derivation
 * @param journeyMap  {@code journey-map.yaml}, checked against the vocabulary, the personas and the types the
 *                    mappings make; empty when the folder has none (then no drift report is computed)
 */
public record MappingSet(Path dir, Vocabulary vocabulary, Personas personas, Map<String, TouchpointMapping> mappings,
                         String fingerprint, Optional<JourneyMap> journeyMap) {

    public static final String VOCABULARIES = "vocabularies.yaml";
    public static final String PERSONAS = "personas.yaml";
    public static final String JOURNEY_MAP = "journey-map.yaml";
    /** Files in the folder that are not touchpoint mappings: their own loaders read them. */
    public static final List<String> NOT_TOUCHPOINT_MAPPINGS = List.of(VOCABULARIES, PERSONAS, JOURNEY_MAP,
            "rules.yaml");

    private static final Pattern VOCABULARY_PROBLEM = Pattern.compile("^(.*?):(\\d+): (.*)$", Pattern.DOTALL);

    public MappingSet {
        mappings = Map.copyOf(mappings);
        journeyMap = journeyMap == null ? Optional.empty() : journeyMap;
    }

    /** A model without a journey map, as before the map was part of it. */
    public MappingSet(Path dir, Vocabulary vocabulary, Personas personas, Map<String, TouchpointMapping> mappings,
                      String fingerprint) {
        this(dir, vocabulary, personas, mappings, fingerprint, Optional.empty());
    }

    /** The mapping of one source object, e.g. {@code mapping(SALESFORCE, "Case")}. */
    public Optional<TouchpointMapping> mapping(Touchpoint.Source source, String object) {
        return Optional.ofNullable(mappings.get(key(source, object)));
    }

    public static String key(Touchpoint.Source source, String object) {
        return source.wireName() + "/" + object;
    }

    /**
     * Loads and checks every file in the folder, against the routes in the sibling {@code routes} folder
     * (the repository's layout: {@code mappings/} beside {@code routes/}).
     *
     * @throws MappingException with every problem found in every file, each with its file, line and path
     */
    public static MappingSet load(Path dir) throws MappingException {
        return load(dir, dir.toAbsolutePath().normalize().resolveSibling("routes"));
    }

    /**
     * Loads and checks every file in the folder as a whole: each file on its own, each mapping's object
     * against the objects the routes in {@code routesDir} pull and every field it names against that object's
     * fields (see {@link SourceFields}), and no object mapped twice.
     *
     * @throws MappingException with every problem found in every file, each with its file, line and path
     */
    public static MappingSet load(Path dir, Path routesDir) throws MappingException {
        List<MappingProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new MappingException(List.of(new MappingProblem(dir.toString(), 0, "",
                    "the mappings folder does not exist (JOURNEY_MAPPINGS_DIR)")));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new MappingException(List.of(new MappingProblem(dir.toString(), 0, "",
                    "cannot list the mappings folder: " + e.getMessage())));
        }

        Vocabulary vocabulary = null;
        Path vocabularyFile = dir.resolve(VOCABULARIES);
        if (!Files.isRegularFile(vocabularyFile)) {
            problems.add(new MappingProblem(vocabularyFile.toString(), 0, "",
                    "missing: the stages, channels, departments and devices every mapping uses"));
        } else {
            try {
                vocabulary = VocabularyLoader.load(vocabularyFile);
            } catch (VocabularyProblems e) {
                e.problems().forEach(p -> problems.add(vocabularyProblem(e.file(), p)));
            }
        }

        Personas personas = null;
        Path personaFile = dir.resolve(PERSONAS);
        if (!Files.isRegularFile(personaFile)) {
            problems.add(new MappingProblem(personaFile.toString(), 0, "", "missing: at least a default persona"));
        } else {
            try {
                personas = PersonaLoader.load(personaFile);
            } catch (MappingException e) {
                problems.addAll(e.problems());
            }
        }

        SourceFields sources = SourceFields.read(routesDir, problems).orElse(null);
        Map<String, TouchpointMapping> mappings = new LinkedHashMap<>();
        int mappingProblemsBefore = problems.size();
        if (vocabulary != null) {
            for (Path file : files) {
                if (NOT_TOUCHPOINT_MAPPINGS.contains(file.getFileName().toString())) {
                    continue;
                }
                try {
                    TouchpointMapping mapping = MappingLoader.load(file, vocabulary, sources);
                    String key = key(mapping.source(), mapping.object());
                    TouchpointMapping earlier = mappings.putIfAbsent(key, mapping);
                    if (earlier != null) {
                        problems.add(new MappingProblem(file.toString(), 1, "object", key + " is already mapped in "
                                + earlier.file() + "; one file per source object"));
                    }
                } catch (MappingException e) {
                    problems.addAll(e.problems());
                }
            }
        } else {
            problems.add(new MappingProblem(dir.toString(), 0, "",
                    "touchpoint mappings were not checked: they need a valid " + VOCABULARIES));
        }
        Optional<JourneyMap> journeyMap = journeyMap(dir, vocabulary, personas,
                problems.size() == mappingProblemsBefore ? mappings : null, problems);
        if (!problems.isEmpty()) {
            throw new MappingException(problems);
        }
        return new MappingSet(dir, vocabulary, personas, mappings, fingerprint(files), journeyMap);
    }

    /**
     * The journey map, when the folder has one, checked against the vocabulary, the personas and the types the
     * mappings make; its problems are added to {@code problems}. It cannot be checked without a valid vocabulary
     * and personas (that is said once); with mappings that failed to load ({@code mappings} null) their types are
     * not known, so only that check is left out: every other problem of the map is still reported.
     */
    private static Optional<JourneyMap> journeyMap(Path dir, Vocabulary vocabulary, Personas personas,
                                                   Map<String, TouchpointMapping> mappings,
                                                   List<MappingProblem> problems) {
        Path file = dir.resolve(JOURNEY_MAP);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (vocabulary == null || personas == null) {
            problems.add(new MappingProblem(file.toString(), 0, "", "the journey map was not checked: it needs a "
                    + "valid " + VOCABULARIES + " and " + PERSONAS));
            return Optional.empty();
        }
        try {
            return Optional.of(JourneyMapLoader.load(file, vocabulary, personas,
                    mappings == null ? null : JourneyMap.typesProduced(mappings.values())));
        } catch (MappingException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
    }

    /** A digest of the folder's *.yaml files, names and contents; cheap enough to poll for changes. */
    public static String fingerprint(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return fingerprint(list.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted().toList());
        }
    }

    private static String fingerprint(List<Path> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(file));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        } catch (IOException e) {
            // The file vanished between listing and reading: a fingerprint no model has, so it is read again.
            return "unreadable:" + e.getMessage();
        }
    }

    /** Vocabulary problems read {@code file:line: path: message}; kept whole when they do not. */
    private static MappingProblem vocabularyProblem(String file, String problem) {
        Matcher m = VOCABULARY_PROBLEM.matcher(problem);
        if (m.matches()) {
            return new MappingProblem(m.group(1), Integer.parseInt(m.group(2)), "", m.group(3));
        }
        return new MappingProblem(file, 0, "", problem);
    }
}
