package io.tickcast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.tickcast.cli.CliProcess;
import io.tickcast.config.TickcastConfig;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.Forecast;
import io.tickcast.records.Tick;
import io.tickcast.registry.ModelPublisher;
import io.tickcast.registry.ModelRecord;
import io.tickcast.service.TopicAdmin;
import io.tickcast.training.SyntheticSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once, proven with real separate processes: the service runs as its own JVM against the in-process
 * broker and is SIGKILLed twice mid-replay (the second time its state directory is removed too) and
 * restarted, and then the broker itself is stopped and started again mid-replay. Afterwards the forecasts topic holds exactly one committed forecast per accepted tick (read
 * read_committed): none lost, none duplicated, and each equal to the one an undisturbed run makes (the same
 * model on the same window).
 */
class ExactlyOnceUnderKillsIT {

    private static final String[] SYMBOLS = {"AAA", "BBB", "CCC", "DDD"};
    private static final int DAYS = 300;
    private static final LocalDate D0 = LocalDate.of(2020, 1, 1);
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void twoKillsOneWithItsStateGoneAndABrokerRestartLoseAndDuplicateNothing() throws Exception {
        TickcastConfig config = TickcastConfig.defaults().withBootstrapServers(kafka.bootstrapServers())
                .withApplicationId("eos-kills");
        TopicAdmin.ensureTopics(config, 2, (short) 1);
        double[][] closes = new double[SYMBOLS.length][];
        for (int s = 0; s < SYMBOLS.length; s++) {
            closes[s] = SyntheticSeries.wave(DAYS, 100 * (s + 1), s, s);
        }
        Map<String, Double> expected = new HashMap<>();
        try (LstmModel model = LstmTrainer.train(LstmConfig.DEFAULT.withEpochs(20), List.of(closes[0]),
                LstmTrainer.EpochListener.NONE).model();
             ModelPublisher registry = new ModelPublisher(config.kafkaClientProperties(), config.topics().models());
             LstmPredictor undisturbed = model.newPredictor()) {
            registry.publish(ModelRecord.forced(model, 1, Instant.now()));
            for (int s = 0; s < SYMBOLS.length; s++) {
                for (int d = 4; d < DAYS; d++) {
                    expected.put(SYMBOLS[s] + " " + D0.plusDays(d),
                            undisturbed.forecast(java.util.Arrays.copyOfRange(closes[s], d - 4, d + 1)));
                }
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            for (int s = 0; s < SYMBOLS.length; s++) {
                ticks.add(Tick.of(SYMBOLS[s], D0.plusDays(d), closes[s][d]));
            }
        }
        int total = expected.size();

        AtomicReference<Throwable> replayFailed = new AtomicReference<>();
        Thread replay = KilledServices.replay(config, ticks, replayFailed); // 60 ticks/s: the kills land mid-replay
        Path state = dir.resolve("state");
        CliProcess first = service(state, "first");
        replay.start();
        awaitCommitted(config, total / 5, first);
        first.kill();

        CliProcess second = service(state, "second");
        awaitCommitted(config, total / 2, second);
        second.kill();
        io.tickcast.kafka.TempDirs.deleteQuietly(state); // the third instance restores its stores from the changelogs

        try (CliProcess third = service(state, "third")) {
            awaitCommitted(config, 2 * total / 3, third);
            kafka.stop(); // a broker outage: the replay and the service wait, retry and go on
            kafka.restart();
            replay.join(Duration.ofMinutes(3).toMillis());
            assertThat(replayFailed.get()).isNull();
            awaitCommitted(config, total, third);
            List<Forecast> forecasts = committed(config, total, Duration.ofSeconds(3));
            assertThat(forecasts).hasSize(total);
            Map<String, Forecast> bySymbolAndDay = new HashMap<>();
            for (Forecast f : forecasts) {
                assertThat(bySymbolAndDay.put(f.symbol() + " " + f.asOf(), f)).as("a duplicate forecast").isNull();
            }
            assertThat(bySymbolAndDay.keySet()).isEqualTo(expected.keySet());
            List<String> differing = new ArrayList<>();
            bySymbolAndDay.forEach((key, f) -> {
                double want = expected.get(key);
                // the same model on the same window; which windows share a batched call depends on timing, and a
                // call of many windows may round the float32 output differently in its last bits (~1e-8 here)
                if (!f.model().equals(Forecast.MODEL_LSTM) || Math.abs(f.forecastClose() - want) > 1e-6 * Math.abs(want)) {
                    differing.add(key + ": " + f.model() + " v" + f.modelVersion() + " " + f.forecastClose() + " (last "
                            + f.lastClose() + ") vs undisturbed " + want + " at " + f.producedAt());
                }
            });
            java.util.Collections.sort(differing);
            assertThat(differing).as("forecasts unlike the undisturbed run's (%d of %d)", differing.size(), total).isEmpty();
        }
    }

    private CliProcess service(Path state, String name) {
        return KilledServices.stream(dir, name, kafka.bootstrapServers(), "eos-kills", state);
    }

    private static void awaitCommitted(TickcastConfig config, int atLeast, CliProcess service) {
        KilledServices.awaitCommitted(config, atLeast, service);
    }

    private static List<Forecast> committed(TickcastConfig config, int expected, Duration settle) {
        return KilledServices.committed(config, expected, settle);
    }
}
