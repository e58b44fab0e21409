package io.tickcast.backtest;

import java.time.LocalDate;
import java.util.List;

import io.tickcast.evaluation.ForecastMetrics;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.records.Forecast;
import io.tickcast.records.ModelKind;
import io.tickcast.records.Tick;

/**
 * One symbol's test days as the service's loop ({@link ServiceReplay}) served them: the published scores (what the
 * stream served, naive or the LSTM, forecast by forecast) and what the loop did on the symbol.
 *
 * @param published what was served, scored on the symbol's test days
 * @param ratio     its RMSE over naive's on those days
 * @param service   the loop's figures on the symbol
 */
record ServedScores(SymbolResult.Scores published, double ratio, SymbolResult.Service service) {

    /**
     * The served forecasts of {@code result}'s test days: the forecast made on the day before each test target (the
     * window ending there), from {@code replay}.
     */
    static ServedScores of(SymbolResult result, List<Tick> ticks, ServiceReplay.SymbolReplay replay, int window) {
        int tests = result.testWindows();
        int firstTarget = ticks.size() - tests;
        double[] served = new double[tests];
        double[] actual = new double[tests];
        double[] naive = new double[tests];
        double challengerSq = 0;
        double challengerNaiveSq = 0;
        int challengerForecasts = 0;
        int lstmServed = 0;
        LocalDate firstServed = null;
        for (int j = 0; j < tests; j++) {
            Tick made = ticks.get(firstTarget + j - 1);
            Forecast f = replay == null ? null : replay.madeOn(made.date());
            actual[j] = ticks.get(firstTarget + j).close();
            naive[j] = made.close();
            if (f == null) { // no forecast for the day (cannot happen with full windows): naive is what a user had
                served[j] = naive[j];
                continue;
            }
            served[j] = f.forecastClose();
            if (f.madeBy(ModelKind.LSTM)) {
                lstmServed++;
                firstServed = firstServed == null ? made.date() : firstServed;
            }
            if (f.challenger() != null) {
                challengerForecasts++;
                challengerSq += Math.pow(f.challenger().forecastClose() - actual[j], 2);
                challengerNaiveSq += Math.pow(naive[j] - actual[j], 2);
            }
        }
        double[] trainingSeries = ticks.subList(0, result.trainWindows() + window).stream().mapToDouble(Tick::close)
                .toArray();
        SymbolResult.Scores scores = SymbolResult.Scores.of(served, actual, naive, trainingSeries, lstmServed > 0);
        double ratio = scores.rmse() / ForecastMetrics.rmse(naive, actual);
        SymbolEvidence e = replay == null ? null : replay.evidence();
        SymbolResult.Service service = new SymbolResult.Service(tests, lstmServed, firstServed, challengerForecasts,
                challengerForecasts == 0 ? Double.NaN : Math.sqrt(challengerSq / challengerNaiveSq),
                e == null ? 0 : e.promotions(), e == null ? 0 : e.demotions(),
                e == null ? 1 : e.evidence(), e == null ? "naive" : e.serving().name().toLowerCase(java.util.Locale.ROOT));
        return new ServedScores(scores, ratio, service);
    }
}
