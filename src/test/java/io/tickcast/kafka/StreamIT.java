package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.http.HttpBinding;
import io.tickcast.http.HttpEndpoint;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.TestModels;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import io.tickcast.records.RejectReason;
import io.tickcast.records.Tick;
import io.tickcast.registry.ModelFollower;
import io.tickcast.service.ForecastService;
import io.tickcast.service.TopicAdmin;
import io.tickcast.serving.ModelSlot;
import io.tickcast.topology.DeadLetter;
import io.tickcast.topology.RecordingStreamEvents;
import io.tickcast.topology.StreamEvents;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The service against a real Kafka broker (in-process KRaft on 127.0.0.1). */
class StreamIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path stateDir;

    @Test
    void everyAcceptedTickGetsExactlyOneForecastAndBadOnesAreDeadLettered() throws Exception {
        TickcastConfig config = TickcastConfig.defaults().withBootstrapServers(kafka.bootstrapServers())
                .withStateDir(stateDir.toString()).withApplicationId("it-" + System.nanoTime());
        TopicAdmin.ensureTopics(config, 3, (short) 1);

        double[] wave = new double[60];
        for (int i = 0; i < wave.length; i++) {
            wave[i] = 100 + 5 * Math.sin(i / 4.0);
        }
        TrainingResult trained = LstmTrainer.train(LstmConfig.DEFAULT, List.of(wave), LstmTrainer.EpochListener.NONE);
        ModelSlot slot = new ModelSlot(5);
        slot.install(trained.model(), 1);

        List<Tick> ticks = new ArrayList<>();
        LocalDate d0 = LocalDate.of(2020, 1, 1);
        Map<String, Integer> days = Map.of("AAA", 12, "BBB", 9, "CCC", 4);
        for (int day = 0; day < 12; day++) {
            for (var e : new TreeMap<>(days).entrySet()) {
                if (day < e.getValue()) {
                    ticks.add(Tick.of(e.getKey(), d0.plusDays(day), wave[day] * (1 + e.getKey().charAt(0) - 'A')));
                }
            }
        }
        // accepted ticks: AAA 12, BBB 9, CCC 4 -> forecasts: 8 + 5 + 0
        try (ForecastService service = new ForecastService(config, slot, StreamEvents.NONE, Clock.systemUTC())) {
            service.start();
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            try (TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
                publisher.publish(ticks, 0, n -> { });
                publisher.publishRaw("AAA", "{\"symbol\":\"AAA\",\"date\":\"2020-01-03\",\"close\":1}".getBytes(StandardCharsets.UTF_8));
                publisher.publishRaw("BBB", "not json".getBytes(StandardCharsets.UTF_8));
                publisher.publishRaw(null, "{\"symbol\":\"CCC\",\"date\":\"2020-13-01\",\"close\":1}".getBytes(StandardCharsets.UTF_8));
                publisher.flush();
            }
            List<Forecast> forecasts = readForecasts(config, 13, Duration.ofSeconds(60));
            List<ConsumerRecord<byte[], byte[]>> dead = readAll(config.topics().deadLetter(), 3, Duration.ofSeconds(30));

            Map<String, Long> perSymbol = forecasts.stream().collect(Collectors.groupingBy(Forecast::symbol, Collectors.counting()));
            assertThat(perSymbol).containsExactlyInAnyOrderEntriesOf(Map.of("AAA", 8L, "BBB", 5L));
            assertThat(forecasts).allSatisfy(f -> {
                assertThat(f.model()).isEqualTo(Forecast.MODEL_LSTM);
                assertThat(f.modelVersion()).isEqualTo(1);
            });
            assertThat(forecasts.stream().filter(f -> f.symbol().equals("AAA")).map(Forecast::asOf).distinct().count()).isEqualTo(8);
            assertThat(dead).extracting(r -> header(r, DeadLetter.HEADER_REASON))
                    .containsExactlyInAnyOrder("out-of-order", "malformed-json", "bad-date");
            assertThat(dead).allSatisfy(r -> assertThat(header(r, DeadLetter.HEADER_SOURCE_TOPIC)).isEqualTo(config.topics().ticks()));
            // nothing more arrives: exactly one forecast per accepted tick
            assertThat(readForecasts(config, Integer.MAX_VALUE, Duration.ofSeconds(3))).hasSize(13);
        } finally {
            trained.model().close();
        }
    }

    @Test
    void aPendingForecastSurvivesARestartAndIsScoredAfterIt() throws Exception {
        TickcastConfig config = TickcastConfig.defaults().withBootstrapServers(kafka.bootstrapServers())
                .withApplicationId("it-restart-" + System.nanoTime())
                .withTopics(new TickcastConfig.Topics("ticks-r", "forecasts-r", "dlq-r", "models-r"));
        TopicAdmin.ensureTopics(config, 2, (short) 1);
        LocalDate d0 = LocalDate.of(2021, 3, 1);
        RecordingStreamEvents before = new RecordingStreamEvents();
        try (ForecastService first = new ForecastService(config.withStateDir(stateDir.resolve("1").toString()),
                new ModelSlot(5), before, Clock.systemUTC());
             TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
            first.start();
            assertThat(first.awaitRunning(Duration.ofSeconds(60))).isTrue();
            for (int i = 0; i < 6; i++) {
                publisher.publish(List.of(Tick.of("AAA", d0.plusDays(i), 50 + i), Tick.of("BBB", d0.plusDays(i), 70 - i)), 0, n -> { });
            }
            assertThat(readForecasts(config, 4, Duration.ofSeconds(30))).hasSize(4);
        }
        // before the restart: the d4 forecasts were scored by d5; the d5 ones wait in the store
        assertThat(before.scored).hasSize(2);
        RecordingStreamEvents after = new RecordingStreamEvents();
        // a new state directory: the pending forecasts come back from the changelog, not from memory
        try (ForecastService second = new ForecastService(config.withStateDir(stateDir.resolve("2").toString()),
                new ModelSlot(5), after, Clock.systemUTC());
             TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
            second.start();
            assertThat(second.awaitRunning(Duration.ofSeconds(60))).isTrue();
            publisher.publish(List.of(Tick.of("BBB", d0.plusDays(6), 80), Tick.of("AAA", d0.plusDays(6), 40)), 0, n -> { });
            assertThat(readForecasts(config, 6, Duration.ofSeconds(30))).hasSize(6);
        }
        assertThat(after.scored).hasSize(2);
        assertThat(after.scored).allSatisfy(s -> assertThat(s.forecast().asOf()).isEqualTo(d0.plusDays(5)));
        assertThat(after.scored).extracting(s -> s.forecast().symbol() + "=" + s.actual())
                .containsExactlyInAnyOrder("AAA=40.0", "BBB=80.0");
    }

    @Test
    void aModelFollowerWhoseRegistryIsMissingRetriesSaysSinceWhenAndCatchesUpOnceItExists() throws Exception {
        TickcastConfig config = TickcastConfig.defaults().withBootstrapServers(kafka.bootstrapServers());
        String registry = "late-registry";
        try (ModelFollower follower = new ModelFollower(config.kafkaClientProperties(), registry,
                new ModelSlot(5), config.lstm(), io.tickcast.registry.RegistryEvents.NONE)) {
            follower.start();
            assertThat(follower.awaitCaughtUp(Duration.ofSeconds(3))).isFalse();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> follower.failingSince() != null);
            assertThat(follower.lastError()).contains(registry, "does not exist");
            assertThat(follower.stopped()).as("it retries rather than giving up").isFalse();
            try (Admin admin = Admin.create(config.kafkaClientProperties())) {
                admin.createTopics(List.of(new NewTopic(registry, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            assertThat(follower.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(follower.failingSince()).isNull();
            assertThat(follower.current()).isNull();
        }
    }

    @Test
    void aPoisonTickIsDeadLetteredAndTheTicksAfterItGetTheirForecastsOnTheSameStreamThread() throws Exception {
        TickcastConfig config = TickcastConfig.defaults().withBootstrapServers(kafka.bootstrapServers())
                .withStateDir(stateDir.toString()).withApplicationId("it-poison-" + System.nanoTime())
                .withTopics(new TickcastConfig.Topics("ticks-p", "forecasts-p", "dlq-p", "models-p"));
        TopicAdmin.ensureTopics(config, 1, (short) 1);
        RecordingStreamEvents events = new RecordingStreamEvents()
                .failScoringAgainst(66.6, () -> new IllegalStateException("injected failure in the window step"));
        ModelSlot slot = new ModelSlot(5);
        LstmModel broken = TestModels.forecastingAMoveOf(1, LstmConfig.DEFAULT);
        slot.install(broken, 2);
        broken.close();   // every inference throws: the ticks get the naive forecast instead
        LocalDate d0 = LocalDate.of(2022, 5, 2);
        byte[] poison = ("{\"symbol\":\"AAA\",\"date\":\"" + d0.plusDays(5) + "\",\"close\":66.6}").getBytes(StandardCharsets.UTF_8);
        try (ForecastService service = new ForecastService(config, slot, events, Clock.systemUTC());
             TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
            service.start();
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            List<String> threads = streamThreads(service);
            for (int i = 0; i < 5; i++) {
                publisher.publish(List.of(Tick.of("AAA", d0.plusDays(i), 60 + i)), 0, n -> { });   // offsets 0-4
            }
            publisher.publishRaw("AAA", poison);                                                   // offset 5
            for (int i = 6; i < 10; i++) {
                publisher.publish(List.of(Tick.of("AAA", d0.plusDays(i), 60 + i)), 0, n -> { });
            }
            publisher.flush();

            List<Forecast> forecasts = readForecasts(config, 5, Duration.ofSeconds(60));
            assertThat(forecasts).extracting(Forecast::asOf).containsExactly(d0.plusDays(4), d0.plusDays(6), d0.plusDays(7),
                    d0.plusDays(8), d0.plusDays(9));
            assertThat(forecasts).allSatisfy(f -> {
                assertThat(f.model()).isEqualTo(Forecast.MODEL_NAIVE);
                assertThat(f.forecastClose()).isEqualTo(f.lastClose());
            });
            assertThat(events.inferenceFailures.get()).isEqualTo(5);
            List<ConsumerRecord<byte[], byte[]>> dead = readAll(config.topics().deadLetter(), 1, Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).value()).isEqualTo(poison);
            assertThat(header(dead.get(0), DeadLetter.HEADER_REASON)).isEqualTo("processing-error");
            assertThat(header(dead.get(0), DeadLetter.HEADER_DETAIL)).isEqualTo(
                    "java.lang.IllegalStateException in processor 'window': injected failure in the window step");
            assertThat(header(dead.get(0), DeadLetter.HEADER_SOURCE_TOPIC)).isEqualTo("ticks-p");
            assertThat(header(dead.get(0), DeadLetter.HEADER_SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(dead.get(0), DeadLetter.HEADER_SOURCE_OFFSET)).isEqualTo("5");
            assertThat(events.rejected).containsExactly(RejectReason.PROCESSING_ERROR);
            assertThat(service.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(streamThreads(service)).as("no stream thread died and was replaced").isEqualTo(threads);
        }
    }

    @Test
    void streamThreadsThatKeepFailingStopTheInstanceAndLivenessGoesDown() throws Exception {
        // a failed thread's member stays in the group until its session times out (Kafka Streams does not leave
        // on close): 6 s instead of 45 s lets the replacement get the task, and fail, sooner
        TickcastConfig config = TickcastConfig.load(List.of(), Map.of(), Map.of("stream.thread-failure-limit", "2",
                        "stream.thread-failure-window", "PT10M", "kafka.session.timeout.ms", "6000"))
                .withBootstrapServers(kafka.bootstrapServers())
                .withStateDir(stateDir.toString()).withApplicationId("it-budget-" + System.nanoTime())
                .withTopics(new TickcastConfig.Topics("ticks-f", "forecasts-f", "dlq-f", "models-f"))
                .withHttp(new TickcastConfig.Http("127.0.0.1", 0));
        TopicAdmin.ensureTopics(config, 1, (short) 1);
        // not the tick's fault but Kafka Streams': not dead-lettered, it fails the thread, on every attempt
        RecordingStreamEvents events = new RecordingStreamEvents()
                .failScoringAgainst(66.6, () -> new StreamsException("injected: the state store cannot be written"));
        ModelSlot slot = new ModelSlot(5);
        LocalDate d0 = LocalDate.of(2022, 5, 2);
        CountDownLatch failed = new CountDownLatch(1);
        try (TickcastMetrics metrics = new TickcastMetrics(Clock.systemUTC());
             ForecastService service = new ForecastService(config, slot, events, Clock.systemUTC());
             HttpEndpoint http = HttpEndpoint.start(HttpBinding.bind(config.http()), config,
                     HttpEndpoint.Sources.stream(metrics::scrape, service.streams(), slot));
             TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
            service.onFailure(failed::countDown);
            service.start();
            assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
            assertThat(get(http, "/health/live").statusCode()).isEqualTo(200);
            for (int i = 0; i < 5; i++) {
                publisher.publish(List.of(Tick.of("AAA", d0.plusDays(i), 60 + i)), 0, n -> { });
            }
            publisher.publish(List.of(Tick.of("AAA", d0.plusDays(5), 66.6)), 0, n -> { });
            publisher.flush();

            // the first failure replaces the thread, which fails again on the same tick: the second stops the client
            assertThat(failed.await(120, TimeUnit.SECONDS)).as("the stream failed for good").isTrue();
            assertThat(service.streams().state()).isEqualTo(KafkaStreams.State.ERROR);
            HttpResponse<String> live = get(http, "/health/live");
            assertThat(live.statusCode()).isEqualTo(503);
            assertThat(live.body()).contains("\"status\":\"DOWN\"", "\"state\":\"ERROR\"");
            assertThat(readAll(config.topics().deadLetter(), 1, Duration.ofSeconds(3))).isEmpty();
        }
    }

    private static List<String> streamThreads(ForecastService service) {
        return service.streams().metadataForLocalThreads().stream().map(t -> t.threadName()).sorted().toList();
    }

    private static HttpResponse<String> get(HttpEndpoint http, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http.url(path)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Forecast> readForecasts(TickcastConfig config, int expected, Duration timeout) {
        return TopicRecords.read(config.kafkaClientProperties(), config.topics().forecasts(), new StringDeserializer(),
                JsonSerde.of(Forecast.class).deserializer(), expected, timeout, Duration.ZERO).stream()
                .map(ConsumerRecord::value).toList();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration timeout) {
        Properties client = new Properties();
        client.put("bootstrap.servers", kafka.bootstrapServers());
        return TopicRecords.read(client, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), expected,
                timeout, Duration.ZERO);
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
