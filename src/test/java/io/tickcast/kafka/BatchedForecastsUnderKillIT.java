package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tickcast.cli.CliProcess;
import io.tickcast.client.TickPublisher;
import io.tickcast.config.TickcastConfig;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import io.tickcast.records.Tick;
import io.tickcast.registry.ModelPublisher;
import io.tickcast.registry.ModelRecord;
import io.tickcast.service.TopicAdmin;
import io.tickcast.topology.ForecastTopology;
import io.tickcast.training.SyntheticSeries;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch cut in half by a kill, with real separate processes: the service (its own JVM, against the in-process
 * broker) has committed 40 window updates whose forecasts wait for their batch (a one-minute
 * {@code stream.batch.max-delay}, so the kill surely lands between the update and the forecast), and is SIGKILLed.
 * The next instance restores the pending marks from their changelog and sends each of those 40 forecasts exactly
 * once, equal to what the model makes of each window, before the next day's ticks, which it then forecasts too.
 */
class BatchedForecastsUnderKillIT {

    private static final int SYMBOLS = 40;
    private static final LocalDate D0 = LocalDate.of(2020, 1, 1);
    private static final String APP = "batch-kill";

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void forecastsWaitingForTheirBatchWhenTheServiceIsKilledGoOutOnceAfterTheRestart() throws Exception {
        TickcastConfig config = TickcastConfig.defaults().withBootstrapServers(kafka.bootstrapServers())
                .withApplicationId(APP);
        TopicAdmin.ensureTopics(config, 2, (short) 1);
        double[][] closes = new double[SYMBOLS][];
        for (int s = 0; s < SYMBOLS; s++) {
            closes[s] = SyntheticSeries.wave(7, 50 + 10 * s, s, s);
        }
        Map<String, Double> expected = new HashMap<>(); // "symbol asOf" -> the model's forecast
        try (LstmModel model = LstmTrainer.train(LstmConfig.DEFAULT.withEpochs(5),
                List.of(SyntheticSeries.wave(300, 100, 0, 1)), LstmTrainer.EpochListener.NONE).model();
             ModelPublisher registry = new ModelPublisher(config.kafkaClientProperties(), config.topics().models());
             LstmPredictor predictor = model.newPredictor()) {
            registry.publish(ModelRecord.forced(model, 1, Instant.now()));
            for (int s = 0; s < SYMBOLS; s++) {
                for (int d = 4; d < 6; d++) {
                    expected.put(symbol(s) + " " + D0.plusDays(d), predictor.forecast(Arrays.copyOfRange(closes[s], d - 4, d + 1)));
                }
            }
        }
        Path state = dir.resolve("state");
        try (CliProcess first = service(state, "first", "PT1M")) {
            publishDays(config, closes, 0, 5); // windows full on day 4: 40 forecasts wait for the minute to pass
            String changelog = APP + "-" + ForecastTopology.PENDING_FORECASTS + "-changelog";
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .failFast("the service died: " + first.log(), () -> !first.alive())
                    .until(() -> committed(config, changelog, new ByteArrayDeserializer(), SYMBOLS).stream()
                            .filter(r -> r.value() != null).count() >= SYMBOLS);
            assertThat(forecasts(config, 0, Duration.ofSeconds(3))).as("committed forecasts before the kill").isEmpty();
            first.kill();
        }

        try (CliProcess second = service(state, "second", "PT0.01S")) {
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .failFast("the service died: " + second.log(), () -> !second.alive())
                    .until(() -> forecasts(config, SYMBOLS, Duration.ZERO).size() >= SYMBOLS);
            publishDays(config, closes, 5, 6);
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .failFast("the service died: " + second.log(), () -> !second.alive())
                    .until(() -> forecasts(config, 2 * SYMBOLS, Duration.ZERO).size() >= 2 * SYMBOLS);
            List<Forecast> all = forecasts(config, 2 * SYMBOLS, Duration.ofSeconds(3));
            assertThat(all).hasSize(2 * SYMBOLS);
            Map<String, Forecast> byKey = new HashMap<>();
            Map<String, List<LocalDate>> order = new HashMap<>();
            for (Forecast f : all) {
                assertThat(byKey.put(f.symbol() + " " + f.asOf(), f)).as("a duplicate forecast").isNull();
                order.computeIfAbsent(f.symbol(), k -> new ArrayList<>()).add(f.asOf());
            }
            assertThat(byKey.keySet()).isEqualTo(expected.keySet());
            order.forEach((symbol, dates) -> assertThat(dates).as(symbol).containsExactly(D0.plusDays(4), D0.plusDays(5)));
            byKey.forEach((key, f) -> {
                assertThat(f.model()).as(key).isEqualTo(Forecast.MODEL_LSTM);
                double want = expected.get(key);
                assertThat(Math.abs(f.forecastClose() - want)).as(key).isLessThanOrEqualTo(1e-6 * want);
            });
        }
    }

    private static String symbol(int s) {
        return "S" + s;
    }

    private static void publishDays(TickcastConfig config, double[][] closes, int from, int to) throws Exception {
        List<Tick> ticks = new ArrayList<>();
        for (int d = from; d < to; d++) {
            for (int s = 0; s < SYMBOLS; s++) {
                ticks.add(Tick.of(symbol(s), D0.plusDays(d), closes[s][d]));
            }
        }
        try (TickPublisher publisher = new TickPublisher(config.kafkaClientProperties(), config.topics().ticks())) {
            publisher.publish(ticks, 0, n -> { });
        }
    }

    private CliProcess service(Path state, String name, String maxDelay) {
        return CliProcess.start(dir.resolve(name + ".log"), "run", "--role", "stream", "-b", kafka.bootstrapServers(),
                "--set", "application.id=" + APP, "--set", "state.dir=" + state, "--set", "http.host=127.0.0.1",
                "--set", "http.port=0", "--set", "stream.batch.max-delay=" + maxDelay,
                // the killed instance's tasks move once its session times out: the broker's least, not 45 s
                "--set", "kafka.session.timeout.ms=6000");
    }

    private static List<Forecast> forecasts(TickcastConfig config, int expected, Duration settle) {
        return committed(config, config.topics().forecasts(), JsonSerde.of(Forecast.class).deserializer(), expected, settle)
                .stream().map(ConsumerRecord::value).toList();
    }

    private static <V> List<ConsumerRecord<String, V>> committed(TickcastConfig config, String topic,
                                                                 org.apache.kafka.common.serialization.Deserializer<V> values,
                                                                 int expected) {
        return committed(config, topic, values, expected, Duration.ZERO);
    }

    private static <V> List<ConsumerRecord<String, V>> committed(TickcastConfig config, String topic,
                                                                 org.apache.kafka.common.serialization.Deserializer<V> values,
                                                                 int expected, Duration settle) {
        return TopicRecords.read(config.kafkaClientProperties(), topic,
                new StringDeserializer(), values, expected, Duration.ofSeconds(5), settle);
    }
}
