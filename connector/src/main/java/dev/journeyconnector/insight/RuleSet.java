package dev.journeyconnector.insight;

import dev.journeyconnector.mapping.MappingException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The rules in force: the loaded rules file, and a fingerprint of everything that decides what the rules produce
 * (the file's text, the registered rule ids and the connector's version). Stored findings produced under another
 * fingerprint may be out of date, so a changed fingerprint means every customer is evaluated again.
 *
 * @param source where the rules came from, for messages: the file, or "the rules' defaults"
 */
public record RuleSet(RulesConfig config, String fingerprint, String source) {

    public RuleSet {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(source, "source");
    }

    /**
     * The rules of {@code file}, checked against the registry and the persona ids; a missing file means every
     * rule with its defaults.
     *
     * @throws MappingException with every problem of the file, each with file, line and path
     */
    public static RuleSet load(Path file, RuleRegistry registry, Collection<String> personaIds) throws MappingException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return defaults(registry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text, registry, personaIds);
    }

    /** The rules of a file's text, as if read from {@code file}. */
    public static RuleSet parse(String file, String text, RuleRegistry registry, Collection<String> personaIds)
            throws MappingException {
        return new RuleSet(RulesLoader.parse(file, text, registry, personaIds), fingerprint(registry, text), file);
    }

    /** Every registered rule with its defaults. */
    public static RuleSet defaults(RuleRegistry registry) {
        return new RuleSet(RulesConfig.defaults(registry), fingerprint(registry, ""), "the rules' defaults");
    }

    static String fingerprint(RuleRegistry registry, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String version = RuleSet.class.getPackage().getImplementationVersion();
            sha.update(("version " + version + "\0rules " + String.join(",", registry.ids()) + "\0")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
