package io.tickcast.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.tickcast.gate.Evidence;
import io.tickcast.interval.ForecasterCalibration;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.registry.ModelRecord;

/**
 * One retraining attempt: a {@link GatedTraining} on the trainer's history, judged against the naive forecast
 * and the model in service; a candidate that passes becomes a registry record.
 */
public final class RetrainCycle {

    public enum Outcome {
        PROMOTED, REJECTED, SKIPPED, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The result of an attempt. {@code record} and {@code model} are set only when promoted (the caller owns the
     * model; the record has version 0 until the publisher gives it one); {@code validation} and {@code calibration}
     * (the candidate's and naive's interval calibration on the validation windows) whenever a candidate was judged. {@code thread} names the thread it ran on.
     */
    public record Attempt(Outcome outcome, Evidence validation, ModelRecord record, LstmModel model,
                          Instant startedAt, Duration duration, String thread, String detail,
                          ForecasterCalibration calibration) {

        /** An attempt without interval calibration (no candidate was judged). */
        public Attempt(Outcome outcome, Evidence validation, ModelRecord record, LstmModel model, Instant startedAt,
                       Duration duration, String thread, String detail) {
            this(outcome, validation, record, model, startedAt, duration, thread, detail, null);
        }

        public double ratioToNaive() {
            return validation == null ? Double.NaN : validation.ratioToNaive();
        }
    }

    private RetrainCycle() {
    }

    public static Attempt run(TickHistory.Snapshot history, GatedTraining.Settings settings, LstmModel current,
                              Clock clock, LstmTrainer.EpochListener progress) {
        long start = System.nanoTime();
        Instant startedAt = clock.instant();
        String thread = Thread.currentThread().getName();
        GatedTraining.Candidate c = GatedTraining.run(history.series(), settings, current, progress);
        if (c.trained() == null) {
            return new Attempt(Outcome.SKIPPED, null, null, null, startedAt, elapsed(start), thread, c.skipped());
        }
        TrainingResult trained = c.trained();
        Evidence evidence = c.verdict().evidence();
        String detail = c.verdict().reason() + ": " + evidence.summary();
        if (!c.passed()) {
            trained.model().close();
            return new Attempt(Outcome.REJECTED, evidence, null, null, startedAt, elapsed(start), thread, detail,
                    c.calibration());
        }
        var lstm = settings.lstm();
        ModelRecord record = ModelRecord.gated(trained.model(), 0, clock.instant(),
                new ModelRecord.Training(lstm.learningRate(), lstm.epochs(), lstm.batchSize(), lstm.seed(),
                        trained.examples(), trained.elapsed().toMillis()),
                new ModelRecord.DataRange(history.series().size(), history.ticks(), history.from(), history.to()),
                evidence).withCalibration(c.calibration());
        return new Attempt(Outcome.PROMOTED, evidence, record, trained.model(), startedAt, elapsed(start), thread, detail,
                c.calibration());
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
