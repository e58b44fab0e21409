package io.tickcast.training;

import java.time.Duration;

import io.tickcast.gate.Evidence;

/** What the trainer reports about each attempt, its live check of the serving model and demotions. */
public interface TrainingEvents {

    /**
     * @param outcome               promoted, rejected, skipped or failed
     * @param validationRatioToNaive the candidate's validation RMSE over the naive forecast's (NaN if not measured)
     */
    void trainingRun(String outcome, Duration duration, double validationRatioToNaive);

    /** The gate judged a candidate (promoted or rejected). */
    default void gateJudged(Evidence evidence) {
    }

    /** The serving model's live forecasts (scored by the trainer against naive) were tested. */
    default void liveChecked(LiveScorer.Verdict verdict) {
    }

    /** {@code version} was demoted; {@code fallback} serves now (0: the naive forecast). */
    default void demoted(long version, long fallback) {
    }

    /** Another trainer took over {@code transactionalId}: this one no longer trains or publishes. */
    default void fenced(String transactionalId) {
    }

    TrainingEvents NONE = (outcome, duration, ratio) -> { };
}
