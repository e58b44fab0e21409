package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.tickcast.kafka.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * produce, consume and models fail within client.timeout, saying where they tried, with which security protocol and
 * the likely cause, when the cluster is unreachable or refuses the client's security settings. Times are measured
 * here and compared with twice the bound, to stay clear of a busy machine's noise.
 */
class ClientsFailFastIT {

    private static final Duration BOUND = Duration.ofSeconds(4);

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    /** One command line's outcome and how long it took. */
    private record Timed(CliRun run, Duration took) {
    }

    @Test
    void everyClientCommandGivesUpWithinTheBoundWhenNothingListens() throws Exception {
        String dead = "127.0.0.1:" + portNothingListensOn();
        Path csv = dir.resolve("ticks.csv");
        Files.writeString(csv, "symbol,date,close\nAAA,2020-01-01,10\nAAA,2020-01-02,11\n");
        Map<String, CompletableFuture<Timed>> runs = Map.of(
                "produce", async("produce", csv.toString(), "--no-progress", "-b", dead),
                "consume", async("consume", "-b", dead),
                "models list", async("models", "list", "-b", dead),
                "models rollback", async("models", "rollback", "1", "-b", dead));
        for (var e : runs.entrySet()) {
            Timed t = e.getValue().get();
            assertThat(t.run().exitCode()).as(e.getKey()).isEqualTo(1);
            assertThat(t.took()).as(e.getKey()).isLessThan(BOUND.multipliedBy(2));
            assertThat(t.run().err()).as(e.getKey()).contains(
                    "cannot use the Kafka cluster at " + dead + " (security.protocol PLAINTEXT): no answer within 4 s (client.timeout)",
                    "likely cause: nothing listens at " + dead + " (connection refused)");
            assertThat(t.run().out()).as(e.getKey()).doesNotContain("published");
        }
    }

    @Test
    void aSaslSslClientAgainstAPlaintextListenerIsToldTheSecurityProtocolMayNotMatch() throws Exception {
        Timed t = async("consume", "-b", kafka.bootstrapServers(),
                "--set", "kafka.security.protocol=SASL_SSL", "--set", "kafka.sasl.mechanism=PLAIN",
                "--set", "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"u\" password=\"p\";").get();
        assertThat(t.run().exitCode()).isEqualTo(1);
        assertThat(t.took()).isLessThan(BOUND.multipliedBy(2));
        assertThat(t.run().err()).contains("cannot use the Kafka cluster at " + kafka.bootstrapServers()
                        + " (security.protocol SASL_SSL)",
                "likely cause: " + kafka.bootstrapServers() + " accepts connections but did not answer as a Kafka broker "
                        + "speaking SASL_SSL: the listener most likely uses another security protocol");
    }

    @Test
    void aMissingTopicIsNamedBeforeAnythingIsSent() throws Exception {
        Path csv = dir.resolve("ticks.csv");
        Files.writeString(csv, "symbol,date,close\nAAA,2020-01-01,10\n");
        Timed t = async("produce", csv.toString(), "--no-progress", "-b", kafka.bootstrapServers(),
                "--set", "topic.ticks=no-such-ticks").get();
        assertThat(t.run().exitCode()).isEqualTo(1);
        assertThat(t.took()).isLessThan(BOUND.multipliedBy(2));
        assertThat(t.run().err()).contains("the cluster at " + kafka.bootstrapServers() + " has no topic no-such-ticks");
    }

    /** Runs the command line with client.timeout set to the bound, in the background, timing it. */
    private static CompletableFuture<Timed> async(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "client.timeout=" + BOUND));
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            CliRun run = CliRun.of(all.toArray(String[]::new));
            return new Timed(run, Duration.ofNanos(System.nanoTime() - start));
        }, task -> new Thread(task, "cli-run").start());
    }

    private static int portNothingListensOn() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
