package io.tickcast.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.tickcast.config.TickcastConfig;
import io.tickcast.evaluation.ScoredForecast;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import io.tickcast.serving.ModelSlot;
import io.tickcast.training.SyntheticSeries;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batched inference in the topology ({@link TickcastConfig.Batching}): the windows that wait go through one model
 * call, and what comes out is what forecasting each tick on its own makes, tick for tick: the same forecasts in
 * the same order per symbol, the same scoring, the same dead letters, the same stores. Against a real broker with
 * a kill between a window update and its forecast: {@code io.tickcast.kafka.BatchedForecastsUnderKillIT}.
 */
class BatchedForecastingTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final LocalDate D0 = LocalDate.of(2001, 1, 1);
    private static final Duration DELAY = Duration.ofMillis(10);

    /** A trained model's bytes: each window gets its own forecast, so a batch's rows mixed up would show. */
    private static byte[] model;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void train() {
        try (LstmModel trained = LstmTrainer.train(LstmConfig.DEFAULT.withEpochs(5),
                List.of(SyntheticSeries.wave(400, 100, 0, 1)), LstmTrainer.EpochListener.NONE).model()) {
            model = trained.toBytes();
        }
    }

    /** One topology under TopologyTestDriver with a model installed, and what it reported. */
    private final class Run implements AutoCloseable {
        final RecordingStreamEvents events = new RecordingStreamEvents();
        final ModelSlot slot = new ModelSlot(5);
        final TopologyTestDriver driver;
        final TestInputTopic<String, String> ticks;
        final TestOutputTopic<String, Forecast> forecasts;
        final TestOutputTopic<byte[], byte[]> deadLetters;

        Run(String name, TickcastConfig.Batching batching) {
            TickcastConfig config = TickcastConfig.defaults().withBatching(batching);
            slot.install(LstmModel.fromBytes(model, LstmConfig.DEFAULT), 3);
            driver = TopologyDrivers.start("batch-test-" + name, stateDir.resolve(name), config, slot, NOW, events);
            ticks = driver.createInputTopic(config.topics().ticks(), Serdes.String().serializer(), Serdes.String().serializer());
            forecasts = driver.createOutputTopic(config.topics().forecasts(), Serdes.String().deserializer(),
                    JsonSerde.of(Forecast.class).deserializer());
            deadLetters = driver.createOutputTopic(config.topics().deadLetter(), Serdes.ByteArray().deserializer(),
                    Serdes.ByteArray().deserializer());
        }

        void send(String symbol, LocalDate date, double close) {
            ticks.pipeInput(symbol, "{\"symbol\":\"" + symbol + "\",\"date\":\"" + date + "\",\"close\":" + close + "}");
        }

        KeyValueStore<String, PendingForecast> pending() {
            return driver.getKeyValueStore(ForecastTopology.PENDING_FORECASTS);
        }

        @Override
        public void close() {
            driver.close();
            slot.clear("test over");
        }
    }

    @Test
    void batchedForecastsAreTheOneByOneForecastsTickForTick() {
        // 40 symbols in a random order each day, with corrections and out-of-order ticks mixed in
        Random random = new Random(5);
        int symbols = 40;
        int days = 30;
        double[] close = new double[symbols];
        java.util.Arrays.fill(close, 100);
        List<String[]> ticks = new ArrayList<>(); // symbol, date, close
        for (int d = 0; d < days; d++) {
            List<Integer> order = new ArrayList<>();
            for (int s = 0; s < symbols; s++) {
                order.add(s);
            }
            java.util.Collections.shuffle(order, random);
            for (int s : order) {
                close[s] *= Math.exp(0.02 * random.nextGaussian());
                ticks.add(new String[] {"S" + s, D0.plusDays(d).toString(), Double.toString(close[s])});
                if (random.nextDouble() < 0.05) { // a correction of the day just sent
                    ticks.add(new String[] {"S" + s, D0.plusDays(d).toString(), Double.toString(close[s] * 1.01)});
                }
                if (d > 6 && random.nextDouble() < 0.03) { // a day older than the window
                    ticks.add(new String[] {"S" + s, D0.plusDays(d - 6).toString(), "50"});
                }
            }
        }
        try (Run oneByOne = new Run("one", TickcastConfig.Batching.NONE);
             Run batched = new Run("batched", new TickcastConfig.Batching(64, DELAY))) {
            for (int i = 0; i < ticks.size(); i++) {
                String[] t = ticks.get(i);
                oneByOne.send(t[0], LocalDate.parse(t[1]), Double.parseDouble(t[2]));
                batched.send(t[0], LocalDate.parse(t[1]), Double.parseDouble(t[2]));
                if (i % 97 == 96) {
                    batched.driver.advanceWallClockTime(DELAY); // now and then the delay runs out mid-day
                }
            }
            batched.driver.advanceWallClockTime(DELAY);

            List<Forecast> expected = oneByOne.forecasts.readValuesToList();
            List<Forecast> actual = batched.forecasts.readValuesToList();
            assertThat(actual).hasSameSizeAs(expected);
            assertThat(expected).hasSizeGreaterThan(symbols * (days - 4));
            assertSameForecastsPerSymbol(actual, expected);
            assertThat(deadLetterReasons(batched)).isEqualTo(deadLetterReasons(oneByOne)).isNotEmpty();
            assertSameScoring(batched.events.scored, oneByOne.events.scored);
            assertThat(batched.events.forecasts).hasSameSizeAs(actual).containsOnly("lstm:3");
            for (int s = 0; s < symbols; s++) {
                PriceWindow a = storeOf(batched, ForecastTopology.WINDOW_STORE, "S" + s);
                PriceWindow b = storeOf(oneByOne, ForecastTopology.WINDOW_STORE, "S" + s);
                assertThat(a.closes()).isEqualTo(b.closes());
                double[] wa = a.widen(2);
                double[] wb = b.widen(2);
                assertThat(wa[0]).as("width correction of S%d", s).isCloseTo(wb[0], within(1e-9));
                assertThat(wa[1]).isCloseTo(wb[1], within(1e-9));
            }

            assertThat(oneByOne.events.modelCalls).containsOnly(1).hasSize(expected.size());
            int calls = batched.events.modelCalls.size();
            assertThat(batched.events.modelCalls.stream().mapToInt(Integer::intValue).sum()).isEqualTo(actual.size());
            assertThat(calls).as("model calls for %d forecasts", actual.size()).isLessThan(actual.size() / 10);
            assertThat(batched.events.modelCalls.stream().mapToInt(Integer::intValue).max().orElse(0))
                    .isGreaterThan(symbols / 2).isLessThanOrEqualTo(64);
            try (var left = batched.pending().all()) {
                assertThat(left.hasNext()).as("nothing pending once the delay has run out").isFalse();
            }
        }
    }

    @Test
    void aSymbolsNextTickSendsItsWaitingForecastFirstAndScoresIt() {
        try (Run run = new Run("next", new TickcastConfig.Batching(500, Duration.ofSeconds(30)))) {
            for (int d = 0; d < 5; d++) {
                run.send("DAX", D0.plusDays(d), 100 + d);
            }
            assertThat(run.forecasts.isEmpty()).as("the full window waits for others").isTrue();
            assertThat(run.pending().get("DAX")).isNotNull();
            run.send("DAX", D0.plusDays(5), 110);
            List<Forecast> out = run.forecasts.readValuesToList();
            assertThat(out).extracting(Forecast::asOf).containsExactly(D0.plusDays(4));
            assertThat(out.get(0).model()).isEqualTo(Forecast.MODEL_LSTM);
            assertThat(run.events.scored).hasSize(1);
            assertThat(run.events.scored.get(0).actual()).isEqualTo(110.0);
            assertThat(run.pending().get("DAX")).as("the new tick waits now").isNotNull();
            run.driver.advanceWallClockTime(Duration.ofSeconds(30));
            assertThat(run.forecasts.readValuesToList()).extracting(Forecast::asOf).containsExactly(D0.plusDays(5));
            assertThat(run.pending().get("DAX")).isNull();
        }
    }

    @Test
    void aFullBatchGoesOutAtOnceWithEachTicksTimestampAndHeaders() {
        try (Run run = new Run("full", new TickcastConfig.Batching(3, Duration.ofSeconds(30)))) {
            for (int d = 0; d < 5; d++) {
                for (String s : List.of("A", "B")) {
                    run.send(s, D0.plusDays(d), 10 + d);
                }
            }
            assertThat(run.forecasts.isEmpty()).isTrue();
            Instant stamp = Instant.parse("2020-05-05T00:00:00Z");
            RecordHeaders headers = new RecordHeaders();
            headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
            for (int d = 0; d < 5; d++) {
                String json = "{\"symbol\":\"C\",\"date\":\"" + D0.plusDays(d) + "\",\"close\":" + (20 + d) + "}";
                run.ticks.pipeInput(new TestRecord<>("C", json, headers, stamp.plusSeconds(d)));
            }
            List<TestRecord<String, Forecast>> out = run.forecasts.readRecordsToList();
            assertThat(out).extracting(TestRecord::key).containsExactly("A", "B", "C");
            assertThat(run.events.modelCalls).containsExactly(3);
            TestRecord<String, Forecast> c = out.get(2);
            assertThat(c.getRecordTime()).isEqualTo(stamp.plusSeconds(4));
            assertThat(new String(c.headers().lastHeader("trace").value(), StandardCharsets.UTF_8)).isEqualTo("t-1");
        }
    }

    @Test
    void aWindowWhoseForecastThrowsDeadLettersItsOwnTickAndTheBatchGoesOut() {
        try (Run run = new Run("throws", new TickcastConfig.Batching(3, Duration.ofSeconds(30)))) {
            for (int d = 0; d < 5; d++) {
                for (String s : List.of("A", "B")) {
                    run.send(s, D0.plusDays(d), 10 + d);
                }
            }
            for (int d = 0; d < 4; d++) {
                run.send("C", D0.plusDays(d), 20 + d);
            }
            // the batch of A, B, C throws on A's forecast; on their own, A's throws again and B's and C's go out
            run.events.failForecasts(2);
            run.send("C", D0.plusDays(4), 24);
            assertThat(run.forecasts.readValuesToList()).extracting(Forecast::symbol).containsExactly("B", "C");
            List<TestRecord<byte[], byte[]>> dead = run.deadLetters.readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"symbol\":\"A\",\"date\":\"" + D0.plusDays(4) + "\",\"close\":14.0}");
            assertThat(new String(dead.get(0).headers().lastHeader(DeadLetter.HEADER_REASON).value(), StandardCharsets.UTF_8))
                    .isEqualTo("processing-error");
            assertThat(new String(dead.get(0).headers().lastHeader(DeadLetter.HEADER_DETAIL).value(), StandardCharsets.UTF_8))
                    .contains("IllegalStateException").contains("'window'").contains("a forecast that throws");
            assertThat(run.events.rejected).containsExactly(io.tickcast.records.RejectReason.PROCESSING_ERROR);
            try (var left = run.pending().all()) {
                assertThat(left.hasNext()).as("nothing stays pending").isFalse();
            }
            // the stream goes on: A's next tick is forecast as usual
            run.send("A", D0.plusDays(5), 15);
            run.driver.advanceWallClockTime(Duration.ofSeconds(30));
            assertThat(run.forecasts.readValuesToList()).extracting(Forecast::symbol, Forecast::asOf)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("A", D0.plusDays(5)));
        }
    }

    private static void assertSameForecastsPerSymbol(List<Forecast> actual, List<Forecast> expected) {
        Map<String, List<Forecast>> a = bySymbol(actual);
        Map<String, List<Forecast>> e = bySymbol(expected);
        assertThat(a.keySet()).isEqualTo(e.keySet());
        e.forEach((symbol, want) -> {
            List<Forecast> got = a.get(symbol);
            assertThat(got).as(symbol).hasSameSizeAs(want);
            for (int i = 0; i < want.size(); i++) {
                Forecast w = want.get(i);
                Forecast g = got.get(i);
                assertThat(g.asOf()).as("%s #%d", symbol, i).isEqualTo(w.asOf());
                assertThat(g.lastClose()).isEqualTo(w.lastClose());
                assertThat(g.model()).isEqualTo(Forecast.MODEL_LSTM).isEqualTo(w.model());
                // one call for many windows may round the float32 output differently in its last bits
                assertThat(g.forecastClose()).as("%s as of %s", symbol, g.asOf())
                        .isCloseTo(w.forecastClose(), within(1e-6 * w.forecastClose()));
                for (int l = 0; l < w.intervals().size(); l++) {
                    assertThat(g.intervals().get(l).lower()).isCloseTo(w.intervals().get(l).lower(),
                            within(1e-6 * w.forecastClose()));
                    assertThat(g.intervals().get(l).upper()).isCloseTo(w.intervals().get(l).upper(),
                            within(1e-6 * w.forecastClose()));
                }
            }
        });
    }

    private static void assertSameScoring(List<ScoredForecast> actual, List<ScoredForecast> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        Map<String, List<Double>> a = new HashMap<>();
        Map<String, List<Double>> e = new HashMap<>();
        actual.forEach(s -> a.computeIfAbsent(s.forecast().symbol() + " " + s.forecast().asOf(), k -> new ArrayList<>()).add(s.actual()));
        expected.forEach(s -> e.computeIfAbsent(s.forecast().symbol() + " " + s.forecast().asOf(), k -> new ArrayList<>()).add(s.actual()));
        assertThat(a).isEqualTo(e);
    }

    private static Map<String, List<Forecast>> bySymbol(List<Forecast> forecasts) {
        Map<String, List<Forecast>> out = new HashMap<>();
        forecasts.forEach(f -> out.computeIfAbsent(f.symbol(), k -> new ArrayList<>()).add(f));
        return out;
    }

    private static List<String> deadLetterReasons(Run run) {
        return run.deadLetters.readRecordsToList().stream()
                .map(r -> new String(r.key(), StandardCharsets.UTF_8) + " "
                        + new String(r.headers().lastHeader(DeadLetter.HEADER_REASON).value(), StandardCharsets.UTF_8)
                        + " " + new String(r.value(), StandardCharsets.UTF_8))
                .sorted().toList();
    }

    private static PriceWindow storeOf(Run run, String store, String key) {
        KeyValueStore<String, PriceWindow> kv = run.driver.getKeyValueStore(store);
        return kv.get(key);
    }
}
