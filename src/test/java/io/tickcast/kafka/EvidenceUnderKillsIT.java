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
import io.tickcast.evidence.ServingDecision;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import io.tickcast.records.Tick;
import io.tickcast.registry.ModelPublisher;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.ServingTerms;
import io.tickcast.service.TopicAdmin;
import io.tickcast.serving.ModelSlot;
import io.tickcast.topology.StreamEvents;
import io.tickcast.topology.TopologyDrivers;
import io.tickcast.training.SyntheticSeries;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-symbol evidence survives SIGKILLs: a challenger (not forced: it serves a symbol only once that symbol's
 * live evidence promotes it) forecasts waves, on which it is far better than naive, so each symbol is promoted some
 * days into the replay. The service, a JVM of its own, is SIGKILLed mid-replay twice (the second time with its state
 * directory removed) and restarted. Every committed forecast, who served it included, equals the one an undisturbed
 * run of the same topology (under TopologyTestDriver) makes: the evidence is neither lost nor counted twice, and every
 * symbol is promoted on the same day.
 */
class EvidenceUnderKillsIT {

    private static final String[] SYMBOLS = {"AAA", "BBB", "CCC", "DDD"};
    private static final int DAYS = 250;
    private static final LocalDate D0 = LocalDate.of(2020, 1, 1);
    private static final String APP = "evidence-kills";

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void killedAndRestartedTheServiceDecidesAndForecastsAsAnUndisturbedRun() throws Exception {
        TickcastConfig config = TickcastConfig.defaults().withBootstrapServers(kafka.bootstrapServers())
                .withApplicationId(APP);
        TopicAdmin.ensureTopics(config, 2, (short) 1);
        List<Tick> ticks = new ArrayList<>();
        double[][] closes = new double[SYMBOLS.length][];
        for (int s = 0; s < SYMBOLS.length; s++) {
            closes[s] = SyntheticSeries.wave(DAYS, 100 * (s + 1), s, s);
        }
        for (int d = 0; d < DAYS; d++) {
            for (int s = 0; s < SYMBOLS.length; s++) {
                ticks.add(Tick.of(SYMBOLS[s], D0.plusDays(d), closes[s][d]));
            }
        }
        Map<String, Forecast> expected;
        try (LstmModel model = LstmTrainer.train(LstmConfig.DEFAULT.withEpochs(20), List.of(closes[0]),
                LstmTrainer.EpochListener.NONE).model();
             ModelPublisher registry = new ModelPublisher(config.kafkaClientProperties(), config.topics().models())) {
            // trained on other days than these: every live forecast counts as evidence
            ModelRecord record = ModelRecord.challenger(model, 1, Instant.now(), null,
                    new ModelRecord.DataRange(1, 100, D0.minusDays(100), D0.minusDays(1)), null);
            registry.publish(record);
            expected = undisturbed(config, record, ticks);
        }
        long promotedForecasts = expected.values().stream().filter(f -> Forecast.MODEL_LSTM.equals(f.model())).count();
        assertThat(promotedForecasts).as("the undisturbed run promotes the symbols mid-replay")
                .isBetween(1L, (long) expected.size() - SYMBOLS.length);
        int total = expected.size();

        AtomicReference<Throwable> replayFailed = new AtomicReference<>();
        Thread replay = KilledServices.replay(config, ticks, replayFailed); // 60 ticks/s: the kills land mid-replay
        Path state = dir.resolve("state");
        CliProcess first = KilledServices.stream(dir, "first", kafka.bootstrapServers(), APP, state);
        replay.start();
        KilledServices.awaitCommitted(config, total / 4, first);
        first.kill();
        CliProcess second = KilledServices.stream(dir, "second", kafka.bootstrapServers(), APP, state);
        KilledServices.awaitCommitted(config, total / 2, second);
        second.kill();
        TempDirs.deleteQuietly(state); // the third instance restores windows and evidence from the changelogs
        try (CliProcess third = KilledServices.stream(dir, "third", kafka.bootstrapServers(), APP, state)) {
            replay.join(Duration.ofMinutes(3).toMillis());
            assertThat(replayFailed.get()).isNull();
            KilledServices.awaitCommitted(config, total, third);
            List<Forecast> forecasts = KilledServices.committed(config, total, Duration.ofSeconds(3));
            Map<String, Forecast> got = new HashMap<>();
            for (Forecast f : forecasts) {
                assertThat(got.put(f.symbol() + " " + f.asOf(), f)).as("a duplicate forecast").isNull();
            }
            assertThat(got.keySet()).isEqualTo(expected.keySet());
            List<String> differing = new ArrayList<>();
            got.forEach((key, f) -> {
                Forecast want = expected.get(key);
                if (!f.model().equals(want.model()) || !close(f.forecastClose(), want.forecastClose())
                        || f.challenger() == null || !close(f.challenger().forecastClose(), want.challenger().forecastClose())) {
                    differing.add(key + ": " + f.model() + " " + f.forecastClose() + " vs undisturbed " + want.model() + " "
                            + want.forecastClose());
                }
            });
            java.util.Collections.sort(differing);
            assertThat(differing).as("forecasts unlike the undisturbed run's (%d of %d)", differing.size(), total).isEmpty();
        }
    }

    /** Batched calls may round float32 outputs differently in their last bits (~1e-8 here). */
    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-6 * Math.abs(b);
    }

    /** The same ticks through the same topology with the same challenger and terms, undisturbed. */
    private Map<String, Forecast> undisturbed(TickcastConfig config, ModelRecord record, List<Tick> ticks)
            throws Exception {
        ModelSlot slot = new ModelSlot(config.windowSize());
        slot.install(LstmModel.fromBytes(record.model(), LstmConfig.DEFAULT), record.version(), record.calibration(),
                ServingTerms.terms(record, ServingDecision.PER_SYMBOL));
        Map<String, Forecast> out = new HashMap<>();
        try (TopologyTestDriver driver = TopologyDrivers.start(APP + "-reference", dir.resolve("reference"), config,
                slot, Instant.parse("2026-01-01T00:00:00Z"), StreamEvents.NONE)) {
            TestInputTopic<String, String> in = driver.createInputTopic(config.topics().ticks(),
                    Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, Forecast> forecasts = driver.createOutputTopic(config.topics().forecasts(),
                    Serdes.String().deserializer(), JsonSerde.of(Forecast.class).deserializer());
            for (Tick t : ticks) {
                in.pipeInput(t.symbol(), io.tickcast.records.Json.MAPPER.writeValueAsString(t));
            }
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            forecasts.readValuesToList().forEach(f -> out.put(f.symbol() + " " + f.asOf(), f));
        } finally {
            slot.clear("reference done");
        }
        return out;
    }
}
