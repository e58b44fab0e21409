package io.tickcast.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.tickcast.settings.ConfigKey;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's reference part is what the key definitions make ({@link ConfigurationPage}); run with
 * {@code -Dtickcast.docs.regenerate=true}, the test writes it instead.
 */
class ConfigurationPageTest {

    private static final Path PAGE = Path.of("docs", "configuration.md");

    @Test
    void thePageIsWhatTheDefinitionsMake() throws Exception {
        ConfigurationPage.PART.check(ConfigurationPage.part());
    }

    @Test
    void everyKeyWithItsVariableDefaultAndOldNamesIsOnThePage() throws Exception {
        String page = Files.readString(PAGE);
        for (ConfigKey k : ConfigKey.values()) {
            String row = page.lines().filter(l -> l.startsWith("| `" + k.key() + "` |")).findFirst().orElse("");
            assertThat(row).as(k.key()).contains("`" + k.envVar() + "`", k.allowedValues());
            if (!k.defaultAsWritten().isEmpty()) {
                assertThat(row).as(k.key()).contains("`" + k.defaultAsWritten() + "`");
            }
            for (String old : k.oldNames()) {
                assertThat(page).contains("| `" + old + "` | `" + ConfigKey.envVarFor(old) + "` | `" + k.key() + "` |");
            }
        }
    }

    @Test
    void theHandWrittenProseAroundTheGeneratedPartStays() throws Exception {
        String page = Files.readString(PAGE);
        String regenerated = ConfigurationPage.regenerate("before\n" + ConfigurationPage.BEGIN + "\nold\n" + ConfigurationPage.END + "\nafter\n");
        assertThat(regenerated).startsWith("before\n" + ConfigurationPage.BEGIN).endsWith(ConfigurationPage.END + "\nafter\n")
                .doesNotContain("\nold\n").contains("## How keys are named");
        assertThat(page).as("the prose after the generated part").contains("A duration (a setting or an option");
    }
}
