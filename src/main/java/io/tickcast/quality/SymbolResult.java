package io.tickcast.quality;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One symbol's backtest: split sizes, training, and test-split scores of the LSTM and of the naive forecast.
 *
 * @param firstTestDate      the date of the first test target (the first day the test scores cover)
 * @param trainingSeconds    wall time of the training
 * @param fitWindows         training windows the weights were fitted on
 * @param validationWindows  training windows held out (from the end) to pick the kept epoch
 * @param bestEpoch          1-based epoch whose weights were kept
 * @param rmseRatio          LSTM RMSE / naive RMSE on the test split (below 1: better than naive)
 * @param upShare            share of test days that closed up: the bar for directional accuracy
 * @param trainLosses        per-epoch mean training MSE on scaled targets
 * @param validationLosses   per-epoch validation MSE on scaled targets (empty without validation)
 * @param series             the closes and forecasts behind the charts (not in the JSON)
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
        Scores lstm,
        Scores naive,
        double rmseRatio,
        double upShare,
        double[] trainLosses,
        double[] validationLosses,
        @JsonIgnore Series series) {

    /**
     * Test-split scores of one forecaster. {@code mape} is in percent; {@code mase} is scaled by the in-sample
     * naive MAE of the training part; {@code directionalAccuracy} is left out for the naive forecast, which
     * never predicts a direction.
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
     * The whole series with the LSTM's forecast for every window (in-sample for training windows, out of sample
     * for test windows). {@code forecasts[i]} forecasts {@code closes[i + window]}.
     */
    public record Series(LocalDate[] dates, double[] closes, double[] forecasts, int window) {
    }

    /** Epochs trained (every epoch runs; {@link #bestEpoch()} says which one's weights were kept). */
    @JsonProperty
    public int epochs() {
        return trainLosses.length;
    }
}
