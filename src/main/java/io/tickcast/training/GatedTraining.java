package io.tickcast.training;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tickcast.config.TickcastConfig;
import io.tickcast.evidence.EvidenceSettings;
import io.tickcast.evidence.ScoreDifference;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.evidence.ValidationEvidence;
import io.tickcast.gate.Evidence;
import io.tickcast.gate.GateSettings;
import io.tickcast.gate.ModelGate;
import io.tickcast.gate.ValidationWindow;
import io.tickcast.interval.CoverageCheck;
import io.tickcast.interval.ForecasterCalibration;
import io.tickcast.interval.IntervalSettings;
import io.tickcast.interval.ValidationCalibration;
import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.Scaling;
import io.tickcast.lstm.TrainingRegime;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.lstm.WindowDataset;
import io.tickcast.records.PriceSeries;

/**
 * Trains a candidate and judges it, the one way every model that tickcast serves is made (trainer, demo,
 * {@code run --train-csv}, backtest): all series are cut at one date so that the most recent
 * {@code validationFraction} of the windows (by target date) validate and the rest train; no training target
 * is later than any validation target, across symbols. The candidate never sees the validation windows
 * (its best-epoch selection holds out its own tail of the training part); the {@link ModelGate} then decides.
 */
public final class GatedTraining {

    /** How to train and how much evidence to ask for. */
    public record Settings(LstmConfig lstm, TrainingRegime regime, Scaling.Method scaling, double validationFraction,
                           int minTrainWindows, GateSettings gate, TickcastConfig.Intervals intervals,
                           EvidenceSettings evidence) {

        public Settings {
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validation fraction must be in (0, 1), was " + validationFraction);
            }
            intervals = intervals == null ? TickcastConfig.Intervals.DEFAULT : intervals;
            evidence = evidence == null ? EvidenceSettings.DEFAULT : evidence;
        }

        public Settings(LstmConfig lstm, TrainingRegime regime, Scaling.Method scaling, double validationFraction,
                        int minTrainWindows, GateSettings gate) {
            this(lstm, regime, scaling, validationFraction, minTrainWindows, gate, null, null);
        }

        public static Settings of(LstmConfig lstm, double validationFraction, int minTrainWindows, GateSettings gate) {
            return new Settings(lstm, TrainingRegime.DEFAULT, Scaling.Method.PER_WINDOW, validationFraction,
                    minTrainWindows, gate);
        }

        public Settings withIntervals(TickcastConfig.Intervals newIntervals) {
            return new Settings(lstm, regime, scaling, validationFraction, minTrainWindows, gate, newIntervals, evidence);
        }

