package io.tickcast.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tickcast.config.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.quality.HoldoutSplit;
import io.tickcast.registry.ModelRecord;

/**
 * One retraining attempt and its gate. Each symbol's history is split in time: the oldest part trains a
 * candidate, the most recent {@code validationFraction} of its windows (never shuffled into training)
 * validates it. The candidate is promoted only if its validation RMSE beats both the naive forecast's and
 * the current model's on the same windows. Errors are relative to each window's last close, so symbols at
 * different price levels weigh alike.
 */
public final class RetrainCycle {

    public enum Outcome {
        PROMOTED, REJECTED, SKIPPED, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The result of an attempt. {@code record} and {@code model} are set only when promoted (the caller
     * owns the model). {@code thread} names the thread the training ran on.
     */
    public record Attempt(Outcome outcome, ModelRecord.Validation validation, ModelRecord record, LstmModel model,
                          Instant startedAt, Duration duration, String thread, String detail) {

        public double ratioToNaive() {
            return validation == null ? Double.NaN : validation.ratioToNaive();
        }
    }

    private RetrainCycle() {
    }

    public static Attempt run(TickHistory.Snapshot history, LstmConfig lstm, double validationFraction, int minWindows,
                              LstmModel current, long nextVersion, Clock clock, LstmTrainer.EpochListener progress) {
        long start = System.nanoTime();
        Instant startedAt = clock.instant();
        String thread = Thread.currentThread().getName();
        List<double[]> train = new ArrayList<>();
        List<double[]> valWindows = new ArrayList<>();
        List<Double> valActuals = new ArrayList<>();
        int trainWindows = 0;
        for (double[] series : history.series().values()) {
            if (series.length - lstm.window() < 4) {
                continue;
            }
            HoldoutSplit split = HoldoutSplit.of(series, lstm.window(), 1 - validationFraction);
            train.add(split.trainSeries());
            trainWindows += split.firstTestWindow();
            valWindows.addAll(split.testWindows());
            for (double a : split.testActuals()) {
                valActuals.add(a);
            }
        }
        if (trainWindows < minWindows || valWindows.isEmpty()) {
            return new Attempt(Outcome.SKIPPED, null, null, null, startedAt, elapsed(start), thread,
                    trainWindows + " training windows, fewer than trainer.min-windows=" + minWindows);
        }
        TrainingResult trained = LstmTrainer.train(lstm, train, progress);
        LstmModel candidate = trained.model();
        ModelRecord.Validation validation = new ModelRecord.Validation(valWindows.size(),
                relativeRmse(candidate, valWindows, valActuals), naiveRelativeRmse(valWindows, valActuals),
                current == null || current.window() != lstm.window() ? Double.NaN : relativeRmse(current, valWindows, valActuals));
        boolean beatsNaive = validation.rmse() < validation.naiveRmse();
        boolean beatsCurrent = Double.isNaN(validation.currentRmse()) || validation.rmse() < validation.currentRmse();
        String detail = String.format(Locale.ROOT, "validation RMSE %.6f vs naive %.6f (ratio %.4f) vs current %.6f on %d windows",
                validation.rmse(), validation.naiveRmse(), validation.ratioToNaive(), validation.currentRmse(), valWindows.size());
        if (!beatsNaive || !beatsCurrent) {
            candidate.close();
            return new Attempt(Outcome.REJECTED, validation, null, null, startedAt, elapsed(start), thread,
                    (beatsNaive ? "does not beat the current model: " : "does not beat the naive forecast: ") + detail);
        }
        ModelRecord record = new ModelRecord(ModelRecord.FORMAT_VERSION, nextVersion, clock.instant(), "gate",
                new ModelRecord.Architecture(lstm.window(), lstm.layers(), lstm.hidden()),
                new ModelRecord.Training(lstm.learningRate(), lstm.epochs(), lstm.batchSize(), lstm.seed(), trained.examples(),
                        trained.elapsed().toMillis()),
                new ModelRecord.DataRange(history.series().size(), history.ticks(), history.from(), history.to()),
                validation, candidate.toBytes());
        return new Attempt(Outcome.PROMOTED, validation, record, candidate, startedAt, elapsed(start), thread, detail);
    }

    static double relativeRmse(LstmModel model, List<double[]> windows, List<Double> actuals) {
        double[] forecasts;
        try (LstmPredictor p = model.newPredictor()) {
            forecasts = p.forecastAll(windows);
        }
        double sum = 0;
        for (int i = 0; i < forecasts.length; i++) {
            double last = windows.get(i)[windows.get(i).length - 1];
            double e = (forecasts[i] - actuals.get(i)) / last;
            sum += e * e;
        }
        return Math.sqrt(sum / forecasts.length);
    }

    static double naiveRelativeRmse(List<double[]> windows, List<Double> actuals) {
        double sum = 0;
        for (int i = 0; i < windows.size(); i++) {
            double last = windows.get(i)[windows.get(i).length - 1];
            double e = (last - actuals.get(i)) / last;
            sum += e * e;
        }
        return Math.sqrt(sum / windows.size());
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
