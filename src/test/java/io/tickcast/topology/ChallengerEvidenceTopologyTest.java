package io.tickcast.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.tickcast.config.TickcastConfig;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import io.tickcast.records.PriceSeries;
import io.tickcast.serving.ChallengerTerms;
import io.tickcast.serving.ModelSlot;
import io.tickcast.training.GatedTraining;
import io.tickcast.training.SyntheticSeries;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The challenger and per-symbol evidence through the real topology, with a real LSTM trained the way the trainer
 * trains it: on a panel where half the symbols have autocorrelated daily returns (AR(1), phi 0.35) and half are
 * random walks, one pooled model is trained on the first {@link #TRAIN_DAYS} days and installed as the challenger
 * (its record's terms: serves nowhere by itself, trained through the last training day, with its per-symbol
 * validation evidence). The whole panel then streams through. Every forecast carries the challenger's forecast;
 * the autocorrelated symbols are promoted and served by the LSTM, better than naive; the random walks stay naive.
 */
class ChallengerEvidenceTopologyTest {

    private static final LocalDate D0 = LocalDate.of(2001, 1, 1);
    private static final int DAYS = 1600;
    private static final int TRAIN_DAYS = 700;
    private static final String[] PATTERNED = {"AR0", "AR1", "AR2", "AR3"};
    private static final String[] WALKS = {"RW0", "RW1", "RW2", "RW3"};

    private static final Map<String, double[]> CLOSES = new TreeMap<>();
    private static GatedTraining.Candidate candidate;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void trainTheChallenger() {
        SplittableRandom random = new SplittableRandom(2026);
        for (String s : PATTERNED) {
            CLOSES.put(s, closes(0.35, random.split()));
        }
        for (String s : WALKS) {
            CLOSES.put(s, closes(0, random.split()));
        }
        List<PriceSeries> training = new ArrayList<>();
        CLOSES.forEach((s, c) -> training.add(series(s, c).until(D0.plusDays(TRAIN_DAYS - 1))));
        TickcastConfig config = TickcastConfig.load(List.of(), Map.of(), Map.of());
        TickcastConfig.Trainer t = config.trainer();
        candidate = GatedTraining.run(training, GatedTraining.Settings.of(config.lstm(), t.validationFraction(),
                t.minWindows(), config.gate()).withIntervals(config.intervals()), null, LstmTrainer.EpochListener.NONE);
        assertThat(candidate.sane()).as(candidate.verdict().reason()).isTrue();
    }

    /** Daily log returns r_t = phi r_(t-1) + 1% noise, from 100. */
    private static double[] closes(double phi, SplittableRandom random) {
        return SyntheticSeries.autocorrelated(DAYS, d -> phi, random);
    }

    private static PriceSeries series(String symbol, double[] closes) {
        LocalDate[] dates = new LocalDate[closes.length];
        for (int d = 0; d < closes.length; d++) {
            dates[d] = D0.plusDays(d);
        }
        return new PriceSeries(symbol, dates, closes);
    }

    @Test
    void theLstmServesThePatternedSymbolsOnEvidenceAndLeavesTheRandomWalksOnNaive() {
        TickcastConfig config = TickcastConfig.load(List.of(), Map.of(), Map.of());
        ModelSlot slot = new ModelSlot(5);
        slot.install(candidate.trained().model(), 7, candidate.calibration(),
                new ChallengerTerms(false, D0.plusDays(TRAIN_DAYS - 1), candidate.symbolEvidence(), 1));
        Map<String, SymbolEvidence> evidence = new HashMap<>();
        Map<String, Integer> promotedOn = new TreeMap<>();
        Map<String, double[]> servedVsNaive = new TreeMap<>(); // squared errors: served, naive, after promotion
        int withChallenger = 0;
        int forecasts = 0;
        try (TopologyTestDriver driver = TopologyDrivers.start("challenger-evidence-test", stateDir, config, slot,
                Instant.parse("2026-01-01T00:00:00Z"), StreamEvents.NONE)) {
            TestInputTopic<String, String> ticks = driver.createInputTopic(config.topics().ticks(),
                    Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, Forecast> out = driver.createOutputTopic(config.topics().forecasts(),
                    Serdes.String().deserializer(), JsonSerde.of(Forecast.class).deserializer());
            for (int d = 0; d < DAYS; d++) {
                for (Map.Entry<String, double[]> e : CLOSES.entrySet()) {
                    ticks.pipeInput(e.getKey(), "{\"symbol\":\"" + e.getKey() + "\",\"date\":\"" + D0.plusDays(d)
                            + "\",\"close\":" + e.getValue()[d] + "}");
                }
            }
            driver.advanceWallClockTime(java.time.Duration.ofSeconds(1)); // the last batch goes out
            for (Forecast f : out.readValuesToList()) {
                forecasts++;
                if (f.challenger() != null && f.challenger().modelVersion() == 7) {
                    withChallenger++;
                }
                int day = (int) (f.asOf().toEpochDay() - D0.toEpochDay());
                if (Forecast.MODEL_LSTM.equals(f.model())) {
                    promotedOn.putIfAbsent(f.symbol(), day);
                }
                if (promotedOn.containsKey(f.symbol()) && day + 1 < DAYS) {
                    double actual = CLOSES.get(f.symbol())[day + 1];
                    double[] sums = servedVsNaive.computeIfAbsent(f.symbol(), k -> new double[2]);
                    sums[0] += Math.pow(f.forecastClose() - actual, 2);
                    sums[1] += Math.pow(f.lastClose() - actual, 2);
                }
            }
            KeyValueStore<String, SymbolEvidence> store = driver.getKeyValueStore(ForecastTopology.SYMBOL_EVIDENCE);
            CLOSES.keySet().forEach(s -> evidence.put(s, store.get(s)));
        }
        slot.clear("test over");
        System.out.println("promoted on day " + promotedOn + ", validation evidence "
                + candidate.symbolEvidence().entrySet().stream().map(e -> e.getKey() + "="
                + String.format("%.3g", e.getValue().forPromotion().eValue())).toList());
        assertThat(withChallenger).as("every forecast carries the challenger's").isEqualTo(forecasts);
        assertThat(forecasts).isEqualTo(CLOSES.size() * (DAYS - 4));
        for (String s : WALKS) {
            assertThat(evidence.get(s).scored()).as(s + ": validation and live days counted").isGreaterThan(DAYS - TRAIN_DAYS);
        }
        long walksPromoted = java.util.Arrays.stream(WALKS).filter(promotedOn::containsKey).count();
        assertThat(walksPromoted).as("random walks promoted (each at most alpha = 5% by chance): " + promotedOn)
                .isLessThanOrEqualTo(1);
        long patternedPromoted = java.util.Arrays.stream(PATTERNED).filter(promotedOn::containsKey).count();
        assertThat(patternedPromoted).as("autocorrelated symbols promoted: " + promotedOn).isGreaterThanOrEqualTo(3);
        for (String s : PATTERNED) {
            if (promotedOn.containsKey(s)) {
                double[] sums = servedVsNaive.get(s);
                assertThat(Math.sqrt(sums[0] / sums[1])).as(s + ": served RMSE / naive after promotion").isLessThan(0.99);
                assertThat(evidence.get(s).serving()).as(s + " still served by the LSTM at the end")
                        .isEqualTo(SymbolEvidence.Serving.LSTM);
            }
        }
    }
}
