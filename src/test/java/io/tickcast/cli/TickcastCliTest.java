package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.tickcast.config.LstmConfig;
import io.tickcast.lstm.LstmModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TickcastCliTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = TickcastCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    @Test
    void everyCommandDocumentsItsOptions() {
        Run top = run("--help");
        assertThat(top.exitCode()).isZero();
        for (String command : List.of("demo", "run", "produce", "consume", "train", "models", "backtest")) {
            assertThat(top.out()).contains(command);
            Run help = run(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: tickcast " + command).contains("--help");
        }
        assertThat(run("demo", "--help").out()).contains("--csv", "--keep-running", "--train-fraction");
        assertThat(run("run", "--help").out()).contains("--bootstrap-servers", "--config", "--model", "--train-csv", "--set");
        assertThat(run("produce", "--help").out()).contains("--rate", "FILE.csv");
        assertThat(run("consume", "--help").out()).contains("--follow", "--json", "--from-beginning");
        assertThat(run("train", "--help").out()).contains("--out", "--epochs");
        assertThat(run("run", "--help").out()).contains("--role", "all|stream|trainer");
        assertThat(run("models", "--help").out()).contains("list", "rollback");
        assertThat(run("models", "rollback", "--help").out()).contains("VERSION", "--bootstrap-servers");
        assertThat(run("backtest", "--help").out()).contains("--scaling", "--symbol", "--json", "--seed");
        assertThat(run("run", "--role", "nonsense").err()).contains("expected all, stream or trainer");
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
        Run r = run("train", csv.toString(), "--out", model.toString(), "--epochs", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (LstmModel loaded = LstmModel.load(model, LstmConfig.DEFAULT)) {
            assertThat(loaded.parameterCount()).isEqualTo(937);
        }
    }

    @Test
    void aBadCsvRowIsAClearErrorNotAStackTrace() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "symbol,date,close\nAAA,2020-01-01,abc\n");
        Run r = run("train", csv.toString(), "--out", dir.resolve("m.bin").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("bad.csv:2: close is not a number").doesNotContain("\tat ");
    }

    @Test
    void unknownOptionsAndSettingsAreRejected() {
        assertThat(run("demo", "--no-such-option").exitCode()).isEqualTo(2);
        Run r = run("train", "x.csv", "--out", "m", "--set", "no.such.key=1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("unknown configuration key 'no.such.key'");
    }
}
