package io.tickcast.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.tickcast.config.TickcastConfig;
import io.tickcast.evaluation.ForecastMetrics;
import io.tickcast.gate.GateSettings;
import io.tickcast.gate.ValidationWindow;
import io.tickcast.interval.Calibration;
import io.tickcast.interval.Calibrator;
import io.tickcast.interval.ForecasterCalibration;
import io.tickcast.interval.IntervalSettings;
import io.tickcast.interval.ValidationCalibration;
import io.tickcast.interval.Volatility;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.Scaling;
import io.tickcast.lstm.TrainingRegime;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.records.PriceSeries;
import io.tickcast.records.Tick;
import io.tickcast.settings.ConfigKey;
import io.tickcast.training.GatedTraining;

/**
 * The seed article's experiment, done honestly: per symbol, cut the closes into windows, train an LSTM on the
 * first {@code trainFraction} of them the way the service trains every model it serves ({@link GatedTraining}:
 * the training part's most recent {@code validationFraction} of windows validate for the promotion gate, the
 * rest train), forecast the rest, and score the forecasts next to the naive forecast (tomorrow = today) on the
 * same test days, together with what tickcast would have published there: the LSTM if it passed the gate, the
 * naive forecast if not.
 *
 * <p>With {@link ServiceLoop} set (the default), the published figures are instead what the service's whole loop
 * served ({@link ServiceReplay}). Over 300 lines because its {@link Settings} record, with one copier per setting,
 * lives here with the run it configures.
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
                           double validationFraction, GateSettings gate, IntervalScope intervalScope, double adaptRate,
                           ServiceLoop service) {

        /** The trainer's default share of validation windows ({@code trainer.validation-fraction}). */
        public static final double TRAINER_VALIDATION_FRACTION =
                Double.parseDouble(ConfigKey.TRAINER_VALIDATION_FRACTION.defaultValue());

        /** The defaults, with the service's loop replayed over the test part ({@link ServiceLoop#DEFAULT}). */
        public static final Settings DEFAULT = new Settings(LstmConfig.DEFAULT, 0.7, Scaling.Method.PER_WINDOW,
                TrainingRegime.DEFAULT, TRAINER_VALIDATION_FRACTION, GateSettings.DEFAULT, IntervalScope.POOLED,
                IntervalSettings.DEFAULT_ADAPT_RATE, ServiceLoop.DEFAULT);

        /** Per-symbol training only: no replay of the service's loop. */
        public Settings(LstmConfig lstm, double trainFraction, Scaling.Method scaling, TrainingRegime regime,
                        double validationFraction, GateSettings gate) {
            this(lstm, trainFraction, scaling, regime, validationFraction, gate, IntervalScope.POOLED,
                    IntervalSettings.DEFAULT_ADAPT_RATE, null);
        }

        public Settings {
            intervalScope = intervalScope == null ? IntervalScope.POOLED : intervalScope;
            if (!(trainFraction > 0 && trainFraction < 1)) {
                throw new IllegalArgumentException("train fraction must be between 0 and 1 (exclusive), was " + trainFraction);
            }
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validation fraction must be between 0 and 1 (exclusive), was "
                        + validationFraction);
            }
        }

        public Settings withLstm(LstmConfig newLstm) {
            return new Settings(newLstm, trainFraction, scaling, regime, validationFraction, gate, intervalScope, adaptRate, service);
        }

        public Settings withTrainFraction(double fraction) {
            return new Settings(lstm, fraction, scaling, regime, validationFraction, gate, intervalScope, adaptRate, service);
        }

        public Settings withScaling(Scaling.Method method) {
            return new Settings(lstm, trainFraction, method, regime, validationFraction, gate, intervalScope, adaptRate, service);
        }

        public Settings withGate(GateSettings newGate) {
            return new Settings(lstm, trainFraction, scaling, regime, validationFraction, newGate, intervalScope, adaptRate, service);
        }

        public Settings withIntervalScope(IntervalScope scope) {
            return new Settings(lstm, trainFraction, scaling, regime, validationFraction, gate, scope, adaptRate, service);
        }

        /** The stream's online interval-width correction at {@code rate} ({@code interval.adapt-rate}; 0: none). */
        public Settings withAdaptRate(double rate) {
            return new Settings(lstm, trainFraction, scaling, regime, validationFraction, gate, intervalScope, rate, service);
        }

        /** The same settings replaying the service's loop as {@code loop} says (null: not at all). */
        public Settings withService(ServiceLoop loop) {
            return new Settings(lstm, trainFraction, scaling, regime, validationFraction, gate, intervalScope, adaptRate,
                    loop);
        }

        /** The service's training and gate with these settings; any training part of two windows is tried. */
        GatedTraining.Settings gatedTraining() {
            IntervalSettings is = IntervalSettings.DEFAULT;
            return new GatedTraining.Settings(lstm, regime, scaling, validationFraction, 1, gate,
                    new TickcastConfig.Intervals(new IntervalSettings(is.levels(), is.halfLife(), adaptRate),
                            TickcastConfig.Intervals.DEFAULT.coverageTolerance()), null);
        }
    }

    /**
     * Which validation windows calibrate a symbol's intervals: {@code POOLED}, those of every symbol of the run
     * (the service calibrates one model on all symbols' validation windows the same way), or {@code PER_SYMBOL},
     * its own only.
     */
    public enum IntervalScope {
        POOLED, PER_SYMBOL;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Hears about each symbol's training; called on the backtest's thread. */
    public interface Progress {
        void training(String symbol, int index, int symbols, int trainWindows);

        void trained(String symbol, SymbolResult result);

        /** A retraining of the service's loop ({@link ServiceLoop}). */
        default void retrained(ServiceReplay.Retraining retraining) {
        }

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
        List<Run> runs = new ArrayList<>();
        long parameters = 0;
        int index = 0;
        for (Map.Entry<String, List<Tick>> e : ticksBySymbol.entrySet()) {
            index++;
            Run run = runSymbol(e.getKey(), e.getValue(), settings, index, ticksBySymbol.size(), progress);
            runs.add(run);
            parameters = run.parameters();
            progress.trained(e.getKey(), run.result());
        }
        List<SymbolResult> results = withIntervals(runs, settings);
        List<ServiceReplay.Retraining> retrainings = null;
        if (settings.service() != null) {
            ServiceReplay.Result replay = replay(ticksBySymbol, results, settings, progress);
            results = results.stream().map(r -> r.withService(ServedScores.of(r, ticksBySymbol.get(r.symbol()),
                    replay.symbols().get(r.symbol()), settings.lstm().window()))).toList();
            retrainings = replay.retrainings();
        }
        return new BacktestResult(source, settings, parameters, results,
                results.size() > 1 ? BacktestResult.Summary.of(results) : null, retrainings);
    }

    /**
     * A symbol's training and test scores (its intervals still to come), with what its intervals are calibrated
     * and scored on: the gate's validation windows and the test days, each with the volatility at forecast time.
     */
    private record Run(SymbolResult result, long parameters, Calibrating validation, IntervalEvaluation.TestDays test,
                       boolean published) {
    }

    /** Calibration windows: the LSTM's forecasts, naive's, what happened, and the volatility at forecast time. */
    private record Calibrating(double[] lstm, double[] naive, double[] actual, double[] sigma) {

        static Calibrating concat(List<Calibrating> parts) {
            return new Calibrating(cat(parts, Calibrating::lstm), cat(parts, Calibrating::naive),
                    cat(parts, Calibrating::actual), cat(parts, Calibrating::sigma));
        }

        private static double[] cat(List<Calibrating> parts, java.util.function.Function<Calibrating, double[]> f) {
            return parts.stream().flatMapToDouble(p -> Arrays.stream(f.apply(p))).toArray();
        }
    }

    /**
     * Calibrates each symbol's intervals on the gate's validation windows ({@link IntervalScope}) and scores them on
     * its test days: the LSTM's, naive's (both EWMA-scaled) and naive's unconditional intervals (no scale, fitted on
     * the symbol's own validation windows: the baseline).
     */
    private static List<SymbolResult> withIntervals(List<Run> runs, Settings settings) {
        IntervalSettings is = settings.gatedTraining().intervals().settings();
        Calibrating pooled = Calibrating.concat(runs.stream().map(Run::validation).toList());
        List<SymbolResult> out = new ArrayList<>();
        for (Run run : runs) {
            Calibrating cal = settings.intervalScope() == IntervalScope.POOLED ? pooled : run.validation();
            Calibration lstm = Calibrator.fit(cal.lstm(), cal.actual(), cal.sigma(), is, Calibration.SCALE_EWMA);
            Calibration naive = Calibrator.fit(cal.naive(), cal.actual(), cal.sigma(), is, Calibration.SCALE_EWMA);
            Calibrating own = run.validation();
            Calibration unconditional = Calibrator.fit(own.naive(), own.actual(), own.sigma(), is,
                    Calibration.SCALE_NONE);
            List<IntervalEvaluation> intervals = IntervalEvaluation.of(run.test(), lstm, naive, unconditional,
                    run.published(), is.adaptive());
            double[][][] bands = IntervalEvaluation.bands(run.test(), run.published() ? lstm : naive, run.published(),
                    is.adaptive());
            out.add(run.result().withIntervals(intervals,
                    new ForecasterCalibration(lstm, naive, run.result().calibration().check()),
                    is.levels().stream().mapToDouble(Double::doubleValue).toArray(), bands));
        }
        return out;
    }

    /**
     * The service's loop over every symbol's ticks: the first model trained on every tick before the first test
     * forecast of any symbol (the last close of its training part, from its {@code results} split), as the trainer
     * would.
     */
    private static ServiceReplay.Result replay(Map<String, List<Tick>> ticksBySymbol, List<SymbolResult> results,
                                               Settings settings, Progress progress) {
        int window = settings.lstm().window();
        LocalDate firstForecast = null;
        for (SymbolResult r : results) {
            LocalDate d = ticksBySymbol.get(r.symbol()).get(r.trainWindows() + window - 1).date();
            firstForecast = firstForecast == null || d.isBefore(firstForecast) ? d : firstForecast;
        }
        TickcastConfig config = settings.service().config().withLstm(settings.lstm());
        return ServiceReplay.run(ticksBySymbol, firstForecast, settings.service().retrainEvery(), config,
                progress::retrained);
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
        List<ValidationWindow> validation = candidate.validation();
        Calibrating calibrating = new Calibrating(candidate.forecasts(),
                validation.stream().mapToDouble(ValidationWindow::lastClose).toArray(),
                validation.stream().mapToDouble(ValidationWindow::actual).toArray(),
                ValidationCalibration.sigmas(List.of(trainingPart), window, candidate.cutoff(),
                        intervalSettings.halfLife()));
        SymbolResult result = new SymbolResult(symbol, closes.length, dates[0], dates[dates.length - 1],
                split.trainCount(), split.testCount(), dates[split.trainCount() + window],
                trained.elapsed().toNanos() / 1e9, trained.examples(), trained.validationExamples(),
                trained.bestEpoch(), SymbolResult.Gate.of(candidate.verdict()), lstm, publishedScores, naiveScores,
                lstm.rmse() / naiveScores.rmse(), publishedScores.rmse() / naiveScores.rmse(),
                ForecastMetrics.upShare(actual, naive), trained.epochLosses(), trained.validationLosses(),
                List.of(), candidate.calibration(), new SymbolResult.Series(dates, closes, forecasts, window,
                        new double[0], new double[0][][]), null);
        return new Run(result, parameters, calibrating, testDays, passed);
    }
}
