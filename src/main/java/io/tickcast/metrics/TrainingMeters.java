package io.tickcast.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Training runs: {@code tickcast_training_runs_total{outcome}}, {@code tickcast_training_duration_seconds} and the
 * last run's validation RMSE ratio to naive. Every outcome's series exists from the start.
 */
public final class TrainingMeters {

    /** Bucket bounds of {@code tickcast_training_duration_seconds}. */
    static final Duration[] TRAINING_BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
        Duration.ofMinutes(10), Duration.ofMinutes(30)};

    private final MeterRegistry registry;
    private final UnexpectedLabels unexpected;
    private final Map<String, Counter> runs = new ConcurrentHashMap<>();
    private final Timer duration;
    private volatile double lastValidationRmseRatio = Double.NaN;

    TrainingMeters(MeterRegistry registry, UnexpectedLabels unexpected) {
        this.registry = registry;
        this.unexpected = unexpected;
        for (String outcome : TickcastMetrics.TRAINING_OUTCOMES) {
            runsOf(outcome);
        }
        this.duration = Timer.builder(MeterNames.TRAINING_DURATION)
                .description("Duration of training runs, whatever their outcome")
                .serviceLevelObjectives(TRAINING_BUCKETS)
                .register(registry);
        Gauge.builder(MeterNames.TRAINING_VALIDATION_RMSE_RATIO, this, m -> m.lastValidationRmseRatio)
                .description("Validation RMSE of the last training run's model divided by the naive forecast's (below 1 beats naive)")
                .strongReference(true)
                .register(registry);
    }

    /**
     * One training run ended.
     *
     * @param outcome                    {@code promoted}, {@code rejected}, {@code skipped} or {@code failed}
     * @param took                       how long it took
     * @param validationRmseRatioToNaive the candidate's validation RMSE over the naive forecast's; NaN if the
     *                                   run got no such number (e.g. it failed)
     */
    public void trainingRun(String outcome, Duration took, double validationRmseRatioToNaive) {
        runsOf(unexpected.label("training outcome", outcome, TickcastMetrics.TRAINING_OUTCOMES)).increment();
        duration.record(took);
        lastValidationRmseRatio = validationRmseRatioToNaive;
    }

    private Counter runsOf(String outcome) {
        return runs.computeIfAbsent(outcome, o -> Counter.builder(MeterNames.TRAINING_RUNS)
                .description("Training runs, by outcome: promoted (published), rejected by the gate, skipped (too little history), failed")
                .tag(MeterNames.TAG_OUTCOME, o)
                .register(registry));
    }
}
