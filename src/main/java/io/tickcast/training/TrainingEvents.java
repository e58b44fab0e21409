package io.tickcast.training;

import java.time.Duration;

/** What the trainer reports about each attempt; the metrics package implements it. */
public interface TrainingEvents {

    /**
     * @param outcome               promoted, rejected, skipped or failed
     * @param validationRatioToNaive the candidate's validation RMSE over the naive forecast's (NaN if not measured)
     */
    void trainingRun(String outcome, Duration duration, double validationRatioToNaive);

    TrainingEvents NONE = (outcome, duration, ratio) -> { };
}
