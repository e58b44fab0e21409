package io.tickcast.metrics;

/**
 * The names of tickcast's own meters as Micrometer sees them (dotted); the Prometheus names add the
 * {@code _total} suffix to counters and the unit ({@code _seconds}) to timers and timed gauges, e.g.
 * {@code tickcast.ticks} is scraped as {@code tickcast_ticks_total}. These names are a contract: the Grafana
 * dashboard and docs/monitoring.md use the Prometheus forms.
 */
public final class MeterNames {

    public static final String TICKS = "tickcast.ticks";
    public static final String FORECASTS = "tickcast.forecasts";
    public static final String INFERENCE = "tickcast.inference";
    public static final String INFERENCE_BATCH = "tickcast.inference.batch";
    public static final String INFERENCE_FAILURES = "tickcast.inference.failures";
    public static final String LOCAL_STORES_DISCARDED = "tickcast.local.stores.discarded";
    public static final String DEAD_LETTERS = "tickcast.dead.letters";
    public static final String WINDOW_STORE_ENTRIES = "tickcast.window.store.entries";
    public static final String MODEL_VERSION = "tickcast.model.version";
    public static final String MODEL_AGE = "tickcast.model.age";
    public static final String MODEL_REJECTED = "tickcast.model.rejected";
    public static final String TRAINING_RUNS = "tickcast.training.runs";
    public static final String TRAINING_DURATION = "tickcast.training.duration";
    public static final String TRAINING_VALIDATION_RMSE_RATIO = "tickcast.training.validation.rmse.ratio";
    public static final String GATE_STATISTIC = "tickcast.gate.statistic";
    public static final String GATE_P_VALUE = "tickcast.gate.p.value";
    public static final String GATE_WINDOWS = "tickcast.gate.windows";
    public static final String LIVE_CHECK_VERSION = "tickcast.live.check.version";
    public static final String LIVE_CHECK_RMSE_RATIO = "tickcast.live.check.rmse.ratio";
    public static final String LIVE_CHECK_STATISTIC = "tickcast.live.check.statistic";
    public static final String LIVE_CHECK_P_VALUE = "tickcast.live.check.p.value";
    public static final String LIVE_CHECK_WINDOWS = "tickcast.live.check.windows";
    public static final String LIVE_CHECK_EVIDENCE = "tickcast.live.check.evidence";
    public static final String DEMOTIONS = "tickcast.model.demotions";
    public static final String REGISTRY_READ_FAILURES = "tickcast.registry.read.failures";
    public static final String TRAINER_FENCED = "tickcast.trainer.fenced";
    public static final String SCORED_FORECASTS = "tickcast.scored.forecasts";
    public static final String DIRECTION_HITS = "tickcast.direction.hits";
    public static final String FORECAST_SQUARED_ERROR = "tickcast.forecast.squared.error";
    public static final String NAIVE_SQUARED_ERROR = "tickcast.naive.squared.error";
    public static final String FORECAST_ABSOLUTE_ERROR = "tickcast.forecast.absolute.error";
    public static final String NAIVE_ABSOLUTE_ERROR = "tickcast.naive.absolute.error";
    public static final String INTERVAL_CHECKS = "tickcast.interval.checks";
    public static final String INTERVAL_NOMINAL_LEVEL = "tickcast.interval.nominal.level";
    public static final String EVIDENCE_DECISIONS = "tickcast.evidence.decisions";
    public static final String EVIDENCE_LSTM_SYMBOLS = "tickcast.evidence.lstm.symbols";
    public static final String EVIDENCE_E_VALUE = "tickcast.evidence.e.value";
    public static final String CHALLENGER_SQUARED_ERROR = "tickcast.challenger.squared.error";
    public static final String CHALLENGER_NAIVE_SQUARED_ERROR = "tickcast.challenger.naive.squared.error";

    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_REASON = "reason";
    public static final String TAG_DECISION = "decision";
    public static final String TAG_MODEL = "model";
    public static final String TAG_VERSION = "version";
    public static final String TAG_LEVEL = "level";
    public static final String TAG_INSIDE = "inside";

    private MeterNames() {
    }
}
