package io.tickcast.quality;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A backtest over one or more symbols.
 *
 * @param source         the file (or bundled resource) the closes came from
 * @param parameterCount trainable scalars of the LSTM (the same architecture for every symbol)
 * @param summary        across symbols, null for a single symbol
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BacktestResult(String source, @JsonIgnore Backtest.Settings settings, long parameterCount,
                             List<SymbolResult> symbols, Summary summary) {

    /** The settings as plain values for the JSON output. */
    @JsonProperty("settings")
    public SettingsView settingsView() {
        Backtest.Settings s = settings;
        return new SettingsView(s.lstm().window(), s.lstm().layers(), s.lstm().hidden(), s.lstm().learningRate(),
                s.lstm().epochs(), s.lstm().batchSize(), s.lstm().seed(), s.trainFraction(), s.scaling().label(),
                s.regime().validationFraction(), s.regime().weightDecay());
    }

    public record SettingsView(int window, int layers, int hidden, double learningRate, int epochs, int batchSize,
                               long seed, double trainFraction, String scaling, double validationFraction,
                               double weightDecay) {
    }

    @JsonProperty
    public double totalTrainingSeconds() {
        return symbols.stream().mapToDouble(SymbolResult::trainingSeconds).sum();
    }

    /**
     * Across symbols: the unweighted mean of each symbol's scale-free measures (MAPE, MASE, RMSE ratio,
     * directional accuracy, up share). RMSE and MAE are in each symbol's own price units, so they are not
     * averaged.
     *
     * @param basis        what the numbers are, in words
     * @param beatingNaive symbols whose LSTM test RMSE is below the naive forecast's
     */
    public record Summary(String basis, int symbols, double lstmMape, double naiveMape, double lstmMase,
                          double naiveMase, double rmseRatio, double directionalAccuracy, double upShare,
                          int beatingNaive) {

        public static final String BASIS = "unweighted mean over symbols of per-symbol values";

        static Summary of(List<SymbolResult> results) {
            int n = results.size();
            double lstmMape = 0;
            double naiveMape = 0;
            double lstmMase = 0;
            double naiveMase = 0;
            double ratio = 0;
            double direction = 0;
            double up = 0;
            int beating = 0;
            for (SymbolResult r : results) {
                lstmMape += r.lstm().mape() / n;
                naiveMape += r.naive().mape() / n;
                lstmMase += r.lstm().mase() / n;
                naiveMase += r.naive().mase() / n;
                ratio += r.rmseRatio() / n;
                direction += r.lstm().directionalAccuracy() / n;
                up += r.upShare() / n;
                if (r.rmseRatio() < 1) {
                    beating++;
                }
            }
            return new Summary(BASIS, n, lstmMape, naiveMape, lstmMase, naiveMase, ratio, direction, up, beating);
        }
    }
}
