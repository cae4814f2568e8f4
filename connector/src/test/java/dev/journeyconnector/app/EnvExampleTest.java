package dev.journeyconnector.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** .env.example is the ops admin's reference: it must describe exactly the settings the connector reads. */
class EnvExampleTest {
    private static final Pattern ASSIGNMENT = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]+)=");

    @Test
    void everySettingIsInEnvExampleWithACommentAndNothingElseIs() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", ".env.example"));
        List<String> named = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ASSIGNMENT.matcher(lines.get(i));
            if (m.find()) {
                named.add(m.group(1));
                assertThat(lines.get(i - 1)).as("comment above %s", m.group(1)).startsWith("#");
            }
        }
        assertThat(named).containsExactlyInAnyOrderElementsOf(Settings.ALL.stream().map(Setting::name).toList());
    }

    @Test
    void everySettingHasADescriptionAndAUniqueFlag() {
        assertThat(Settings.ALL).allSatisfy(s -> assertThat(s.description()).as(s.name()).hasSizeGreaterThan(20));
        assertThat(Settings.ALL.stream().map(Setting::flag).distinct().count()).isEqualTo(Settings.ALL.size());
    }
}
