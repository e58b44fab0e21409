package io.tickcast.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.tickcast.metrics.TickcastMetrics;
import org.junit.jupiter.api.Test;

/** The README's configuration and metrics sections name everything the code reads and exports. */
class ReadmeDocumentsTheConfigTest {

    private static String readme() throws Exception {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void everyConfigurationKeyIsDocumented() throws Exception {
        String readme = readme();
        for (ConfigKey k : ConfigKey.values()) {
            assertThat(readme).as(k.key()).contains("`" + k.key() + "`");
        }
    }

    @Test
    void everyTickcastMeterIsDocumented() throws Exception {
        String readme = readme();
        try (TickcastMetrics metrics = new TickcastMetrics(java.time.Clock.systemUTC())) {
            String scrape = new String(metrics.scrape(null).body(), java.nio.charset.StandardCharsets.UTF_8);
            scrape.lines().filter(l -> l.startsWith("# TYPE tickcast_")).map(l -> l.split(" ")[2]).forEach(name -> {
                String base = name.replaceAll("_(total|seconds|bucket|count|sum|max)$", "");
                assertThat(readme).as(name).containsPattern("`" + java.util.regex.Pattern.quote(base) + "(_[a-z]+)?`");
            });
        }
    }
}
