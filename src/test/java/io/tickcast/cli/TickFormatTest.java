package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TickFormatTest {

    @Test
    void theExtensionNamesTheFormatInAnyCase() {
        assertThat(TickFormat.ofFileName("ticks.CSV")).isEqualTo(TickFormat.CSV);
        assertThat(TickFormat.ofFileName("a/ticks.jsonl")).isEqualTo(TickFormat.JSON);
        assertThat(TickFormat.ofFileName("ticks.ndjson")).isEqualTo(TickFormat.JSON);
        assertThat(TickFormat.ofFileName("ticks.json")).isEqualTo(TickFormat.JSON);
        assertThat(TickFormat.ofFileName("ticks.txt")).isNull();
    }

    @Test
    void contentStartingWithABraceIsJsonLinesAnythingElseCsv() {
        assertThat(TickFormat.ofContent(bytes("\uFEFF  \n{\"symbol\":\"DAX\"}"))).isEqualTo(TickFormat.JSON);
        assertThat(TickFormat.ofContent(bytes("symbol,date,close\n"))).isEqualTo(TickFormat.CSV);
        assertThat(TickFormat.ofContent(bytes(""))).isEqualTo(TickFormat.CSV);
    }

    @Test
    void theConverterTakesTheSpellingsAndNamesThemOtherwise() {
        TickFormat.Converter c = new TickFormat.Converter();
        assertThat(c.convert("JSON")).isEqualTo(TickFormat.JSON);
        assertThatThrownBy(() -> c.convert("xml")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("expected csv or json, got 'xml'");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
