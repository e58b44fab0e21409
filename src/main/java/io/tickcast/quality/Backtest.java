package io.tickcast.quality;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.tickcast.config.ConfigKey;
import io.tickcast.config.LstmConfig;
import io.tickcast.gate.GateSettings;
import io.tickcast.gate.ValidationWindow;
import io.tickcast.interval.Calibration;
import io.tickcast.interval.Calibrator;
import io.tickcast.interval.ForecasterCalibration;
import io.tickcast.interval.IntervalSettings;
import io.tickcast.interval.Volatility;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.PriceSeries;
import io.tickcast.lstm.Scaling;
import io.tickcast.lstm.TrainingRegime;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.records.Tick;
import io.tickcast.training.GatedTraining;

/**
 * The seed article's experiment, done honestly: per symbol, cut the closes into windows, train an LSTM on the
 * first {@code trainFraction} of them the way the service trains every model it serves ({@link GatedTraining}:
 * the training part's most recent {@code validationFraction} of windows validate for the promotion gate, the
 * rest train), forecast the rest, and score the forecasts next to the naive forecast (tomorrow = today) on the
 * same test days, together with what tickcast would have published there: the LSTM if it passed the gate, the
 * naive forecast if not.
 */
public final class Backtest {

    /** Fewest training windows a symbol's training part needs: at least one trains and one validates. */
    static final int MIN_TRAINING_PART_WINDOWS = 2;

