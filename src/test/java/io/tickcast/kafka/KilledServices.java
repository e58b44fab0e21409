package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.tickcast.cli.CliProcess;
import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import io.tickcast.records.Tick;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** The stream service as a JVM of its own (to be SIGKILLed), and the committed forecasts it has written. */
final class KilledServices {

    private KilledServices() {
    }

    /** {@code tickcast run --role stream} of application {@code appId}, its state in {@code state}, logging to dir. */
    static CliProcess stream(Path dir, String name, String bootstrap, String appId, Path state) {
        return CliProcess.start(dir.resolve(name + ".log"), "run", "--role", "stream", "--bootstrap-server", bootstrap,
                "--set", "application.id=" + appId, "--set", "state.dir=" + state, "--set", "http.host=127.0.0.1",
                "--set", "http.port=0");
    }

    /**
     * A thread (not started) that publishes {@code ticks} at 60 ticks/s, slow enough for kills to land mid-replay;
     * what it throws goes to {@code failed}.
     */
    static Thread replay(TickcastConfig config, List<Tick> ticks, AtomicReference<Throwable> failed) {
        return new Thread(() -> {
            try (TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
                publisher.publish(ticks, 60, n -> { });
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "replay");
    }

    /** Waits until at least {@code atLeast} forecasts are committed; fails at once if {@code service} dies. */
    static void awaitCommitted(TickcastConfig config, int atLeast, CliProcess service) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .failFast(() -> assertThat(service.alive()).as("the service is alive; its log:%n%s", service.log()).isTrue())
                .until(() -> committed(config, atLeast, Duration.ZERO).size() >= atLeast);
    }

    /** Committed forecasts only, read from the beginning. */
    static List<Forecast> committed(TickcastConfig config, int expected, Duration settle) {
        return TopicRecords.read(config.kafkaClientProperties(), config.topics().forecasts(), new StringDeserializer(),
                JsonSerde.of(Forecast.class).deserializer(), expected, Duration.ofSeconds(5), settle).stream()
                .map(ConsumerRecord::value).toList();
    }

    /** The port of the HTTP server {@code service} logged that it serves on. */
    static int httpPort(CliProcess service) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("HTTP server on http://[^:/]+:(\\d+)").matcher(service.log());
        assertThat(m.find()).as("the HTTP server's address in the log:%n%s", service.log()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** What {@code GET path} on {@code service}'s HTTP server answers: status and body. */
    static java.net.http.HttpResponse<String> get(CliProcess service, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + httpPort(service) + path)).timeout(Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** {@code service}'s Prometheus scrape. */
    static String scrape(CliProcess service) throws Exception {
        return get(service, "/metrics").body();
    }
}