        public Settings withEvidence(EvidenceSettings newEvidence) {
            return new Settings(lstm, regime, scaling, validationFraction, minTrainWindows, gate, intervals, newEvidence);
        }
    }

    /**
     * A trained candidate with its verdict (the caller owns {@code trained.model()}) and its evidence against naive on
     * each symbol's validation windows, or, when there was too little data to train, no candidate ({@code trained}
     * null) and the reason in {@code skipped}.
     */
    public record Candidate(TrainingResult trained, ModelGate.Verdict verdict, LocalDate cutoff, int trainWindows,
                            List<ValidationWindow> validation, double[] forecasts, ForecasterCalibration calibration,
                            String skipped, Map<String, ValidationEvidence> symbolEvidence) {

        public boolean passed() {
            return verdict != null && verdict.passed();
        }

        /** Sane enough to be the challenger (see {@link ModelGate.Verdict#sane()}). */
        public boolean sane() {
            return verdict != null && verdict.sane();
        }
    }

    private GatedTraining() {
    }

    /**
     * @param current the model in service, or null; it must beat that too (ignored if its window differs)
     */
    public static Candidate run(List<PriceSeries> series, Settings s, LstmModel current, LstmTrainer.EpochListener progress) {
        int window = s.lstm().window();
        List<Long> targetDays = new ArrayList<>();
        for (PriceSeries p : series) {
            for (int i = window; i < p.length(); i++) {
                targetDays.add(p.dates()[i].toEpochDay());
            }
        }
        LocalDate cutoff = WindowDataset.cutoff(targetDays.stream().mapToLong(Long::longValue).toArray(),
                s.validationFraction());
        List<PriceSeries> train = new ArrayList<>();
        int trainWindows = 0;
        for (PriceSeries p : series) {
            PriceSeries head = p.until(cutoff);
            if (head.windows(window) > 0) {
                train.add(head);
                trainWindows += head.windows(window);
            }
        }
        List<ValidationWindow> validation = cutoff == null ? List.of() : ValidationWindow.after(series, window, cutoff);
        if (trainWindows < s.minTrainWindows() || validation.isEmpty()) {
            return new Candidate(null, null, cutoff, trainWindows, validation, null, null, trainWindows
                    + " training windows" + (validation.isEmpty() ? " and no validation window" : "")
                    + " (at least " + s.minTrainWindows() + " training windows are needed)", Map.of());
        }
        Scaling scaling = s.scaling().fit(PriceSeries.closesOf(train));
        TrainingResult trained = LstmTrainer.train(s.lstm(), WindowDataset.ofSeries(train, window, scaling), s.regime(),
                progress);
        try {
            double[] forecasts = forecast(trained.model(), validation);
            double[] currentForecasts = current == null || current.window() != window ? null : forecast(current, validation);
            ModelGate.Verdict verdict = ModelGate.judge(validation, forecasts, currentForecasts, cutoff, s.gate());
            IntervalSettings is = s.intervals().settings();
            double[] sigmas = ValidationCalibration.sigmas(series, window, cutoff, is.halfLife());
            ForecasterCalibration calibration = ValidationCalibration.fit(validation, forecasts, sigmas, is,
                    s.intervals().coverageTolerance(), s.gate().level());
            return new Candidate(trained, withCoverage(verdict, calibration.check()), cutoff, trainWindows, validation,
                    forecasts, calibration, null, symbolEvidence(validation, forecasts, sigmas, s.evidence()));
        } catch (RuntimeException e) {
            trained.model().close();
            throw e;
        }
    }

    /**
     * Per symbol, the candidate's evidence against naive on that symbol's validation windows, in date order: the
     * scores the stream's tests would have counted had the candidate forecast those days live (a window whose forecast
     * is no price counts nothing).
     */
    static Map<String, ValidationEvidence> symbolEvidence(List<ValidationWindow> windows, double[] forecasts,
                                                          double[] sigmas, EvidenceSettings settings) {
        Map<String, List<SymbolEvidence.DatedScore>> scores = new TreeMap<>();
        for (int i = 0; i < windows.size(); i++) {
            ValidationWindow w = windows.get(i);
            if (!(Double.isFinite(forecasts[i]) && forecasts[i] > 0)) {
                continue;
            }
            double x = ScoreDifference.score(w.lastClose(), forecasts[i], w.actual(), sigmas[i], settings.lossBound());
            scores.computeIfAbsent(w.symbol(), k -> new ArrayList<>()).add(new SymbolEvidence.DatedScore(w.targetDate(), x));
        }
        Map<String, ValidationEvidence> out = new TreeMap<>();
        scores.forEach((symbol, list) -> out.put(symbol, ValidationEvidence.of(list, settings)));
        return out;
    }

    /**
     * The verdict once the intervals' coverage is taken into account: a candidate that passed the accuracy test
     * but whose validation coverage misses a nominal level by more than the tolerance is not promoted.
     */
    static ModelGate.Verdict withCoverage(ModelGate.Verdict verdict, CoverageCheck check) {
        if (!verdict.passed() || check.passed()) {
            return verdict;
        }
        Evidence e = verdict.evidence();
        Evidence failed = new Evidence(e.windows(), e.cutoff(), e.rmse(), e.naiveRmse(), e.currentRmse(), e.vsNaive(),
                e.vsCurrent(), e.level(), e.margin(), false);
        return new ModelGate.Verdict(false, verdict.sane(), "its intervals do not hold: " + check.summary(), failed);
    }

    /** Judges a model that was trained elsewhere on every window of {@code series} (none of which it may have seen). */
    public static ModelGate.Verdict judgeExisting(LstmModel model, List<PriceSeries> series, GateSettings gate) {
        List<ValidationWindow> windows = ValidationWindow.after(series, model.window(), null);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no validation windows: every series needs more than " + model.window()
                    + " closes");
        }
        return ModelGate.judge(windows, forecast(model, windows), null, null, gate);
    }

    static double[] forecast(LstmModel model, List<ValidationWindow> windows) {
        try (LstmPredictor p = model.newPredictor()) {
            return p.forecastAll(ValidationWindow.closes(windows));
        }
    }
}
