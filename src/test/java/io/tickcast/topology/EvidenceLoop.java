package io.tickcast.topology;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tickcast.backtest.ServiceReplay;
import io.tickcast.config.TickcastConfig;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.records.Forecast;
import io.tickcast.records.Tick;

/**
 * The whole loop on a synthetic panel, with the code the service (and the backtest) runs: {@link ServiceReplay},
 * retraining every {@code retrainEvery} days from day {@code firstTraining}. Each symbol has closes on days
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

    static Result run(Map<String, Series> panel, int firstTraining, int retrainEvery, TickcastConfig config) {
        Map<String, List<Tick>> ticks = new TreeMap<>();
        panel.forEach((symbol, s) -> {
            List<Tick> list = new ArrayList<>();
            for (int d = s.start(); d < s.end(); d++) {
                list.add(Tick.of(symbol, D0.plusDays(d), s.on(d)));
            }
            ticks.put(symbol, list);
        });
        ServiceReplay.Result replay = ServiceReplay.run(ticks, D0.plusDays(firstTraining), retrainEvery, config,
                ServiceReplay.Progress.NONE);
        List<String> log = replay.retrainings().stream().map(r -> "day " + (r.before().toEpochDay() - D0.toEpochDay())
                + ": " + r.outcome().label() + " (" + r.detail() + ")").toList();
        List<Forecast> forecasts = new ArrayList<>();
        Map<String, SymbolEvidence> evidence = new TreeMap<>();
        replay.symbols().forEach((symbol, r) -> {
            forecasts.addAll(r.forecasts().values());
            evidence.put(symbol, r.evidence());
        });
        return new Result(outcomes(panel, forecasts, evidence), (int) replay.published(), log);
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
