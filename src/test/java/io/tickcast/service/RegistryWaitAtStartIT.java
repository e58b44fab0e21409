package io.tickcast.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.KafkaBroker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream node's probes answer (live, not ready) while it waits for its registry reader at start. It waits only
 * while the reader makes progress: after the bound
 * without any, the start fails, naming the registry topic, the bootstrap servers, the security protocol and the
 * reader's last error, or, if the reader has none, what a fresh look at the cluster finds.
 */
class RegistryWaitAtStartIT {

    private static final Duration STALL = Duration.ofSeconds(3);

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void aRegistryTopicThatDoesNotExistIsNamedWithTheReadersError() {
        TickcastConfig config = config(kafka.bootstrapServers(), "registry-that-is-not-there");
        long start = System.nanoTime();
        try (TickcastNode node = new TickcastNode(config, Role.STREAM, Clock.systemUTC())) {
            assertThatThrownBy(() -> node.start(STALL))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot read the model registry registry-that-is-not-there at "
                            + kafka.bootstrapServers() + " (security.protocol PLAINTEXT): no progress within 3 s; last error: ")
                    .hasMessageContaining("topic registry-that-is-not-there does not exist");
            assertThat(node.stream().streams().state()).as("the stream did not start").isEqualTo(org.apache.kafka.streams.KafkaStreams.State.CREATED);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(40));
    }

    @Test
    void theProbesAnswerWhileTheNodeWaitsForItsRegistry() throws Exception {
        TickcastConfig config = config(kafka.bootstrapServers(), "registry-not-there-yet");
        HttpClient http = HttpClient.newHttpClient();
        try (TickcastNode node = new TickcastNode(config, Role.STREAM, Clock.systemUTC())) {
            CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> {
                try {
                    node.start(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // the registry topic does not exist: the start waits for it (its reader, started by the start, fails and
            // retries), and the probes answer meanwhile
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> node.follower().failingSince() != null);
            HttpResponse<String> live = get(http, node, "/health/live");
            HttpResponse<String> ready = get(http, node, "/health/ready");
            HttpResponse<String> metrics = get(http, node, "/metrics");
            assertThat(starting).as("the start still waits for the registry").isNotDone();
            assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
            assertThat(live.body()).contains("\"state\":\"CREATED\"");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            assertThat(ready.body()).contains("CREATED, not RUNNING");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("tickcast_model_version");
            node.close(); // gives up the wait
            assertThatThrownBy(() -> starting.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed while waiting for the model registry registry-not-there-yet");
        }
    }

    private static HttpResponse<String> get(HttpClient http, TickcastNode node, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.http().url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReaderThatJustWaitsIsExplainedByAFreshCheckOfTheCluster() throws Exception {
        String dead = "127.0.0.1:" + portNothingListensOn();
        TickcastConfig config = config(dead, "tickcast-models");
        try (TickcastNode node = new TickcastNode(config, Role.STREAM, Clock.systemUTC())) {
            // the reader's own client would wait its default.api.timeout.ms (60 s) without an error to report
            assertThatThrownBy(() -> node.start(STALL))
                    .hasMessageContaining("cannot read the model registry tickcast-models at " + dead
                            + " (security.protocol PLAINTEXT): no progress within 3 s; cannot use the Kafka cluster at " + dead)
                    .hasMessageContaining("nothing listens at " + dead);
        }
    }

    private TickcastConfig config(String servers, String registry) {
        TickcastConfig d = TickcastConfig.defaults();
        return d.withBootstrapServers(servers)
                .withStateDir(dir.resolve("state").toString())
                .withHttp(new TickcastConfig.Http("127.0.0.1", 0))
                .withApplicationId("registry-wait")
                .withTopics(new TickcastConfig.Topics("ticks", "forecasts", "ticks-dlq", registry));
    }

    private static int portNothingListensOn() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
