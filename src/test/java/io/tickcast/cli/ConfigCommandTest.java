package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.tickcast.config.TickcastConfig;
import io.tickcast.settings.ConfigKey;
import io.tickcast.settings.KeyGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tickcast config}, run in-process: every key with its meaning, type, default and the value in effect. */
class ConfigCommandTest {

    @TempDir
    Path dir;

    @Test
    void everyKeyIsListedWithItsTypeDefaultVariableAndValue() {
        CliRun r = CliRun.of("config");
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (ConfigKey k : ConfigKey.values()) {
            String block = blockOf(r.out(), k.key()).replace("\n# ", " ");   // comment lines joined
            String shownDefault = k.defaultValue().isEmpty() ? "(empty)" : k.defaultValue();
            assertThat(block).as(k.key()).contains(k.allowedValues() + "; default " + shownDefault
                    + "; environment variable " + k.envVar());
            assertThat(block).as(k.key()).endsWith(k.key() + "=" + k.defaultValue().replace("\\", "\\\\"));
            for (String old : k.oldNames()) {
                assertThat(block).as(k.key()).contains("old name " + old + " (" + ConfigKey.envVarFor(old) + ")");
            }
        }
        for (KeyGroup g : KeyGroup.values()) {
            assertThat(r.out()).contains("# --- " + g.title() + ": ");
        }
        assertThat(blockOf(r.out(), "lstm.window-size")).startsWith("# Closes per window: the LSTM's input length");
        assertThat(blockOf(r.out(), "client.timeout").replace("\n# ", " ")).contains("See docs/operations.md#when-the-cluster-cannot-be-used.")
                .doesNotContain("`");
    }

    @Test
    void theValueInEffectSaysWhereItWasSetAndOldNamesCount() throws Exception {
        Path file = Files.writeString(dir.resolve("a.properties"), "train.epochs=12\nsecurity.protocol=SSL\n");
        CliRun r = CliRun.of("config", "-c", file.toString(), "--set", "trainer.interval=PT5M", "-b", "kafka:9092",
                "-X", "sasl.jaas.config=secret-jaas");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(blockOf(r.out(), "lstm.epochs")).contains("# set in config file " + file + " as train.epochs\nlstm.epochs=12");
        assertThat(blockOf(r.out(), "trainer.interval")).contains("# set on the command line\ntrainer.interval=PT5M");
        assertThat(blockOf(r.out(), "bootstrap.servers")).contains("# set on the command line\nbootstrap.servers=kafka:9092");
        assertThat(blockOf(r.out(), "stream.threads")).doesNotContain("# set ").endsWith("stream.threads=1");
        assertThat(r.out()).contains("# set in config file " + file + "\nkafka.security.protocol=SSL")
                .contains("#kafka.sasl.jaas.config=[hidden]".replace("#", "# ")).doesNotContain("secret-jaas");
    }

    @Test
    void theOutputIsAPropertiesFileThatGivesTheSameSettings() throws Exception {
        CliRun r = CliRun.of("config", "--set", "interval.levels=0.5,0.9", "--set", "http.advertised-host=node-1",
                "--set", "kafka.client.id=tc", "--set", "state.dir=C:\\state");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path out = Files.writeString(dir.resolve("out.properties"), r.out());
        TickcastConfig given = TickcastConfig.load(List.of(), Map.of(), Map.of("interval.levels", "0.5,0.9",
                "http.advertised-host", "node-1", "kafka.client.id", "tc", "state.dir", "C:\\state"));
        assertThat(TickcastConfig.load(out, Map.of(), Map.of())).isEqualTo(given);
    }

    @Test
    void aValueThatIsNotAllowedIsAnErrorAsForAnyCommand() {
        CliRun r = CliRun.of("config", "--set", "http.port=70000");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("http.port must be 0..65535, was 70000 (set on the command line)");
        assertThat(r.out()).isEmpty();
        CliRun unknown = CliRun.of("config", "--set", "lstm.window-sise=5");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown configuration key 'lstm.window-sise'", "did you mean 'lstm.window-size'?");
    }

    /** The comment lines above {@code key=...} and that line. */
    private static String blockOf(String out, String key) {
        int line = out.indexOf("\n" + key + "=");
        assertThat(line).as(key + " is listed").isPositive();
        int start = out.lastIndexOf("\n\n", line) + 2;
        int end = out.indexOf('\n', line + 1);
        return out.substring(start, end);
    }
}
