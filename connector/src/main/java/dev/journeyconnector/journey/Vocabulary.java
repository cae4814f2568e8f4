package dev.journeyconnector.journey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The words a journey is described in: the stages in journey order, the churn stage outside that order, and
 * the channels, departments and devices a touchpoint can name. Configured by ops in
 * {@code mappings/vocabularies.yaml} (see {@link VocabularyLoader}); sentiments are fixed ({@link Sentiment}).
 *
 * <p>Every lookup validates the name and, when it is unknown, says which names are known, so a typo in a
 * mapping is reported as such rather than becoming a new, lonely stage.
 *
 * @param stages        the stages in journey order, without churn
 * @param churn         the stage a customer leaves the journey by; terminal and outside the order
 * @param channels      how the customer and the business met (email, web, phone ...)
 * @param departments   which part of the business owned the touchpoint
 * @param devices       what the customer used; includes the device assumed when a record does not say
 * @param defaultDevice the device a touchpoint gets when its source record says nothing (one of {@code devices})
 */
public record Vocabulary(List<Term> stages, Term churn, List<Term> channels, List<Term> departments,
                         List<Term> devices, String defaultDevice) {

    /**
     * One configured word.
     *
     * @param name        the stable key used in mappings and storage: lower case, digits and underscores
     * @param label       what people read; derived from the name when not given ("in_person" → "In person")
     * @param description optional, for the ops console and the file's readers
     */
    public record Term(String name, String label, String description) {
        public Term {
            Objects.requireNonNull(name, "name");
            label = label == null || label.isBlank() ? labelOf(name) : label.strip();
            description = description == null || description.isBlank() ? null : description.strip();
        }

        public static Term of(String name) {
            return new Term(name, null, null);
        }

        public static Term of(String name, String label, String description) {
            return new Term(name, label, description);
        }

        static String labelOf(String name) {
            String spaced = name.replace('_', ' ');
            return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
        }
    }

    /** Names are storage keys and appear in mappings: keep them to one plain spelling. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public Vocabulary {
        for (List<Term> list : Arrays.asList(stages, channels, departments, devices)) {
            if (list != null && list.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("Invalid vocabulary: a list holds a null entry");
            }
        }
        List<String> problems = problems(stages, churn, channels, departments, devices, defaultDevice,
                UnaryOperator.identity(), path -> false);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid vocabulary: " + String.join("; ", problems));
        }
        stages = List.copyOf(stages);
        channels = List.copyOf(channels);
        departments = List.copyOf(departments);
        devices = List.copyOf(devices);
    }

    /** The vocabulary shipped in {@code mappings/vocabularies.yaml}; a test keeps the two equal. */
    public static Vocabulary defaults() {
        return Defaults.VOCABULARY;
    }

    // ---- stages

    /** The stage of that name, churn included, or empty. */
    public Optional<Term> stage(String name) {
        return find(allStages(), name);
    }

    /** The stage of that name, churn included; an unknown name fails with the known ones listed. */
    public Term requireStage(String name) {
        return require("stage", allStages(), name);
    }

    /** Stage names in journey order, then churn. */
    public List<String> stageNames() {
        return names(allStages());
    }

    /**
     * The stage's position in the journey order (0 for the first), for comparing how far customers got.
     * Churn has no position: ask {@link #isTerminal} first.
     */
    public int stageOrder(String stage) {
        requireStage(stage);
        if (isChurn(stage)) {
            throw new IllegalArgumentException("stage '" + stage + "' is outside the journey order (it is the churn "
                    + "stage); check isTerminal(stage) before comparing positions");
        }
        return names(stages).indexOf(stage);
    }

    /** True when {@code a} comes strictly before {@code b} in the journey order; neither may be churn. */
    public boolean isBefore(String a, String b) {
        return stageOrder(a) < stageOrder(b);
    }

    /** True for the churn stage: nothing follows it in a journey. The name must be a known stage. */
    public boolean isTerminal(String stage) {
        requireStage(stage);
        return isChurn(stage);
    }

    private boolean isChurn(String stage) {
        return churn.name().equals(stage);
    }

    private List<Term> allStages() {
        return Stream.concat(stages.stream(), Stream.of(churn)).toList();
    }

    // ---- channels, departments, devices, sentiments

    public Optional<Term> channel(String name) {
        return find(channels, name);
    }

    public Term requireChannel(String name) {
        return require("channel", channels, name);
    }

    public Optional<Term> department(String name) {
        return find(departments, name);
    }

    public Term requireDepartment(String name) {
        return require("department", departments, name);
    }

    public Optional<Term> device(String name) {
        return find(devices, name);
    }

    public Term requireDevice(String name) {
        return require("device", devices, name);
    }

    /** Sentiments are fixed; looked up here so mappings use one place for every word. */
    public Sentiment requireSentiment(String name) {
        return Sentiment.of(name).orElseThrow(() -> new IllegalArgumentException(
                unknown("sentiment", name, Sentiment.wireNames())));
    }

    /** What is wrong with the touchpoint in this vocabulary's words; empty when nothing is. */
    public List<String> check(Touchpoint touchpoint) {
        List<String> problems = new ArrayList<>();
        checkName(problems, "stage", allStages(), touchpoint.stage());
        checkName(problems, "channel", channels, touchpoint.channel());
        checkName(problems, "department", departments, touchpoint.department());
        checkName(problems, "device", devices, touchpoint.device());
        return problems;
    }

    private static void checkName(List<String> problems, String kind, List<Term> terms, String name) {
        if (find(terms, name).isEmpty()) {
            problems.add(unknown(kind, name, names(terms)));
        }
    }

    private static Optional<Term> find(List<Term> terms, String name) {
        return terms.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static Term require(String kind, List<Term> terms, String name) {
        return find(terms, name).orElseThrow(() -> new IllegalArgumentException(unknown(kind, name, names(terms))));
    }

    private static String unknown(String kind, String name, List<String> known) {
        return "unknown " + kind + " '" + name + "'; known " + kind + "s: " + String.join(", ", known);
    }

    private static List<String> names(List<Term> terms) {
        return terms.stream().map(Term::name).toList();
    }

    // ---- the rules, shared with VocabularyLoader so the file and the constructor agree

    /**
     * Everything wrong with these parts, all at once. Lists may hold nulls where the loader could not read
     * an entry (it has reported that already). {@code place} turns a path such as {@code stages[2].name}
     * into how a reader finds it: the path itself here, file, line and path in the loader. {@code reported}
     * holds the paths whose shape the loader has already reported, so they are not reported again as missing.
     */
    static List<String> problems(List<Term> stages, Term churn, List<Term> channels, List<Term> departments,
                                 List<Term> devices, String defaultDevice, UnaryOperator<String> place,
                                 Predicate<String> reported) {
        List<String> problems = new ArrayList<>();
        Map<String, String> stageNames = new HashMap<>();
        checkList(problems, "stages", stages, place, stageNames, reported);
        if (reported.test("churn")) {
            // the loader has said what is wrong with it
        } else if (churn == null) {
            problems.add(place.apply("churn") + ": the churn stage is missing; add 'churn: { name: churn }' "
                    + "(every journey needs a way out, and insight rules count churned customers)");
        } else {
            checkTerm(problems, "churn", churn, place, stageNames);
        }
        checkList(problems, "channels", channels, place, new HashMap<>(), reported);
        checkList(problems, "departments", departments, place, new HashMap<>(), reported);
        checkList(problems, "devices", devices, place, new HashMap<>(), reported);
        if (reported.test("defaults") || reported.test("defaults.device")) {
            // the loader has said what is wrong with it
        } else if (defaultDevice == null || defaultDevice.isBlank()) {
            problems.add(place.apply("defaults.device") + ": the default device is missing; name one of the devices "
                    + "(it is used when a source record says nothing about the device)");
        } else if (devices != null && devices.stream().filter(Objects::nonNull)
                .noneMatch(d -> d.name().equals(defaultDevice))) {
            problems.add(place.apply("defaults.device") + ": '" + defaultDevice + "' is not one of the devices ("
                    + devices.stream().filter(Objects::nonNull).map(Term::name).collect(Collectors.joining(", "))
                    + ")");
        }
        return problems;
    }

    private static void checkList(List<String> problems, String key, List<Term> terms, UnaryOperator<String> place,
                                  Map<String, String> seen, Predicate<String> reported) {
        if (reported.test(key)) {
            return;
        }
        if (terms == null || terms.isEmpty()) {
            problems.add(place.apply(key) + ": the list is " + (terms == null ? "missing" : "empty")
                    + "; it needs at least one entry");
            return;
        }
        for (int i = 0; i < terms.size(); i++) {
            if (terms.get(i) != null) {
                checkTerm(problems, key + "[" + i + "]", terms.get(i), place, seen);
            }
        }
    }

    private static void checkTerm(List<String> problems, String path, Term term, UnaryOperator<String> place,
                                  Map<String, String> seen) {
        String namePath = path + ".name";
        if (!NAME.matcher(term.name()).matches()) {
            problems.add(place.apply(namePath) + ": '" + term.name() + "' is not a valid name; use lower case "
                    + "letters, digits and underscores, starting with a letter (at most 40), e.g. in_person");
            return;
        }
        String first = seen.putIfAbsent(term.name(), namePath);
        if (first != null) {
            problems.add(place.apply(namePath) + ": '" + term.name() + "' is listed twice; first at "
                    + place.apply(first));
        }
    }

    private static final class Defaults {
        static final Vocabulary VOCABULARY = new Vocabulary(
                List.of(Term.of("awareness", "Awareness",
                                "The customer learns about us: ads, social media, reviews, referrals, marketing."),
                        Term.of("engagement", "Engagement",
                                "The customer considers us: website, sales team, catalogue, promotions."),
                        Term.of("purchase", "Purchase", "The customer buys: order, contract, first invoice."),
                        Term.of("onboarding", "Onboarding", "The customer starts using what they bought."),
                        Term.of("service", "Service", "The customer needs help: help desk, support team, invoices."),
                        Term.of("retention", "Retention",
                                "The customer stays and buys again: marketing email, renewals, loyalty.")),
                Term.of("churn", "Churn", "The customer leaves: cancels, unsubscribes, lets a contract lapse."),
                List.of(Term.of("email"), Term.of("web"), Term.of("phone"), Term.of("chat"), Term.of("social"),
                        Term.of("in_person"), Term.of("sms", "SMS", null), Term.of("mobile_app"),
                        Term.of("api", "API", "The customer's own systems called ours.")),
                terms("marketing", "sales", "onboarding", "support", "billing"),
                terms("desktop", "mobile", "tablet", "unknown"),
                "unknown");

        private static List<Term> terms(String... names) {
            return Arrays.stream(names).map(Term::of).toList();
        }
    }
}
