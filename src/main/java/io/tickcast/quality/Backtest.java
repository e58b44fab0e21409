package io.tickcast.quality;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.tickcast.config.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.Scaling;
import io.tickcast.lstm.TrainingRegime;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.lstm.WindowDataset;
import io.tickcast.records.Tick;

/**
 * The seed article's experiment, done honestly: per symbol, cut the closes into windows, train an LSTM on the
 * first {@code trainFraction} of them, forecast the rest, and score the forecasts next to the naive forecast
 * (tomorrow = today) on the same test days.
 */
public final class Backtest {

    /** What to run: the model and training settings, the split and the scaling. */
    public record Settings(LstmConfig lstm, double trainFraction, Scaling.Method scaling, TrainingRegime regime) {

        public static final Settings DEFAULT =
                new Settings(LstmConfig.DEFAULT, 0.7, Scaling.Method.PER_WINDOW, TrainingRegime.DEFAULT);

        public Settings {
            if (!(trainFraction > 0 && trainFraction < 1)) {
                throw new IllegalArgumentException("train fraction must be between 0 and 1 (exclusive), was " + trainFraction);
            }
        }

        public Settings withLstm(LstmConfig newLstm) {
            return new Settings(newLstm, trainFraction, scaling, regime);
        }

        public Settings withTrainFraction(double fraction) {
            return new Settings(lstm, fraction, scaling, regime);
        }

        public Settings withScaling(Scaling.Method method) {
            return new Settings(lstm, trainFraction, method, regime);
        }
    }

    /** Hears about each symbol's training; called on the backtest's thread. */
    public interface Progress {
        void training(String symbol, int index, int symbols, int trainWindows);

        void trained(String symbol, SymbolResult result);

        Progress NONE = new Progress() {
            @Override
            public void training(String symbol, int index, int symbols, int trainWindows) {
            }

            @Override
            public void trained(String symbol, SymbolResult result) {
            }
        };
    }

    private Backtest() {
    }

    /**
     * Backtests every symbol of {@code ticksBySymbol} (each list sorted by date), in map order.
     *
     * @param source where the ticks came from, for the report
     */
    public static BacktestResult run(String source, Map<String, List<Tick>> ticksBySymbol, Settings settings,
                                     Progress progress) {
        if (ticksBySymbol.isEmpty()) {
            throw new IllegalArgumentException("no symbols to backtest");
        }
        // refuse unusable series before spending time on training any
        for (Map.Entry<String, List<Tick>> e : ticksBySymbol.entrySet()) {
            split(e.getKey(), e.getValue().stream().mapToDouble(Tick::close).toArray(), settings);
        }
        List<SymbolResult> results = new ArrayList<>();
        long parameters = 0;
        int index = 0;
        for (Map.Entry<String, List<Tick>> e : ticksBySymbol.entrySet()) {
            index++;
            Run run = runSymbol(e.getKey(), e.getValue(), settings, index, ticksBySymbol.size(), progress);
            results.add(run.result());
            parameters = run.parameters();
            progress.trained(e.getKey(), run.result());
        }
        return new BacktestResult(source, settings, parameters, results,
                results.size() > 1 ? BacktestResult.Summary.of(results) : null);
    }

    private record Run(SymbolResult result, long parameters) {
    }

    private static HoldoutSplit split(String symbol, double[] closes, Settings settings) {
        try {
            return HoldoutSplit.of(closes, settings.lstm().window(), settings.trainFraction());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(symbol + ": " + e.getMessage(), e);
        }
    }

    private static Run runSymbol(String symbol, List<Tick> ticks, Settings settings, int index, int symbols,
                                 Progress progress) {
        double[] closes = ticks.stream().mapToDouble(Tick::close).toArray();
        LocalDate[] dates = ticks.stream().map(Tick::date).toArray(LocalDate[]::new);
        int window = settings.lstm().window();
        HoldoutSplit split = split(symbol, closes, settings);
        List<double[]> train = List.of(split.trainSeries());
        Scaling scaling = settings.scaling().fit(train);
        progress.training(symbol, index, symbols, split.trainCount());
        TrainingResult trained = LstmTrainer.train(settings.lstm(), WindowDataset.of(train, window, scaling),
                settings.regime(), LstmTrainer.EpochListener.NONE);
        double[] forecasts;
        long parameters;
        try (LstmModel model = trained.model(); LstmPredictor predictor = model.newPredictor()) {
            forecasts = predictor.forecastAll(split.allWindows());
            parameters = model.parameterCount();
        }
        double[] test = Arrays.copyOfRange(forecasts, split.trainCount(), forecasts.length);
        double[] actual = split.testActuals();
        double[] naive = split.testNaive();
        SymbolResult.Scores lstm = SymbolResult.Scores.of(test, actual, naive, split.trainSeries(), true);
        SymbolResult.Scores naiveScores = SymbolResult.Scores.of(naive, actual, naive, split.trainSeries(), false);
        SymbolResult result = new SymbolResult(symbol, closes.length, dates[0], dates[dates.length - 1],
                split.trainCount(), split.testCount(), dates[split.trainCount() + window],
                trained.elapsed().toNanos() / 1e9, trained.examples(), trained.validationExamples(),
                trained.bestEpoch(), lstm, naiveScores, lstm.rmse() / naiveScores.rmse(),
                ForecastMetrics.upShare(actual, naive), trained.epochLosses(), trained.validationLosses(),
                new SymbolResult.Series(dates, closes, forecasts, window));
        return new Run(result, parameters);
    }
}
