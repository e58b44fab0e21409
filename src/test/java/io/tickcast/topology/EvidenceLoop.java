package io.tickcast.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tickcast.config.TickcastConfig;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.Forecast;
import io.tickcast.records.JsonSerde;
import io.tickcast.records.PriceSeries;
import io.tickcast.registry.ModelFollower;
import io.tickcast.serving.ModelSlot;
import io.tickcast.training.GatedTraining;
import io.tickcast.training.RetrainCycle;
import io.tickcast.training.TickHistory;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The whole loop on a panel, with the code the service runs: the forecasting topology under TopologyTestDriver, and
 * every {@code retrainEvery} days from {@code firstTraining} on a {@link RetrainCycle} on the history so far (as the
 * trainer runs it, with the current challenger as the model to beat), whose published record is installed in the
 * slot with the terms the registry's follower gives it ({@link ModelFollower#terms}). Each symbol has closes on days
 * {@code start .. start + length - 1} of one calendar, so symbols can have unequal lengths.
 */
final class EvidenceLoop {

    static final LocalDate D0 = LocalDate.of(2001, 1, 1);

    /** One symbol's closes, from day {@code start} on. */
    record Series(int start, double[] closes) {
        boolean has(int day) {
            return day >= start && day < start + closes.length;
        }

        double on(int day) {
            return closes[day - start];
        }

        int end() {
            return start + closes.length;
        }
    }

    /**
     * What happened to one symbol: forecasts scored, of them served by the LSTM, squared errors (served, naive, and
     * the challenger's where it forecast, with naive's on the same days), the first day the LSTM served (-1: never),
     * and the symbol's evidence at the end.
     */
    record SymbolOutcome(String symbol, int scored, int lstmServed, double servedSq, double naiveSq,
                         int challengerScored, double challengerSq, double challengerNaiveSq, int firstServedDay,
                         SymbolEvidence evidence) {

        double servedRatio() {
            return Math.sqrt(servedSq / naiveSq);
        }

        double challengerRatio() {
            return Math.sqrt(challengerSq / challengerNaiveSq);
        }

        boolean everPromoted() {
            return evidence != null && evidence.promotions() > 0;
        }
    }

    /** The loop's outcome: per symbol, how many retrainings published a model, and one line per retraining. */
    record Result(Map<String, SymbolOutcome> symbols, int published, List<String> log) {

        /** The served forecasts' RMSE ratio to naive over all the given symbols' scored forecasts. */
        double servedRatio(List<String> of) {
            double served = 0;
            double naive = 0;
            for (String s : of) {
                served += symbols.get(s).servedSq();
                naive += symbols.get(s).naiveSq();
            }
            return Math.sqrt(served / naive);
        }
    }

    private EvidenceLoop() {
    }

