package io.tickcast.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.tickcast.config.TickcastConfig;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.TestModels;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.records.Forecast;
import io.tickcast.records.Json;
import io.tickcast.records.JsonSerde;
import io.tickcast.records.RejectReason;
import io.tickcast.serving.ModelSlot;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastTopologyTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final LocalDate D0 = LocalDate.of(1991, 7, 1);

    @TempDir
    Path stateDir;

    /** Each tick forecast as it comes (batches of one): {@link BatchedForecastingTest} covers batching. */
    private final TickcastConfig config = TickcastConfig.defaults().withBatching(TickcastConfig.Batching.NONE);
    private final ModelSlot slot = new ModelSlot(5);
    private final RecordingStreamEvents events = new RecordingStreamEvents();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> ticks;
    private TestOutputTopic<String, Forecast> forecasts;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        driver = TopologyDrivers.start("topology-test", stateDir, config, slot, NOW, events);
        ticks = driver.createInputTopic(config.topics().ticks(), Serdes.String().serializer(), Serdes.String().serializer());
        forecasts = driver.createOutputTopic(config.topics().forecasts(), Serdes.String().deserializer(),
                JsonSerde.of(Forecast.class).deserializer());
        deadLetters = driver.createOutputTopic(config.topics().deadLetter(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(String symbol, LocalDate date, double close) {
        ticks.pipeInput(symbol, tickJson(symbol, date, close));
    }

    private static String tickJson(String symbol, LocalDate date, double close) {
        return "{\"symbol\":\"" + symbol + "\",\"date\":\"" + date + "\",\"close\":" + close + "}";
    }

    @Test
    void noForecastUntilTheWindowIsFullThenOnePerTick() {
        for (int i = 0; i < 4; i++) {
            send("DAX", D0.plusDays(i), 100 + i);
        }
        assertThat(forecasts.isEmpty()).isTrue();
        for (int i = 4; i < 9; i++) {
            send("DAX", D0.plusDays(i), 100 + i);
        }
        List<TestRecord<String, Forecast>> out = forecasts.readRecordsToList();
        assertThat(out).hasSize(5);
        assertThat(out).extracting(r -> r.value().asOf())
                .containsExactly(D0.plusDays(4), D0.plusDays(5), D0.plusDays(6), D0.plusDays(7), D0.plusDays(8));
        Forecast last = out.get(4).value();
        assertThat(out.get(4).key()).isEqualTo("DAX");
        assertThat(last.lastClose()).isEqualTo(108.0);
        assertThat(last.horizon()).isEqualTo(1);
        assertThat(last.producedAt()).isEqualTo(NOW);
        KeyValueStore<String, PriceWindow> store = driver.getKeyValueStore(ForecastTopology.WINDOW_STORE);
        assertThat(store.get("DAX").closes()).containsExactly(104.0, 105.0, 106.0, 107.0, 108.0);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void theLatestForecastStoreHoldsEachSymbolsNewestForecast() {
        for (int i = 0; i < 7; i++) {
            send("DAX", D0.plusDays(i), 100 + i);
        }
        for (int i = 0; i < 4; i++) {
            send("SMI", D0.plusDays(i), 200 + i);
        }
        send("DAX", D0.plusDays(6), 150); // a correction of the newest day makes a new forecast
        List<Forecast> out = forecasts.readValuesToList();
        KeyValueStore<String, Forecast> latest = driver.getKeyValueStore(ForecastTopology.LATEST_FORECASTS);
        assertThat(latest.get("DAX")).isEqualTo(out.get(out.size() - 1));
        assertThat(latest.get("DAX").lastClose()).isEqualTo(150.0);
        assertThat(latest.get("DAX").asOf()).isEqualTo(D0.plusDays(6));
        assertThat(latest.get("SMI")).as("window of SMI not full yet: no forecast").isNull();
        try (var all = latest.all()) {
            assertThat(all).toIterable().extracting(kv -> kv.key).containsExactly("DAX");
        }
    }

    @Test
    void naiveFallbackBeforeAnyModelSaysSo() {
        for (int i = 0; i < 5; i++) {
            send("DAX", D0.plusDays(i), 1000 + 10 * i);
        }
        Forecast f = forecasts.readValue();
        assertThat(f.model()).isEqualTo(Forecast.MODEL_NAIVE);
        assertThat(f.modelVersion()).isZero();
        assertThat(f.forecastClose()).isEqualTo(1040.0);
    }

    @Test
    void aCorrectionReplacesTheDaysCloseAndForecastsAgain() {
        for (int i = 0; i < 5; i++) {
            send("DAX", D0.plusDays(i), 100 + i);
        }
        forecasts.readRecordsToList();
        send("DAX", D0.plusDays(2), 150);   // correction of a day inside the window
        send("DAX", D0.plusDays(4), 99);    // correction of the newest day
        List<Forecast> out = forecasts.readValuesToList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).asOf()).isEqualTo(D0.plusDays(4));
        assertThat(out.get(1).lastClose()).isEqualTo(99.0);
        KeyValueStore<String, PriceWindow> store = driver.getKeyValueStore(ForecastTopology.WINDOW_STORE);
        assertThat(store.get("DAX").closes()).containsExactly(100.0, 101.0, 150.0, 103.0, 99.0);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void outOfOrderTicksAreDeadLetteredWithTheirReasonAndSource() {
        for (int i = 2; i < 8; i++) {
            send("DAX", D0.plusDays(i), 100 + i);
        }
        forecasts.readRecordsToList();
        String late = tickJson("DAX", D0.plusDays(1), 55);  // older than the window, not in it
        ticks.pipeInput("DAX", late);
        assertThat(forecasts.isEmpty()).isTrue();
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(late);
        assertThat(header(dead, DeadLetter.HEADER_REASON)).isEqualTo("out-of-order");
        assertThat(header(dead, DeadLetter.HEADER_DETAIL)).contains("1991-07-02").contains("1991-07-08");
        assertThat(header(dead, DeadLetter.HEADER_SOURCE_TOPIC)).isEqualTo("ticks");
        assertThat(header(dead, DeadLetter.HEADER_SOURCE_OFFSET)).isEqualTo("6");
        KeyValueStore<String, PriceWindow> store = driver.getKeyValueStore(ForecastTopology.WINDOW_STORE);
        assertThat(store.get("DAX").closes()).containsExactly(103.0, 104.0, 105.0, 106.0, 107.0);
    }

    @Test
    void malformedTicksAreDeadLetteredWithTheirReasonsAndNothingElseIsLost() {
        List<String> bad = List.of(
                "{not json",
                "{\"date\":\"1991-07-01\",\"close\":1.0}",
                "{\"symbol\":\"  \",\"date\":\"1991-07-01\",\"close\":1.0}",
                "{\"symbol\":\"DAX\",\"date\":\"01/07/1991\",\"close\":1.0}",
                "{\"symbol\":\"DAX\",\"date\":\"1991-07-01\",\"close\":-3}",
                "{\"symbol\":\"DAX\",\"date\":\"1991-07-01\",\"close\":\"abc\"}",
                "[1,2,3]");
        for (int i = 0; i < 5; i++) {
            send("DAX", D0.plusDays(i), 100 + i);
            ticks.pipeInput("DAX", bad.get(i));
        }
        ticks.pipeInput((String) null, bad.get(5));
        ticks.pipeInput("x", bad.get(6));
        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> header(r, DeadLetter.HEADER_REASON)).containsExactly(
                "malformed-json", "missing-symbol", "missing-symbol", "bad-date", "bad-close", "bad-close", "malformed-json");
        assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactlyElementsOf(bad);
        assertThat(dead.get(3).headers().lastHeader(DeadLetter.HEADER_SOURCE_OFFSET)).isNotNull();
        assertThat(forecasts.readValuesToList()).hasSize(1);
    }

    @Test
    void eachStrictInputLimitDeadLettersTheOriginalBytesWithItsReasonAndValidTicksGoOn() {
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(config.topics().ticks(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        String day = "\"date\":\"1991-07-02\",\"close\":1.0";
        List<Map.Entry<RejectReason, byte[]>> bad = List.of(
                Map.entry(RejectReason.TOO_LARGE, utf8("{\"symbol\":\"DAX\"," + day + ",\"pad\":\"" + "p".repeat(900_000) + "\"}")),
                Map.entry(RejectReason.MALFORMED_JSON, utf8("{\"symbol\":\"DAX\"," + day + "}xyz")),
                Map.entry(RejectReason.MALFORMED_JSON, new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}),
                Map.entry(RejectReason.UNKNOWN_FIELD, utf8("{\"symbol\":\"DAX\"," + day + ",\"currency\":\"EUR\"}")),
                Map.entry(RejectReason.BAD_SYMBOL, utf8("{\"symbol\":\"" + "S".repeat(1000) + "\"," + day + "}")),
                Map.entry(RejectReason.BAD_SYMBOL, utf8("{\"symbol\":\"BRK B\"," + day + "}")),
                Map.entry(RejectReason.BAD_OPEN, utf8("{\"symbol\":\"DAX\"," + day + ",\"open\":\"abc\"}")),
                Map.entry(RejectReason.BAD_HIGH, utf8("{\"symbol\":\"DAX\"," + day + ",\"high\":-1}")),
                Map.entry(RejectReason.BAD_LOW, utf8("{\"symbol\":\"DAX\"," + day + ",\"low\":1e400}")),
                Map.entry(RejectReason.BAD_VOLUME, utf8("{\"symbol\":\"DAX\"," + day + ",\"volume\":1.5}")));
        for (int i = 0; i < bad.size(); i++) {
            send("DAX", D0.plusDays(i), 100 + i);
            raw.pipeInput(i % 2 == 0 ? "DAX" : null, bad.get(i).getValue());
        }
        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> header(r, DeadLetter.HEADER_REASON))
                .containsExactlyElementsOf(bad.stream().map(e -> e.getKey().code()).toList());
        for (int i = 0; i < bad.size(); i++) {
            assertThat(dead.get(i).value()).as("original bytes of #%d", i).isEqualTo(bad.get(i).getValue());
            assertThat(header(dead.get(i), DeadLetter.HEADER_DETAIL)).as("detail of #%d", i).isNotBlank().hasSizeLessThan(300);
            assertThat(header(dead.get(i), DeadLetter.HEADER_SOURCE_OFFSET)).isEqualTo(Integer.toString(2 * i + 1));
        }
        assertThat(events.rejected).containsExactlyElementsOf(bad.stream().map(Map.Entry::getKey).toList());
        // the valid ticks between them: every one appended, a forecast from the fifth on
        assertThat(events.accepted).hasSize(bad.size()).containsOnly(PriceWindow.Outcome.APPENDED);
        assertThat(forecasts.readValuesToList()).extracting(Forecast::asOf)
                .containsExactly(D0.plusDays(4), D0.plusDays(5), D0.plusDays(6), D0.plusDays(7), D0.plusDays(8), D0.plusDays(9));
        KeyValueStore<String, PriceWindow> store = driver.getKeyValueStore(ForecastTopology.WINDOW_STORE);
        assertThat(store.get("DAX").closes()).containsExactly(105.0, 106.0, 107.0, 108.0, 109.0);
        try (var all = store.all()) {
            assertThat(all).toIterable().extracting(kv -> kv.key).containsExactly("DAX");
        }
    }

    @Test
    void realTickersAreSymbolsThatKeyTheirWindowsAndForecasts() {
        List<String> symbols = List.of("BRK.B", "^GSPC", "EURUSD=X", "7203.T", "NASDAQ:AAPL");
        for (int i = 0; i < 5; i++) {
            for (String symbol : symbols) {
                send(symbol, D0.plusDays(i), 10 + i);
            }
        }
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(forecasts.readRecordsToList()).extracting(TestRecord::key).containsExactlyElementsOf(symbols);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void symbolsKeepSeparateWindowsWhenInterleaved() {
        for (int i = 0; i < 6; i++) {
            send("DAX", D0.plusDays(i), 1000 + i);
            send("SMI", D0.plusDays(i), 2000 + i);
            if (i < 4) {
                send("CAC", D0.plusDays(i), 3000 + i);
            }
        }
        List<TestRecord<String, Forecast>> out = forecasts.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("DAX", "SMI", "DAX", "SMI");
        assertThat(out).allSatisfy(r -> assertThat(r.value().symbol()).isEqualTo(r.key()));
        assertThat(out.get(2).value().lastClose()).isEqualTo(1005.0);
        assertThat(out.get(3).value().lastClose()).isEqualTo(2005.0);
        KeyValueStore<String, PriceWindow> store = driver.getKeyValueStore(ForecastTopology.WINDOW_STORE);
        assertThat(store.get("CAC").size()).isEqualTo(4);
        assertThat(store.get("SMI").closes()).containsExactly(2001.0, 2002.0, 2003.0, 2004.0, 2005.0);
    }

    @Test
    void ticksWithAMissingOrWrongKeyAreReKeyedBySymbol() {
        for (int i = 0; i < 5; i++) {
            ticks.pipeInput(i % 2 == 0 ? null : "wrong", tickJson("FTSE", D0.plusDays(i), 50 + i));
        }
        TestRecord<String, Forecast> f = forecasts.readRecord();
        assertThat(f.key()).isEqualTo("FTSE");
        assertThat(f.value().lastClose()).isEqualTo(54.0);
    }

    @Test
    void anInstalledModelTakesOverFromNaiveBetweenTwoForecasts() {
        double[] series = wave();
        TrainingResult trained = LstmTrainer.train(LstmConfig.DEFAULT, List.of(series),
                LstmTrainer.EpochListener.NONE);
        for (int i = 0; i < 5; i++) {
            send("DAX", D0.plusDays(i), series[i]);
        }
        slot.install(trained.model(), 7);
        send("DAX", D0.plusDays(5), series[5]);
        List<Forecast> out = forecasts.readValuesToList();
        assertThat(out).extracting(Forecast::model).containsExactly(Forecast.MODEL_NAIVE, Forecast.MODEL_LSTM);
        assertThat(out.get(1).modelVersion()).isEqualTo(7);
        assertThat(out.get(1).forecastClose()).isNotEqualTo(out.get(1).lastClose())
                .isBetween(0.8 * series[5], 1.2 * series[5]);
        trained.model().close();
    }

    @Test
    void aModelOutputThatIsNoPriceFallsBackToNaive() {
        double[] series = wave();
        // a model that forecasts a fall of 1000%: a negative price
        LstmModel broken = TestModels.forecastingAMoveOf(-1000, LstmConfig.DEFAULT);
        slot.install(broken, 3);
        for (int i = 0; i < 5; i++) {
            send("DAX", D0.plusDays(i), series[i]);
        }
        Forecast f = forecasts.readValue();
        assertThat(f.model()).isEqualTo(Forecast.MODEL_NAIVE);
        assertThat(f.forecastClose()).isEqualTo(series[4]);
        broken.close();
    }

    @Test
    void aModelThatFailsFallsBackToNaiveAndTheStreamGoesOn() {
        TrainingResult trained = LstmTrainer.train(LstmConfig.DEFAULT.withEpochs(2), List.of(wave()),
                LstmTrainer.EpochListener.NONE);
        slot.install(trained.model(), 4);
        trained.model().close();   // its native memory is gone: every inference throws
        for (int i = 0; i < 7; i++) {
            send("DAX", D0.plusDays(i), 100 + i);
        }
        List<Forecast> out = forecasts.readValuesToList();
        assertThat(out).hasSize(3).allSatisfy(f -> {
            assertThat(f.model()).isEqualTo(Forecast.MODEL_NAIVE);
            assertThat(f.forecastClose()).isEqualTo(f.lastClose());
        });
        assertThat(events.forecasts).containsOnly("naive:0");
        assertThat(events.inferenceFailures.get()).isEqualTo(3);
        assertThat(deadLetters.isEmpty()).as("a failing model is no poison: the tick gets the naive forecast").isTrue();
    }

    @Test
    void aTickWhoseWindowStepThrowsIsDeadLetteredUnappliedAndTheTicksAfterItAreForecast() {
        events.failScoringAgainst(66.6, () -> new IllegalStateException("injected failure\nsecond line"));
        for (int i = 0; i < 5; i++) {
            send("DAX", D0.plusDays(i), 100 + i);                 // offsets 0-4: a forecast as of d4
        }
        String poison = tickJson("DAX", D0.plusDays(5), 66.6);    // offset 5: scoring d4's forecast throws
        ticks.pipeInput(new TestRecord<>("DAX", poison, new RecordHeaders()
                .add(DeadLetter.HEADER_SOURCE_OFFSET, utf8("999")).add("trace-id", utf8("t-1"))));
        send("DAX", D0.plusDays(6), 106);
        send("DAX", D0.plusDays(7), 107);

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(poison);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("DAX");
        assertThat(header(dead, DeadLetter.HEADER_REASON)).isEqualTo("processing-error");
        assertThat(header(dead, DeadLetter.HEADER_DETAIL))
                .isEqualTo("java.lang.IllegalStateException in processor 'window': injected failure");
        assertThat(header(dead, DeadLetter.HEADER_SOURCE_TOPIC)).isEqualTo("ticks");
        assertThat(header(dead, DeadLetter.HEADER_SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead, DeadLetter.HEADER_SOURCE_OFFSET)).isEqualTo("5");
        assertThat(dead.headers().headers(DeadLetter.HEADER_SOURCE_OFFSET)).hasSize(1);
        assertThat(header(dead, "trace-id")).as("the tick's own headers are kept").isEqualTo("t-1");
        assertThat(events.rejected).containsExactly(RejectReason.PROCESSING_ERROR);

        assertThat(forecasts.readValuesToList()).extracting(Forecast::asOf)
                .containsExactly(D0.plusDays(4), D0.plusDays(6), D0.plusDays(7));
        KeyValueStore<String, PriceWindow> store = driver.getKeyValueStore(ForecastTopology.WINDOW_STORE);
        assertThat(store.get("DAX").closes()).as("the poison tick left the window as it was")
                .containsExactly(102.0, 103.0, 104.0, 106.0, 107.0);
        assertThat(events.accepted).hasSize(7);
    }

    @Test
    void aKafkaStreamsFailureIsNotDeadLetteredButFailsTheStreamThread() {
        events.failScoringAgainst(66.6, () -> new StreamsException("injected: the state store cannot be written"));
        for (int i = 0; i < 5; i++) {
            send("DAX", D0.plusDays(i), 100 + i);
        }
        assertThatThrownBy(() -> send("DAX", D0.plusDays(5), 66.6)).isInstanceOf(StreamsException.class)
                .hasStackTraceContaining("injected: the state store cannot be written");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(events.rejected).isEmpty();
    }

    private static double[] wave() {
        double[] series = new double[40];
        for (int i = 0; i < series.length; i++) {
            series[i] = 100 + Math.sin(i / 3.0) * 5;
        }
        return series;
    }

    @Test
    void forecastJsonHasTheContractFields() throws Exception {
        for (int i = 0; i < 5; i++) {
            send("DAX", D0.plusDays(i), 100 + i);
        }
        TestOutputTopic<String, String> raw = driver.createOutputTopic(config.topics().forecasts(),
                Serdes.String().deserializer(), Serdes.String().deserializer());
        var node = Json.MAPPER.readTree(raw.readValue());
        assertThat(node.get("symbol").asText()).isEqualTo("DAX");
        assertThat(node.get("asOf").asText()).isEqualTo("1991-07-05");
        assertThat(node.get("horizon").asInt()).isEqualTo(1);
        assertThat(node.get("lastClose").asDouble()).isEqualTo(104.0);
        assertThat(node.get("forecastClose").asDouble()).isEqualTo(104.0);
        assertThat(node.get("model").asText()).isEqualTo("naive");
        assertThat(node.get("modelVersion").asLong()).isZero();
        assertThat(node.get("producedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void eachForecastIsScoredByTheNextTickOfItsOwnSymbol() {
        for (int i = 0; i < 7; i++) {
            send("DAX", D0.plusDays(i), 1000 + 10 * i);
            if (i % 2 == 0) {
                send("SMI", D0.plusDays(i), 2000 - 5 * i);   // SMI trades every other day
            }
        }
        // DAX forecasts as of d4, d5, d6; d4 and d5 are scored by d5 and d6. SMI's window fills at d8: none.
        assertThat(events.scored).hasSize(2);
        assertThat(events.scored).extracting(s -> s.forecast().symbol()).containsOnly("DAX");
        assertThat(events.scored.get(0).forecast().asOf()).isEqualTo(D0.plusDays(4));
        assertThat(events.scored.get(0).actual()).isEqualTo(1050.0);
        assertThat(events.scored.get(1).actual()).isEqualTo(1060.0);
        for (int i = 7; i < 10; i++) {
            send("SMI", D0.plusDays(2 * i - 6), 1900 + i);   // d8, d10, d12
        }
        // SMI: window full at d8 (forecast as of d8), scored by d10; d10's by d12; next to DAX's pending d6
        assertThat(events.scored).hasSize(4);
        assertThat(events.scored.get(2).forecast().symbol()).isEqualTo("SMI");
        assertThat(events.scored.get(2).forecast().asOf()).isEqualTo(D0.plusDays(8));
        assertThat(events.scored.get(2).actual()).isEqualTo(1908.0);
        // naive forecasts: the model error equals the naive error
        assertThat(events.scored).allSatisfy(s -> assertThat(s.absError()).isEqualTo(s.naiveAbsError()));
        KeyValueStore<String, Forecast> waiting = driver.getKeyValueStore(ForecastTopology.LATEST_FORECASTS);
        assertThat(waiting.get("DAX").asOf()).isEqualTo(D0.plusDays(6));
        assertThat(waiting.get("SMI").asOf()).isEqualTo(D0.plusDays(12));
    }

    @Test
    void aCorrectionOfTheAsOfDayReplacesTheForecastWaitingToBeScored() {
        for (int i = 0; i < 5; i++) {
            send("DAX", D0.plusDays(i), 100 + i);
        }
        send("DAX", D0.plusDays(4), 110);   // correction: a new forecast for the same day
        send("DAX", D0.plusDays(5), 111);
        assertThat(events.scored).hasSize(1);
        assertThat(events.scored.get(0).forecast().lastClose()).isEqualTo(110.0);
        assertThat(events.scored.get(0).actual()).isEqualTo(111.0);
        assertThat(events.accepted).containsExactly(PriceWindow.Outcome.APPENDED, PriceWindow.Outcome.APPENDED,
                PriceWindow.Outcome.APPENDED, PriceWindow.Outcome.APPENDED, PriceWindow.Outcome.APPENDED,
                PriceWindow.Outcome.CORRECTED, PriceWindow.Outcome.APPENDED);
    }

    private static String header(TestRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
