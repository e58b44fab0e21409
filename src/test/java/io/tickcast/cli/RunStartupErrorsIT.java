package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.tickcast.kafka.KafkaBroker;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.TestModels;
import io.tickcast.settings.ConfigKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tickcast run} fails at start-up within seconds of the cause, with exit code 1 and one message that says
 * what is wrong and where: the bootstrap servers, the security protocol and the client's error for the cluster;
 * the file and the problem for a file; the key, the value, what is allowed and where it was set for a setting.
 * Timings are compared with generous bounds (a busy machine), never exactly.
 */
class RunStartupErrorsIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    // --- the cluster ---

    @Test
    void withNothingListeningTheServiceGivesUpAfterClientTimeoutInOneLineWithoutAStackTrace() throws Exception {
        assertThat(ConfigKey.CLIENT_TIMEOUT.defaultValue()).isEqualTo("PT15S");   // the bound below assumes it
        String dead = "127.0.0.1:" + portNothingListensOn();
        long start = System.nanoTime();
        int exit;
        String log;
        // a JVM of its own, as in production: its whole output is checked for stack traces
        try (CliProcess run = CliProcess.start(dir.resolve("run.log"), "run", "-b", dead,
                "--set", "http.host=127.0.0.1", "--set", "http.port=0", "--set", "state.dir=" + dir.resolve("state"))) {
            exit = run.await(3);
            log = run.log();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(exit).as(log).isEqualTo(1);
        assertThat(took).as(log).isLessThan(Duration.ofSeconds(45));   // was 2 minutes, then a generic timeout
        assertThat(log).contains("tickcast: cannot use the Kafka cluster at " + dead
                        + " (security.protocol PLAINTEXT): no answer within 15 s (client.timeout)",
                "likely cause: nothing listens at " + dead + " (connection refused)");
        assertThat(log.lines().filter(l -> l.startsWith("tickcast: "))).hasSize(1);
        assertThat(log).doesNotContain("\tat ", "Exception in thread", "could not read the model registry");
    }

    @Test
    void everyRoleChecksTheClusterFirstAndNamesTheSecurityProtocol() throws Exception {
        String dead = "127.0.0.1:" + portNothingListensOn();
        Map<String, CompletableFuture<CliRun>> runs = Map.of(
                "stream", async("run", "--role", "stream", "-b", dead, "--set", "client.timeout=PT3S"),
                "trainer", async("run", "--role", "trainer", "-b", dead, "--set", "client.timeout=PT3S"));
        // a SASL_SSL client at the test broker's PLAINTEXT listener: it connects, but no Kafka answer comes back
        CompletableFuture<CliRun> wrongProtocol = async("run", "-b", kafka.bootstrapServers(), "--set", "client.timeout=PT3S",
                "--set", "kafka.security.protocol=SASL_SSL", "--set", "kafka.sasl.mechanism=PLAIN",
                "--set", "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"u\" password=\"p\";");
        for (var e : runs.entrySet()) {
            CliRun r = e.getValue().get();
            assertThat(r.exitCode()).as(e.getKey()).isEqualTo(1);
            assertThat(r.err()).as(e.getKey()).contains("cannot use the Kafka cluster at " + dead
                    + " (security.protocol PLAINTEXT): no answer within 3 s (client.timeout)", "nothing listens at " + dead);
        }
        CliRun r = wrongProtocol.get();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cannot use the Kafka cluster at " + kafka.bootstrapServers() + " (security.protocol SASL_SSL)",
                kafka.bootstrapServers() + " accepts connections but did not answer as a Kafka broker speaking SASL_SSL");
    }

    @Test
    void anUnresolvableHostIsNamedWithTheResolversError() {
        CliRun r = run("run", "-b", "nosuchhost.invalid:9092", "--set", "client.timeout=PT3S");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cannot use the Kafka cluster at nosuchhost.invalid:9092 (security.protocol PLAINTEXT)",
                        "No resolvable bootstrap urls given in bootstrap.servers",
                        "the host of nosuchhost.invalid:9092 cannot be resolved (UnknownHostException: nosuchhost.invalid")
                .doesNotContain("Failed to construct kafka consumer");
    }

    @Test
    void aTopicTheRoleNeedsIsNamedBeforeAnythingStarts() {
        CliRun trainer = run("run", "--role", "trainer", "-b", kafka.bootstrapServers(), "--set", "topic.ticks=no-such-ticks");
        assertThat(trainer.exitCode()).isEqualTo(1);
        assertThat(trainer.err()).contains("the cluster at " + kafka.bootstrapServers() + " has no topic no-such-ticks",
                "--create-topics");
        CliRun stream = run("run", "--role", "stream", "-b", kafka.bootstrapServers(), "--set", "topic.models=no-such-models");
        assertThat(stream.exitCode()).isEqualTo(1);
        assertThat(stream.err()).contains("has no topic ", "no-such-models").doesNotContain("within PT2M");
    }

    @Test
    void anHttpPortInUseIsNamedWithTheSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            CliRun r = CliRun.of("run", "-b", kafka.bootstrapServers(), "--create-topics", "--set", "http.host=127.0.0.1",
                    "--set", "http.port=" + taken.getLocalPort(), "--set", "state.dir=" + dir.resolve("state"));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("cannot start the HTTP server on 127.0.0.1:" + taken.getLocalPort(),
                    "--set http.port=N");
        }
    }

    // --- files: each is read before anything connects, so these need no cluster ---

    @Test
    void aModelFileThatCannotServeIsNamedWithItsProblem() throws Exception {
        Path good = dir.resolve("good.model");
        try (LstmModel m = TestModels.forecastingAMoveOf(0, LstmConfig.DEFAULT)) {
            m.save(good);
        }
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.model"), Arrays.copyOf(bytes, bytes.length / 2));
        Path junk = Files.writeString(dir.resolve("junk.model"), "symbol,date,close\n");
        Path missing = dir.resolve("missing.model");

        assertFails(runOffline("--model", truncated.toString(), "--force"), "model file " + truncated
                + " is not a usable model: damaged model bytes: truncated (its " + bytes.length / 2 + " bytes end before the model does)");
        assertThat(runOffline("--model", truncated.toString(), "--force").err()).doesNotContain("null", "EOFException");
        assertFails(runOffline("--model", junk.toString(), "--force"),
                "model file " + junk + " is not a usable model: not a tickcast LSTM model");
        assertFails(runOffline("--model", missing.toString(), "--force"), "cannot read model file " + missing + ": no such file");
        assertFails(runOffline("--model", dir.toString(), "--force"), "cannot read model file " + dir + ": is a directory");
        assertFails(runOffline("--model", good.toString(), "--force", "--set", "lstm.window-size=6"), "model file " + good
                + " cannot serve this stream: it forecasts from 5 closes (window 5, 2 layers, hidden 8), but lstm.window-size is 6");
    }

    @Test
    void aCsvFileIsNamedWithItsProblem() throws Exception {
        Path missing = dir.resolve("missing.csv");
        assertFails(runOffline("--train-csv", missing.toString()), "cannot read " + missing + ": no such file");
        Path badRow = Files.writeString(dir.resolve("bad.csv"), "symbol,date,close\nAAA,2020-01-01,10\nAAA,2020-13-01,11\n");
        assertFails(runOffline("--train-csv", badRow.toString()), badRow + ":3: date is not yyyy-MM-dd");
        Path twice = Files.writeString(dir.resolve("twice.csv"), "symbol,date,close\nAAA,2020-01-01,10\nAAA,2020-01-01,11\n");
        assertFails(runOffline("--train-csv", twice.toString()), twice + ": AAA: dates must be strictly increasing");

        Path model = dir.resolve("m.model");
        try (LstmModel m = TestModels.forecastingAMoveOf(0, LstmConfig.DEFAULT)) {
            m.save(model);
        }
        assertFails(runOffline("--model", model.toString(), "--validate-csv", missing.toString()),
                "cannot read " + missing + ": no such file");
    }

    // --- settings ---

    @Test
    void aBadSettingNamesTheKeyTheValueWhatIsAllowedAndWhereItWasSet() throws Exception {
        assertFails(runOffline("--set", "trainer.validation-fraction=2"),
                "trainer.validation-fraction must be between 0 and 1 (exclusive), was 2.0 (set on the command line)");
        assertThat(runOffline("--set", "trainer.validation-fraction=2").err()).doesNotContain("Trainer[");

        Path file = Files.writeString(dir.resolve("tickcast.properties"), "gate.level=0.7\n");
        assertFails(runOffline("-c", file.toString()),
                "gate.level must be between 0 and 0.5 (exclusive), was 0.7 (set in config file " + file + ")");
        Path typo = Files.writeString(dir.resolve("typo.properties"), "topic.tick=prices\n");
        assertFails(runOffline("-c", typo.toString()), "config file " + typo + ": unknown key 'topic.tick'; did you mean 'topic.ticks'?");
        Path missing = dir.resolve("missing.properties");
        assertFails(runOffline("-c", missing.toString()), "cannot read config file " + missing + ": no such file");
        assertFails(runOffline("-c", dir.toString()), "cannot read config file " + dir + ": is a directory");
        assertFails(runOffline("--set", "lstm.hidden=0"), "lstm.hidden must be >= 1, was 0 (set on the command line)");
        assertFails(runOffline("--set", "client.timeout=15"),
                "client.timeout must be a duration: 500ms, 2s, 5m, 1h, 1d or ISO-8601 such as PT15S, was '15' (set on the command line)");
    }

    /** The run failed with exit code 1, saying {@code message}, before it tried the cluster. */
    private static void assertFails(CliRun r, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("tickcast: " + message).doesNotContain("cannot use the Kafka cluster");
    }

    /** {@code run ARGS} against a bootstrap server nothing listens on: what fails first must not be the cluster. */
    private CliRun runOffline(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("run", "-b", "127.0.0.1:1", "--set", "client.timeout=PT1S"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private CliRun run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "http.host=127.0.0.1", "--set", "http.port=0", "--set", "state.dir=" + dir.resolve("state")));
        return CliRun.of(all.toArray(String[]::new));
    }

    private CompletableFuture<CliRun> async(String... args) {
        return CompletableFuture.supplyAsync(() -> run(args), task -> new Thread(task, "cli-run").start());
    }

    private static int portNothingListensOn() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