    static Result run(Map<String, Series> panel, int firstTraining, int retrainEvery, TickcastConfig config,
                      Path stateDir) {
        int days = panel.values().stream().mapToInt(Series::end).max().orElse(0);
        ModelSlot slot = new ModelSlot(config.windowSize(), config.evidence().decision());
        TickcastConfig.Trainer t = config.trainer();
        GatedTraining.Settings settings = GatedTraining.Settings.of(config.lstm(), t.validationFraction(), t.minWindows(),
                config.gate()).withIntervals(config.intervals()).withEvidence(config.evidence().settings());
        List<String> log = new ArrayList<>();
        List<Forecast> forecasts = new ArrayList<>();
        Map<String, SymbolEvidence> evidence = new TreeMap<>();
        long version = 0;
        try (TopologyTestDriver driver = TopologyDrivers.start("evidence-loop", stateDir, config, slot,
                Instant.parse("2026-01-01T00:00:00Z"), StreamEvents.NONE)) {
            TestInputTopic<String, String> ticks = driver.createInputTopic(config.topics().ticks(),
                    Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, Forecast> out = driver.createOutputTopic(config.topics().forecasts(),
                    Serdes.String().deserializer(), JsonSerde.of(Forecast.class).deserializer());
            for (int d = 0; d < days; d++) {
                if (d >= firstTraining && (d - firstTraining) % retrainEvery == 0) {
                    driver.advanceWallClockTime(Duration.ofSeconds(1)); // the batch waiting goes out first
                    if (retrain(panel, d, settings, config, slot, version + 1, log)) {
                        version++;
                    }
                }
                for (Map.Entry<String, Series> e : panel.entrySet()) {
                    if (e.getValue().has(d)) {
                        ticks.pipeInput(e.getKey(), "{\"symbol\":\"" + e.getKey() + "\",\"date\":\"" + D0.plusDays(d)
                                + "\",\"close\":" + e.getValue().on(d) + "}");
                    }
                }
                if (d % 50 == 0) {
                    forecasts.addAll(out.readValuesToList());
                }
            }
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            forecasts.addAll(out.readValuesToList());
            KeyValueStore<String, SymbolEvidence> store = driver.getKeyValueStore(ForecastTopology.SYMBOL_EVIDENCE);
            panel.keySet().forEach(s -> evidence.put(s, store.get(s)));
        } finally {
            slot.clear("loop over");
        }
        return new Result(outcomes(panel, forecasts, evidence), (int) version, log);
    }

    /**
     * Trains on the closes before day {@code day} (at most {@code trainer.history-days} per symbol, as the trainer
     * keeps them); installs the candidate if the trainer would publish it.
     */
    private static boolean retrain(Map<String, Series> panel, int day, GatedTraining.Settings settings,
                                   TickcastConfig config, ModelSlot slot, long version, List<String> log) {
        List<PriceSeries> history = new ArrayList<>();
        int keep = config.trainer().historyDays();
        panel.forEach((symbol, s) -> {
            int to = Math.min(day, s.end());
            int from = Math.max(s.start(), to - keep);
            int n = to - from;
            if (n > 0) {
                LocalDate[] dates = new LocalDate[n];
                double[] closes = new double[n];
                for (int i = 0; i < n; i++) {
                    dates[i] = D0.plusDays(from + i);
                    closes[i] = s.on(from + i);
                }
                history.add(new PriceSeries(symbol, dates, closes));
            }
        });
        ModelSlot.Versioned current = slot.acquire();
        RetrainCycle.Attempt a;
        try {
            a = RetrainCycle.run(TickHistory.Snapshot.of(history), settings, current == null ? null : current.model(),
                    java.time.Clock.systemUTC(), LstmTrainer.EpochListener.NONE, config.evidence().decision());
        } finally {
            if (current != null) {
                current.release();
            }
        }
        log.add("day " + day + ": " + a.outcome().label() + " (" + a.detail() + ")");
        if (!a.outcome().publishes()) {
            return false;
        }
        slot.install(a.model(), version, a.record().calibration(),
                ModelFollower.terms(a.record().withVersion(version), config.evidence().decision()));
        return true;
    }

    private static Map<String, SymbolOutcome> outcomes(Map<String, Series> panel, List<Forecast> forecasts,
                                                       Map<String, SymbolEvidence> evidence) {
        Map<String, double[]> sums = new TreeMap<>(); // scored, lstm, servedSq, naiveSq, cScored, cSq, cNaiveSq, first
        for (Forecast f : forecasts) {
            Series s = panel.get(f.symbol());
            int day = (int) (f.asOf().toEpochDay() - D0.toEpochDay());
            double[] a = sums.computeIfAbsent(f.symbol(), k -> new double[] {0, 0, 0, 0, 0, 0, 0, -1});
            boolean lstm = Forecast.MODEL_LSTM.equals(f.model());
            if (lstm && a[7] < 0) {
                a[7] = day;
            }
            if (!s.has(day + 1)) {
                continue; // the last forecast has no actual
            }
            double actual = s.on(day + 1);
            double naive = Math.pow(f.lastClose() - actual, 2);
            a[0]++;
            a[1] += lstm ? 1 : 0;
            a[2] += Math.pow(f.forecastClose() - actual, 2);
            a[3] += naive;
            if (f.challenger() != null) {
                a[4]++;
                a[5] += Math.pow(f.challenger().forecastClose() - actual, 2);
                a[6] += naive;
            }
        }
        Map<String, SymbolOutcome> out = new TreeMap<>();
        sums.forEach((symbol, a) -> out.put(symbol, new SymbolOutcome(symbol, (int) a[0], (int) a[1], a[2], a[3],
                (int) a[4], a[5], a[6], (int) a[7], evidence.get(symbol))));
        return out;
    }
}
