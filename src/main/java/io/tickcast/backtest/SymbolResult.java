package io.tickcast.backtest;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tickcast.evaluation.ForecastMetrics;
import io.tickcast.gate.Evidence;
import io.tickcast.gate.ModelGate;
import io.tickcast.interval.ForecasterCalibration;

/**
 * One symbol's backtest: split sizes, training, the gate's verdict, and test-split scores of the LSTM, of what
 * tickcast would have published (the LSTM if it passed the gate, naive if not) and of the naive forecast.
 *
 * @param trainWindows       windows of the training part: the model's training windows, then the gate's
 * @param firstTestDate      the date of the first test target (the first day the test scores cover)
 * @param trainingSeconds    wall time of the training
 * @param fitWindows         windows the weights were fitted on
 * @param validationWindows  windows after those, before the gate's, held out to pick the kept epoch
 * @param bestEpoch          1-based epoch whose weights were kept
 * @param gate               the gate's verdict on the training part's most recent windows
 * @param published          scores of what tickcast would have published: the LSTM's forecasts or naive's
 * @param rmseRatio          LSTM RMSE / naive RMSE on the test split (below 1: better than naive)
 * @param publishedRmseRatio published RMSE / naive RMSE on the test split (exactly 1 where the gate failed)
 * @param upShare            share of test days that closed up: the bar for directional accuracy
 * @param trainLosses        per-epoch mean training MSE on scaled targets
 * @param validationLosses   per-epoch validation MSE on scaled targets (empty without validation)
 * @param intervals          test-split coverage, width and Winkler score of the prediction intervals per level,
 *                           calibrated on the gate's validation windows
 * @param calibration        the intervals' calibration (the LSTM's and naive's, with the gate's coverage check)
 * @param series             the closes and forecasts behind the charts (not in the JSON)
 * @param service            the service's loop on the symbol ({@link ServiceLoop}; null if not replayed):
 *                           then {@code published} is what that loop served
 */
public record SymbolResult(
        String symbol,
        int days,
        LocalDate firstDate,
        LocalDate lastDate,
        int trainWindows,
        int testWindows,
        LocalDate firstTestDate,
        double trainingSeconds,
        int fitWindows,
        int validationWindows,
        int bestEpoch,
        Gate gate,
        Scores lstm,
        Scores published,
        Scores naive,
        double rmseRatio,
        double publishedRmseRatio,
        double upShare,
        double[] trainLosses,
        double[] validationLosses,
        List<IntervalEvaluation> intervals,
        ForecasterCalibration calibration,
        @JsonIgnore Series series,
        @JsonInclude(JsonInclude.Include.NON_NULL) Service service) {

    /**
     * What the service's loop ({@link ServiceReplay}) did on the symbol over its test days.
     *
     * @param scored              test days scored
     * @param lstmServed          of them, served by the LSTM
     * @param firstServed         the first test forecast the LSTM served (null: none)
     * @param challengerForecasts test days with a challenger forecast
     * @param challengerRatio     the challenger's RMSE over naive's on those days (NaN: none)
     * @param promotions          promotions of the symbol over the whole replay
     * @param demotions           demotions over the whole replay
     * @param evidence            at the end, the e-value of the test that could change who serves
     * @param serving             who served the symbol at the end: naive or lstm
     */
    public record Service(int scored, int lstmServed, LocalDate firstServed, int challengerForecasts,
                          double challengerRatio, long promotions, long demotions, double evidence, String serving) {
    }

    /**
     * The promotion gate's verdict on the LSTM: a one-sided Diebold-Mariano test of "it beats naive" on the
     * training part's windows after {@code cutoff}, which the LSTM did not train on.
     *
     * @param windows   validation windows (the most recent of the training part)
     * @param cutoff    the LSTM's last training target date
     * @param rmseRatio the LSTM's RMSE over naive's on them, of errors relative to each window's last close
     * @param statistic the corrected DM statistic (negative: the LSTM's loss was lower)
     * @param pValue    one-sided p-value; the gate passes when it is below its level with enough windows
     * @param reason    the gate's verdict in words
     */
    public record Gate(boolean passed, int windows, LocalDate cutoff, double rmseRatio, double statistic,
                       double pValue, String reason) {

        static Gate of(ModelGate.Verdict v) {
            Evidence e = v.evidence();
            return new Gate(v.passed(), e.windows(), e.cutoff(), e.ratioToNaive(), e.vsNaive().statistic(),
                    e.vsNaive().pValue(), v.reason());
        }
    }

    /**
     * Test-split scores of one forecaster. {@code mape} is in percent; {@code mase} is scaled by the in-sample
     * naive MAE of the training part; {@code directionalAccuracy} is left out for the naive forecast (and
     * for a published naive forecast), which never predicts a direction.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scores(double rmse, double mae, double mape, double mase, Double directionalAccuracy) {

        static Scores of(double[] forecast, double[] actual, double[] previous, double[] trainingSeries,
                         boolean withDirection) {
            return new Scores(
                    ForecastMetrics.rmse(forecast, actual),
                    ForecastMetrics.mae(forecast, actual),
                    ForecastMetrics.mape(forecast, actual),
                    ForecastMetrics.mase(forecast, actual, trainingSeries),
                    withDirection ? ForecastMetrics.directionalAccuracy(forecast, actual, previous) : null);
        }
    }

    /**
     * The whole series with the LSTM's forecast for every window (in sample for the windows it trained on, out of
     * sample for the gate's and the test windows). {@code forecasts[i]} forecasts {@code closes[i + window]}.
     * {@code bands[level][j]} is the published forecaster's {@code {lower, upper}} at {@code levels[level]} for
     * test window {@code j}.
     */
    public record Series(LocalDate[] dates, double[] closes, double[] forecasts, int window, double[] levels,
                         double[][][] bands) {
    }

    /** The same result with its intervals' test scores, calibration and the published forecaster's bands. */
    SymbolResult withIntervals(List<IntervalEvaluation> newIntervals, ForecasterCalibration newCalibration,
                               double[] levels, double[][][] bands) {
        return new SymbolResult(symbol, days, firstDate, lastDate, trainWindows, testWindows, firstTestDate,
                trainingSeconds, fitWindows, validationWindows, bestEpoch, gate, lstm, published, naive, rmseRatio,
                publishedRmseRatio, upShare, trainLosses, validationLosses, newIntervals, newCalibration,
                new Series(series.dates(), series.closes(), series.forecasts(), series.window(), levels, bands),
                service);
    }

    /** The same result with {@code published} what the service's loop served. */
    SymbolResult withService(ServedScores served) {
        return new SymbolResult(symbol, days, firstDate, lastDate, trainWindows, testWindows, firstTestDate,
                trainingSeconds, fitWindows, validationWindows, bestEpoch, gate, lstm, served.published(), naive,
                rmseRatio, served.ratio(), upShare, trainLosses, validationLosses, intervals, calibration, series,
                served.service());
    }

    /** Epochs trained (every epoch runs; {@link #bestEpoch()} says which one's weights were kept). */
    @JsonProperty
    public int epochs() {
        return trainLosses.length;
    }
}