    /**
     * What to run: the model and training settings, the split, the scaling, and the gate.
     *
     * @param validationFraction share of the training part's windows, the most recent, that validate for the gate
     * @param gate               how much evidence the gate asks for
     */
    public record Settings(LstmConfig lstm, double trainFraction, Scaling.Method scaling, TrainingRegime regime,
                           double validationFraction, GateSettings gate) {

        /** The trainer's default share of validation windows ({@code trainer.validation-fraction}). */
        public static final double TRAINER_VALIDATION_FRACTION =
                Double.parseDouble(ConfigKey.TRAINER_VALIDATION_FRACTION.defaultValue());

        public static final Settings DEFAULT = new Settings(LstmConfig.DEFAULT, 0.7, Scaling.Method.PER_WINDOW,
                TrainingRegime.DEFAULT, TRAINER_VALIDATION_FRACTION, GateSettings.DEFAULT);

        public Settings {
            if (!(trainFraction > 0 && trainFraction < 1)) {
                throw new IllegalArgumentException("train fraction must be between 0 and 1 (exclusive), was " + trainFraction);
            }
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validation fraction must be between 0 and 1 (exclusive), was "
                        + validationFraction);
            }
        }

        public Settings withLstm(LstmConfig newLstm) {
            return new Settings(newLstm, trainFraction, scaling, regime, validationFraction, gate);
        }

        public Settings withTrainFraction(double fraction) {
            return new Settings(lstm, fraction, scaling, regime, validationFraction, gate);
        }

        public Settings withScaling(Scaling.Method method) {
            return new Settings(lstm, trainFraction, method, regime, validationFraction, gate);
        }

        public Settings withGate(GateSettings newGate) {
            return new Settings(lstm, trainFraction, scaling, regime, validationFraction, newGate);
        }

        /** The service's training and gate with these settings; any training part of two windows is tried. */
        GatedTraining.Settings gatedTraining() {
            return new GatedTraining.Settings(lstm, regime, scaling, validationFraction, 1, gate);
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
        HoldoutSplit split;
        try {
            split = HoldoutSplit.of(closes, settings.lstm().window(), settings.trainFraction());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(symbol + ": " + e.getMessage(), e);
        }
        if (split.trainCount() < MIN_TRAINING_PART_WINDOWS) {
            throw new IllegalArgumentException(symbol + ": a training part of " + split.trainCount()
                    + " window is too short: the gate needs at least " + MIN_TRAINING_PART_WINDOWS
                    + " (one to train, one to validate); give more closes or a larger train fraction");
        }
        return split;
    }

    private static Run runSymbol(String symbol, List<Tick> ticks, Settings settings, int index, int symbols,
                                 Progress progress) {
        double[] closes = ticks.stream().mapToDouble(Tick::close).toArray();
        LocalDate[] dates = ticks.stream().map(Tick::date).toArray(LocalDate[]::new);
        int window = settings.lstm().window();
        HoldoutSplit split = split(symbol, closes, settings);
        PriceSeries trainingPart = new PriceSeries(symbol, Arrays.copyOf(dates, split.trainSeries().length),
                split.trainSeries());
        progress.training(symbol, index, symbols, split.trainCount());
        GatedTraining.Candidate candidate = GatedTraining.run(List.of(trainingPart), settings.gatedTraining(), null,
                LstmTrainer.EpochListener.NONE);
        if (candidate.trained() == null) { // cannot happen after split(): a training part of two windows is tried
            throw new IllegalStateException(symbol + ": not trained: " + candidate.skipped());
        }
        TrainingResult trained = candidate.trained();
        double[] forecasts;
        long parameters;
        try (LstmModel model = trained.model(); LstmPredictor predictor = model.newPredictor()) {
            forecasts = predictor.forecastAll(split.allWindows());
            parameters = model.parameterCount();
        }
        double[] test = Arrays.copyOfRange(forecasts, split.trainCount(), forecasts.length);
        double[] actual = split.testActuals();
        double[] naive = split.testNaive();
        boolean passed = candidate.passed();
        double[] published = passed ? test : naive;
        SymbolResult.Scores lstm = SymbolResult.Scores.of(test, actual, naive, split.trainSeries(), true);
        SymbolResult.Scores naiveScores = SymbolResult.Scores.of(naive, actual, naive, split.trainSeries(), false);
        SymbolResult.Scores publishedScores = SymbolResult.Scores.of(published, actual, naive, split.trainSeries(),
                passed);
        IntervalSettings intervalSettings = settings.gatedTraining().intervals().settings();
        double[] sigmas = Volatility.sigmas(closes, intervalSettings.halfLife());
        IntervalEvaluation.TestDays testDays = new IntervalEvaluation.TestDays(test, actual, naive,
                Arrays.copyOfRange(sigmas, split.trainCount() + window - 1, closes.length - 1));
        ForecasterCalibration calibration = candidate.calibration();
        List<ValidationWindow> validation = candidate.validation();
        Calibration unconditional = Calibrator.fit(validation.stream().mapToDouble(ValidationWindow::lastClose).toArray(),
                validation.stream().mapToDouble(ValidationWindow::actual).toArray(), new double[validation.size()],
                intervalSettings, Calibration.SCALE_NONE);
        List<IntervalEvaluation> intervals = IntervalEvaluation.of(testDays, calibration.lstm(), calibration.naive(),
                unconditional, passed);
        double[][][] bands = IntervalEvaluation.bands(testDays, passed ? calibration.lstm() : calibration.naive(), passed);
        SymbolResult result = new SymbolResult(symbol, closes.length, dates[0], dates[dates.length - 1],
                split.trainCount(), split.testCount(), dates[split.trainCount() + window],
                trained.elapsed().toNanos() / 1e9, trained.examples(), trained.validationExamples(),
                trained.bestEpoch(), SymbolResult.Gate.of(candidate.verdict()), lstm, publishedScores, naiveScores,
                lstm.rmse() / naiveScores.rmse(), publishedScores.rmse() / naiveScores.rmse(),
                ForecastMetrics.upShare(actual, naive), trained.epochLosses(), trained.validationLosses(),
                intervals, calibration, new SymbolResult.Series(dates, closes, forecasts, window,
                        intervalSettings.levels().stream().mapToDouble(Double::doubleValue).toArray(), bands));
        return new Run(result, parameters);
    }
}
