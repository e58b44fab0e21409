package io.tickcast.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.records.RejectReason;
import io.tickcast.records.TickLimits;
import io.tickcast.settings.ConfigKey;
import org.junit.jupiter.api.Test;

/**
 * The user docs name everything the code reads and exports: docs/configuration.md every configuration key,
 * docs/monitoring.md every tickcast meter, and the tick rules of docs/topics-and-records.md every dead-letter reason
 * and input limit.
 */
class DocsDocumentTheConfigTest {

    private static String page(String name) throws Exception {
        return Files.readString(Path.of("docs", name));
    }

    @Test
    void everyConfigurationKeyIsDocumented() throws Exception {
        String doc = page("configuration.md");
        for (ConfigKey k : ConfigKey.values()) {
            assertThat(doc).as(k.key()).contains("`" + k.key() + "`");
        }
    }

    @Test
    void everyTickcastMeterIsDocumented() throws Exception {
        String doc = page("monitoring.md");
        try (TickcastMetrics metrics = new TickcastMetrics(java.time.Clock.systemUTC())) {
            String scrape = new String(metrics.scrape(null).body(), java.nio.charset.StandardCharsets.UTF_8);
            scrape.lines().filter(l -> l.startsWith("# TYPE tickcast_")).map(l -> l.split(" ")[2]).forEach(name -> {
                String base = name.replaceAll("_(total|seconds|bucket|count|sum|max)$", "");
                assertThat(doc).as(name).containsPattern("`" + java.util.regex.Pattern.quote(base) + "(_[a-z]+)?`");
            });
        }
    }

    @Test
    void theTickRulesSectionStatesEveryDeadLetterReasonAndLimit() throws Exception {
        String doc = page("topics-and-records.md");
        String rules = doc.substring(doc.indexOf("## Tick validity"), doc.indexOf("## Dead letters"));
        for (RejectReason r : RejectReason.values()) {
            assertThat(rules).as(r.code()).contains("`" + r.code() + "`");
        }
        assertThat(rules).contains("**" + TickLimits.MAX_BYTES + " bytes**", "**" + TickLimits.MAX_SYMBOL_LENGTH + " characters**",
                "**" + TickLimits.MAX_NESTING_DEPTH + " levels**", "**" + TickLimits.MAX_NUMBER_DIGITS + " digits**");
        String punctuation = String.join(" ", TickLimits.SYMBOL_PUNCTUATION.split(""));
        assertThat(rules).contains("ASCII letter or digit or one of `" + punctuation + "`");
        for (String field : TickLimits.FIELDS) {
            assertThat(rules).contains("`" + field + "`");
        }
    }
}
