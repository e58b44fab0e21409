package io.tickcast.backtest;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A backtest over one or more symbols.
 *
 * @param source         the file (or bundled resource) the closes came from
 * @param parameterCount trainable scalars of the LSTM (the same architecture for every symbol)
 * @param summary        across symbols, null for a single symbol
 * @param retrainings    the service loop's retrainings ({@link ServiceLoop}), null if it was not replayed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BacktestResult(String source, @JsonIgnore Backtest.Settings settings, long parameterCount,
                             List<SymbolResult> symbols, Summary summary, List<ServiceReplay.Retraining> retrainings) {

    /** The settings as plain values for the JSON output. */
    @JsonProperty("settings")
    public SettingsView settingsView() {
        Backtest.Settings s = settings;
        return new SettingsView(s.lstm().window(), s.lstm().layers(), s.lstm().hidden(), s.lstm().learningRate(),
                s.lstm().epochs(), s.lstm().batchSize(), s.lstm().seed(), s.trainFraction(), s.scaling().label(),
                s.regime().validationFraction(), s.regime().weightDecay(), s.validationFraction(), s.gate().level(),
                s.gate().minWindows(), s.gate().margin(), s.intervalScope().label(),
                s.gatedTraining().intervals().settings().levels(),
                s.gatedTraining().intervals().settings().halfLife(),
                s.gatedTraining().intervals().settings().adaptRate());
    }

    /**
     * @param validationFraction     share of the LSTM's training windows held out to pick the kept epoch
     * @param gateValidationFraction share of the training part's windows, the most recent, the gate validates on
     */
    public record SettingsView(int window, int layers, int hidden, double learningRate, int epochs, int batchSize,
                               long seed, double trainFraction, String scaling, double validationFraction,
                               double weightDecay, double gateValidationFraction, double gateLevel,
                               int gateMinWindows, double gateMargin, String intervalCalibration,
                               List<Double> intervalLevels, double intervalHalfLife, double intervalAdaptRate) {
    }

    @JsonProperty
    public double totalTrainingSeconds() {
        return symbols.stream().mapToDouble(SymbolResult::trainingSeconds).sum();
    }

    /**
     * Across symbols: the unweighted mean of each symbol's scale-free measures (MAPE, MASE, RMSE ratio,
     * directional accuracy, up share). RMSE and MAE are in each symbol's own price units, so they are not
     * averaged. The directional accuracy is the LSTM's.
     *
     * @param basis        what the numbers are, in words
     * @param beatingNaive symbols whose LSTM test RMSE is below the naive forecast's
     * @param gatePassed   symbols whose LSTM passed the gate, so that tickcast would have published it
     */
    public record Summary(String basis, int symbols, double lstmMape, double publishedMape, double naiveMape,
                          double lstmMase, double publishedMase, double naiveMase, double rmseRatio,
                          double publishedRmseRatio, double directionalAccuracy, double upShare, int beatingNaive,
                          int gatePassed) {

        public static final String BASIS = "unweighted mean over symbols of per-symbol values";

        static Summary of(List<SymbolResult> results) {
            return new Summary(BASIS, results.size(),
                    mean(results, r -> r.lstm().mape()), mean(results, r -> r.published().mape()),
                    mean(results, r -> r.naive().mape()),
                    mean(results, r -> r.lstm().mase()), mean(results, r -> r.published().mase()),
                    mean(results, r -> r.naive().mase()),
                    mean(results, SymbolResult::rmseRatio), mean(results, SymbolResult::publishedRmseRatio),
                    mean(results, r -> r.lstm().directionalAccuracy()), mean(results, SymbolResult::upShare),
                    count(results, r -> r.rmseRatio() < 1), count(results, r -> r.gate().passed()));
        }

        private static double mean(List<SymbolResult> results, ToDoubleFunction<SymbolResult> value) {
            return results.stream().mapToDouble(value).sum() / results.size();
        }

        private static int count(List<SymbolResult> results, Predicate<SymbolResult> condition) {
            return (int) results.stream().filter(condition).count();
        }
    }
}
