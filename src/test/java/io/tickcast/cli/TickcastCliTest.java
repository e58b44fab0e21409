package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.settings.ConfigKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TickcastCliTest {

    @TempDir
    Path dir;


    @Test
    void everyCommandDocumentsItsOptions() {
        CliRun top = CliRun.of("--help");
        assertThat(top.exitCode()).isZero();
        for (String command : List.of("demo", "run", "produce", "consume", "train", "models", "backtest", "config")) {
            assertThat(top.out()).contains(command);
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: tickcast " + command).contains("--help");
        }
        assertThat(CliRun.of("demo", "--help").out()).contains("--csv", "--keep-running", "--train-fraction");
        assertThat(CliRun.of("run", "--help").out()).contains("--bootstrap-servers", "--config", "--model", "--train-csv", "--set");
        String clientTimeout = "client.timeout (default " + ConfigKey.CLIENT_TIMEOUT.defaultValue() + ")";
        assertThat(helpText("produce")).contains("--rate", "FILE", "--format", "csv|json", "standard input", "--skip", "idempotent", clientTimeout,
                "client.delivery-timeout (default " + ConfigKey.CLIENT_DELIVERY_TIMEOUT.defaultValue() + ")");
        assertThat(helpText("consume")).contains("--follow", "--json", "--from-beginning", clientTimeout);
        assertThat(helpText("models")).contains(clientTimeout);
        assertThat(helpText("run")).contains(clientTimeout, "--create-topics", "exits with status 1",
                "the bootstrap servers, the security protocol and the likely cause");
        assertThat(CliRun.of("train", "--help").out()).contains("--out", "--epochs");
        assertThat(CliRun.of("run", "--help").out()).contains("--role", "all|stream|trainer");
        assertThat(CliRun.of("models", "--help").out()).contains("list", "rollback");
        assertThat(CliRun.of("models", "rollback", "--help").out()).contains("VERSION", "--bootstrap-servers");
        assertThat(CliRun.of("backtest", "--help").out()).contains("--scaling", "--symbol", "--json", "--seed");
        assertThat(CliRun.of("run", "--role", "nonsense").err()).contains("expected all, stream or trainer");
        assertThat(CliRun.of("run", "--help").out()).contains("--validate-csv", "--force");
    }

    @Test
    void versionComesFromTheBuildAndOptionsThatWouldDoNothingAreRefused() {
        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isZero();
        // the pom's version, filtered in by the build: never a placeholder or "dev"
        assertThat(version.out().strip()).matches("tickcast \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        // the demo and train use no cluster: a bootstrap address would be ignored, so it is not an option
        for (List<String> args : List.of(List.of("demo"), List.of("train", "ticks.csv", "--out", "model.bin"))) {
            String command = args.get(0);
            List<String> withB = new ArrayList<>(args);
            withB.addAll(List.of("-b", "127.0.0.1:9092"));
            CliRun withBootstrap = CliRun.of(withB.toArray(String[]::new));
            assertThat(withBootstrap.exitCode()).as(command).isEqualTo(2);
            assertThat(withBootstrap.err()).as(command).contains("Unknown option", "'-b'");
            assertThat(CliRun.of(command, "--help").out()).as(command).doesNotContain("--bootstrap-servers").contains("--config", "--set");
        }
    }

    /** A command's --help with its line breaks undone. */
    private static String helpText(String command) {
        return CliRun.of(command, "--help").out().replaceAll("\\s+", " ");
    }

    @Test
    void aModelFileIsPublishedOnlyWithValidationDataOrAnExplicitForce() {
        // refused before anything connects: no broker is needed to say so
        CliRun bare = CliRun.of("run", "--model", dir.resolve("m.bin").toString(), "-b", "127.0.0.1:1");
        assertThat(bare.exitCode()).isNotZero();
        assertThat(bare.err()).contains("--model needs --validate-csv FILE.csv", "--force");
        CliRun stray = CliRun.of("run", "--force", "-b", "127.0.0.1:1");
        assertThat(stray.exitCode()).isNotZero();
        assertThat(stray.err()).contains("--validate-csv and --force go with --model");
    }

    @Test
    void trainWritesALoadableModel() throws Exception {
        Path csv = dir.resolve("t.csv");
        StringBuilder sb = new StringBuilder("symbol,date,close\n");
        for (int i = 0; i < 40; i++) {
            sb.append("AAA,").append(java.time.LocalDate.of(2020, 1, 1).plusDays(i)).append(',').append(100 + i % 7).append('\n');
        }
        Files.writeString(csv, sb.toString());
        Path model = dir.resolve("m.bin");
        CliRun r = CliRun.of("train", csv.toString(), "--out", model.toString(), "--epochs", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (LstmModel loaded = LstmModel.load(model, LstmConfig.DEFAULT)) {
            assertThat(loaded.parameterCount()).isEqualTo(937);
        }
    }

    @Test
    void aBadCsvRowIsAClearErrorNotAStackTrace() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "symbol,date,close\nAAA,2020-01-01,abc\n");
        CliRun r = CliRun.of("train", csv.toString(), "--out", dir.resolve("m.bin").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("bad.csv:2: close is not a number").doesNotContain("\tat ");
    }

    @Test
    void produceRefusesToSkipMoreTicksThanTheFileHasBeforeItConnects() throws Exception {
        Path csv = dir.resolve("two.csv");
        Files.writeString(csv, "symbol,date,close\nAAA,2020-01-01,10\nAAA,2020-01-02,11\n");
        CliRun r = CliRun.of("produce", csv.toString(), "--skip", "3", "-b", "127.0.0.1:1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--skip must be 0..2 (the file has 2 ticks), was 3").doesNotContain("cannot use the Kafka cluster");
    }

    @Test
    void aBadJsonLineStopsProduceBeforeItConnectsNamingTheLineAndTheReason() throws Exception {
        Path jsonl = dir.resolve("ticks.jsonl");
        Files.writeString(jsonl, "{\"symbol\":\"AAA\",\"date\":\"2020-01-01\",\"close\":10}\n"
                + "{\"symbol\":\"AAA\",\"date\":\"2020-01-02\",\"close\":0}\n");
        CliRun r = CliRun.of("produce", jsonl.toString(), "-b", "127.0.0.1:1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("ticks.jsonl:2: bad-close: close must be a finite number > 0")
                .doesNotContain("cannot use the Kafka cluster").doesNotContain("\tat ");
    }

    @Test
    void produceReadsStandardInputAsJsonLinesOrCsvByItsContentOrByFormat() {
        byte[] json = ("{\"symbol\":\"AAA\",\"date\":\"2020-01-01\",\"close\":10}\n"
                + "{\"symbol\":\"AAA\",\"date\":\"2020-01-02\",\"close\":11}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // --skip past the input's end is refused after reading it and before connecting: it shows what was read
        CliRun detected = CliRun.withStdin(json, "produce", "-", "--skip", "3", "-b", "127.0.0.1:1");
        assertThat(detected.exitCode()).as(detected.err()).isEqualTo(2);
        assertThat(detected.err()).contains("--skip must be 0..2 (standard input has 2 ticks), was 3");

        byte[] csv = "symbol,date,close\nAAA,2020-01-01,10\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CliRun asCsv = CliRun.withStdin(csv, "produce", "-", "--skip", "2", "-b", "127.0.0.1:1");
        assertThat(asCsv.err()).contains("--skip must be 0..1 (standard input has 1 ticks), was 2");

        CliRun forced = CliRun.withStdin(csv, "produce", "-", "--format", "json", "-b", "127.0.0.1:1");
        assertThat(forced.exitCode()).isEqualTo(1);
        assertThat(forced.err()).contains("standard input:1: malformed-json: ");

        CliRun bad = CliRun.withStdin(csv, "produce", "-", "--format", "xml");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("expected csv or json, got 'xml'");
    }

    @Test
    void unknownOptionsAndSettingsAreRejected() {
        assertThat(CliRun.of("demo", "--no-such-option").exitCode()).isEqualTo(2);
        CliRun r = CliRun.of("train", "x.csv", "--out", "m", "--set", "no.such.key=1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("unknown configuration key 'no.such.key'");
    }
}
