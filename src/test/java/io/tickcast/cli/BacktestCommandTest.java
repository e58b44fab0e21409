package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.records.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class BacktestCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new BacktestCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void jsonOnStdoutProgressOnStderrFilesInOut() throws IOException {
        Path csv = dir.resolve("two.csv");
        StringBuilder rows = new StringBuilder("symbol,date,close\n");
        for (int i = 0; i < 60; i++) {
            String date = java.time.LocalDate.of(2020, 1, 1).plusDays(i).toString();
            rows.append("UP,").append(date).append(',').append(100 + i + (i % 3)).append('\n');
            rows.append("B/C,").append(date).append(',').append(50 + Math.sin(i) * 3).append('\n');
        }
        Files.writeString(csv, rows);
        Path target = dir.resolve("out");

        int code = run(csv.toString(), "--symbol", "B/C", "--epochs", "3", "--seed", "7", "--train-fraction", "0.5",
                "--out", target.toString(), "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(json.path("source").asText()).isEqualTo(csv.toString());
        assertThat(json.path("settings").path("seed").asLong()).isEqualTo(7);
        assertThat(json.path("settings").path("trainFraction").asDouble()).isEqualTo(0.5);
        assertThat(json.path("symbols")).hasSize(1);
        // 60 closes, 55 windows: int(55 * 0.5) = 27 train, 28 test
        assertThat(json.path("symbols").get(0).path("trainWindows").asInt()).isEqualTo(27);
        assertThat(json.path("symbols").get(0).path("testWindows").asInt()).isEqualTo(28);
        JsonNode symbol = json.path("symbols").get(0);
        // 27 windows in the training part: the most recent round(27 * 0.2) = 5 gate, fewer than the 100 it needs
        assertThat(symbol.path("gate").path("windows").asInt()).isEqualTo(5);
        assertThat(symbol.path("gate").path("passed").asBoolean()).isFalse();
        assertThat(symbol.path("gate").path("reason").asText()).startsWith("only 5 validation windows");
        assertThat(symbol.path("publishedRmseRatio").asDouble()).isEqualTo(1.0);
        assertThat(err.toString()).contains("B/C: training and gating on a training part of 27 windows",
                "gate failed", "published 1.0000");
        assertThat(Files.readAllLines(target.resolve("B_C-loss.log"))).hasSize(3);
        assertThat(target.resolve("B_C-loss.png")).isNotEmptyFile();
        assertThat(target.resolve("B_C-forecast.png")).isNotEmptyFile();
    }

    @Test
    void theTableHasAPublishedRowPerSymbolAndTheGateTable() throws IOException {
        Path csv = dir.resolve("wave.csv");
        StringBuilder rows = new StringBuilder("symbol,date,close\n");
        for (int i = 0; i < 60; i++) {
            rows.append("W,").append(java.time.LocalDate.of(2020, 1, 1).plusDays(i)).append(',')
                    .append(50 + Math.sin(i) * 3).append('\n');
        }
        Files.writeString(csv, rows);

        int code = run(csv.toString(), "--epochs", "2", "--out", dir.resolve("out").toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("(?m)^symbol\\s+model\\s+days\\s.*\\sRMSE/naive\\s")
                .containsPattern("(?m)^W\\s+lstm\\s+60\\s+38\\s+17\\s.*\\n\\s+published\\s.*\\s1\\.0000\\n\\s+naive\\s")
                .containsPattern("(?m)^symbol\\s+gate windows\\s+after\\s+RMSE/naive\\s+DM\\s+p\\s+passed\\s+published$")
                .containsPattern("(?m)^W\\s+8\\s+2020-02-\\d\\d\\s.*\\sno\\s+naive$")
                .contains("gate: the LSTM is published if a one-sided Diebold-Mariano test shows at level 0.05 over "
                        + "at least 100 validation windows");
    }

    @Test
    void anUnknownSymbolIsAUsageErrorNamingTheSymbolsThereAre() {
        int code = run("--symbol", "NOPE", "--out", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no symbol 'NOPE'", "DAX, SMI, CAC, FTSE");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aSeriesTooShortForTheSplitFailsBeforeAnyTraining() throws IOException {
        Path csv = dir.resolve("short.csv");
        StringBuilder rows = new StringBuilder("symbol,date,close\n");
        for (int i = 0; i < 30; i++) {
            rows.append("LONG,").append(java.time.LocalDate.of(2020, 1, 1).plusDays(i)).append(',').append(100 + i).append('\n');
        }
        rows.append("SHORT,2020-01-01,5\nSHORT,2020-01-02,6\n");
        Files.writeString(csv, rows);
        assertThat(run(csv.toString(), "--epochs", "2", "--out", dir.resolve("out").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("SHORT: series of 2 closes is too short for window 5")
                .doesNotContain("training on");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertThat(run("--scaling", "zscore")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown scaling 'zscore'");
        assertThat(run("--train-fraction", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("train fraction");
        assertThat(run(dir.resolve("missing.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing.csv");
        assertThat(run("--interval-calibration", "global")).isEqualTo(2);
        assertThat(err.toString()).contains("--interval-calibration must be pooled or per-symbol, was 'global'");
    }

    @Test
    void helpDocumentsEveryOption() {
        CommandLine cli = new CommandLine(new BacktestCommand());
        assertThat(run("--help")).isZero();
        for (OptionSpec option : cli.getCommandSpec().options()) {
            assertThat(option.description()).as(option.longestName()).isNotEmpty();
            assertThat(out.toString()).contains(option.longestName());
        }
        assertThat(cli.getCommandSpec().positionalParameters().get(0).description()).isNotEmpty();
        assertThat(out.toString()).contains("FILE.csv", "per-window", "global-minmax", "default: 0.7",
                "default: 100", "default: 42", "tickcast-out", "recent 20%", "at 5%", "Diebold-Mariano", "'published'", "per-symbol")
                .doesNotContain("%%");
    }
}
