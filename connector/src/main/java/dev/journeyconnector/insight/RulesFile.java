package dev.journeyconnector.insight;

import dev.journeyconnector.mapping.MappingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The rules file a running connector follows: read at every evaluation (it is small), parsed again only when
 * its text changed. An edit with mistakes is reported and the rules in force are kept, as with the mapping
 * files; the first load must succeed.
 */
public final class RulesFile implements Supplier<RuleSet> {
    private static final Logger LOG = LoggerFactory.getLogger(RulesFile.class);

    private final Path file;
    private final RuleRegistry registry;
    private final Supplier<? extends Collection<String>> personaIds;
    private String text;
    private RuleSet current;

    /**
     * @param personaIds the persona ids in force (asked at each reload, as personas.yaml may change too)
     * @throws MappingException when the file is not valid now
     */
    public RulesFile(Path file, RuleRegistry registry, Supplier<? extends Collection<String>> personaIds)
            throws MappingException {
        this.file = Objects.requireNonNull(file, "file");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.personaIds = Objects.requireNonNull(personaIds, "personaIds");
        String now = read();
        this.current = load(now);
        this.text = now;
    }

    @Override
    public synchronized RuleSet get() {
        String now;
        try {
            now = read();
        } catch (UncheckedIOException e) {
            LOG.warn("Rules: {}; keeping the rules in force", e.getMessage());
            return current;
        }
        if (!Objects.equals(now, text)) {
            try {
                current = load(now);
                LOG.info("Rules: {} changed; the next evaluation applies it to every customer", file);
            } catch (MappingException e) {
                LOG.warn("Rules: {} changed but has mistakes, keeping the rules in force:\n{}", file, e.getMessage());
            }
            text = now;
        }
        return current;
    }

    private RuleSet load(String content) throws MappingException {
        return content == null ? RuleSet.defaults(registry)
                : RuleSet.parse(file.toString(), content, registry, personaIds.get());
    }

    /** The file's text; null when there is no file (every rule runs with its defaults). */
    private String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
