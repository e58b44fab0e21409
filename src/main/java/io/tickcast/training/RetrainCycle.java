package io.tickcast.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.tickcast.evidence.ServingDecision;
import io.tickcast.gate.Evidence;
import io.tickcast.interval.ForecasterCalibration;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.lstm.TrainingResult;
import io.tickcast.registry.ModelRecord;

/**
 * One retraining attempt: a {@link GatedTraining} on the trainer's history, judged against the naive forecast
 * and the model in service; a candidate that passes the gate, or is at least sane (the challenger), becomes a
 * registry record carrying its per-symbol validation evidence.
 */
public final class RetrainCycle {

    public enum Outcome {
        /** Passed the gate: published (under the pooled decision it serves every symbol). */
        PROMOTED,
        /** Did not pass the gate but is sane: published as the challenger. */
        CHALLENGER,
        /** Not even sane: discarded. */
        REJECTED,
        /** Too little history to train. */
        SKIPPED,
        FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the attempt's candidate is published. */
        public boolean publishes() {
            return this == PROMOTED || this == CHALLENGER;
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

    /** {@link #run(TickHistory.Snapshot, GatedTraining.Settings, LstmModel, Clock, LstmTrainer.EpochListener,
     * ServingDecision)} under the per-symbol decision. */
    public static Attempt run(TickHistory.Snapshot history, GatedTraining.Settings settings, LstmModel current,
                              Clock clock, LstmTrainer.EpochListener progress) {
        return run(history, settings, current, clock, progress, ServingDecision.PER_SYMBOL);
    }

    /**
     * Trains and judges a candidate. Under the per-symbol decision a sane candidate that did not pass the gate is
     * published as the challenger; under the pooled decision only a candidate that passed is (the registry's newest
     * model serves every symbol there, so a mere challenger would replace a model that earned its place).
     */
    public static Attempt run(TickHistory.Snapshot history, GatedTraining.Settings settings, LstmModel current,
                              Clock clock, LstmTrainer.EpochListener progress, ServingDecision decision) {
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
        if (!c.passed() && (!c.sane() || decision == ServingDecision.POOLED)) {
            trained.model().close();
            return new Attempt(Outcome.REJECTED, evidence, null, null, startedAt, elapsed(start), thread, detail,
                    c.calibration());
        }
        var lstm = settings.lstm();
        var training = new ModelRecord.Training(lstm.learningRate(), lstm.epochs(), lstm.batchSize(), lstm.seed(),
                trained.examples(), trained.elapsed().toMillis());
        var data = new ModelRecord.DataRange(history.series().size(), history.ticks(), history.from(), history.to());
        ModelRecord record = (c.passed() ? ModelRecord.gated(trained.model(), 0, clock.instant(), training, data, evidence)
                : ModelRecord.challenger(trained.model(), 0, clock.instant(), training, data, evidence))
                .withCalibration(c.calibration()).withSymbolEvidence(c.symbolEvidence());
        return new Attempt(c.passed() ? Outcome.PROMOTED : Outcome.CHALLENGER, evidence, record, trained.model(),
                startedAt, elapsed(start), thread, detail, c.calibration());
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
