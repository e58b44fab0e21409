package io.tickcast.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickcast.gate.DieboldMariano;
import io.tickcast.gate.Evidence;
import io.tickcast.training.LiveScorer;
import io.tickcast.training.TrainingEvents;

/**
 * The evidence behind the models in service: the promotion gate's last verdict, the trainer's live test of the
 * serving model against naive, demotions, and whether another trainer fenced this one.
 * Gauges are NaN until their first value (the fenced gauge: 0 until this process's trainer is fenced). Training
 * runs themselves are counted by {@link TrainingMeters}; this class takes the rest of
 * {@link TrainingEvents}.
 */
public final class ModelLifecycleMeters implements TrainingEvents {

    private final TrainingMeters training;
    private final Counter demotions;
    private volatile double gateStatistic = Double.NaN;
    private volatile double gatePValue = Double.NaN;
    private volatile double gateWindows = Double.NaN;
    private volatile double liveVersion = Double.NaN;
    private volatile double liveRatio = Double.NaN;
    private volatile double liveStatistic = Double.NaN;
    private volatile double livePValue = Double.NaN;
    private volatile double liveWindows = Double.NaN;
    private volatile double liveEvidence = Double.NaN;
    private volatile double fenced;

    ModelLifecycleMeters(MeterRegistry registry, TrainingMeters training) {
        this.training = training;
        gauge(registry, MeterNames.GATE_STATISTIC, m -> m.gateStatistic,
                "Diebold-Mariano statistic of the last judged candidate vs naive (negative: lower loss than naive)");
        gauge(registry, MeterNames.GATE_P_VALUE, m -> m.gatePValue,
                "One-sided p-value of the last judged candidate beating naive (promoted only below gate.level)");
        gauge(registry, MeterNames.GATE_WINDOWS, m -> m.gateWindows, "Validation windows of the last judged candidate");
        gauge(registry, MeterNames.LIVE_CHECK_VERSION, m -> m.liveVersion,
                "Model version the trainer's live check is scoring against naive");
        gauge(registry, MeterNames.LIVE_CHECK_RMSE_RATIO, m -> m.liveRatio,
                "Live RMSE of the serving model over the naive forecast's, on the trainer's most recent scored ticks");
        gauge(registry, MeterNames.LIVE_CHECK_STATISTIC, m -> m.liveStatistic,
                "Diebold-Mariano statistic of the serving model's live losses vs naive (positive: worse than naive)");
        gauge(registry, MeterNames.LIVE_CHECK_P_VALUE, m -> m.livePValue,
                "One-sided p-value of the serving model being worse than naive (demoted below gate.level)");
        gauge(registry, MeterNames.LIVE_CHECK_WINDOWS, m -> m.liveWindows, "Live forecasts in the trainer's last test");
        gauge(registry, MeterNames.LIVE_CHECK_EVIDENCE, m -> m.liveEvidence,
                "E-value of the trainer's pooled demotion test of the model serving every symbol (demoted at 1/alpha)");
        gauge(registry, MeterNames.TRAINER_FENCED, m -> m.fenced,
                "1 when another trainer took over this process's trainer (it no longer trains or publishes), else 0");
        this.demotions = Counter.builder(MeterNames.DEMOTIONS)
                .description("Models demoted because their live forecasts were worse than naive with evidence")
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, java.util.function.ToDoubleFunction<ModelLifecycleMeters> f,
                       String description) {
        Gauge.builder(name, this, f).description(description).strongReference(true).register(registry);
    }

    @Override
    public void trainingRun(String outcome, Duration duration, double validationRatioToNaive) {
        training.trainingRun(outcome, duration, validationRatioToNaive);
    }

    @Override
    public void gateJudged(Evidence evidence) {
        DieboldMariano t = evidence.vsNaive();
        gateStatistic = t == null ? Double.NaN : t.statistic();
        gatePValue = t == null ? Double.NaN : t.pValue();
        gateWindows = evidence.windows();
    }

    @Override
    public void liveChecked(LiveScorer.Verdict v) {
        DieboldMariano worse = v.worse();
        liveVersion = v.version();
        liveRatio = v.ratioToNaive();
        liveStatistic = worse == null ? Double.NaN : worse.statistic();
        livePValue = worse == null ? Double.NaN : worse.pValue();
        liveWindows = v.windows();
        liveEvidence = v.evidence();
    }

    @Override
    public void demoted(long version, long fallback) {
        demotions.increment();
    }

    @Override
    public void fenced(String transactionalId) {
        fenced = 1;
    }
}
