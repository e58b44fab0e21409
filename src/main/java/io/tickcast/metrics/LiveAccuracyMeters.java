package io.tickcast.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tickcast.evaluation.ScoredForecast;
import io.tickcast.records.Forecast;

/**
 * Live accuracy and interval coverage, per model kind and version: what each scored forecast reports when the
 * actual close of its target day arrives. The naive forecast's series exist from the start; a model version's
 * from its installation ({@link #track}); only the {@link #SCORED_VERSIONS_KEPT} newest versions per kind keep
 * theirs, so the number of series stays bounded however often the model is retrained.
 */
public final class LiveAccuracyMeters {

    /** Distinct interval levels one model version's checks are counted for (more are dropped and logged). */
    public static final int INTERVAL_LEVELS_KEPT = 8;

    /** Live-accuracy series are kept for this many model versions per model kind (the newest ones). */
    public static final int SCORED_VERSIONS_KEPT = 5;

    private final MeterRegistry registry;
    private final UnexpectedLabels unexpected;
    private final Map<String, Scoring> scoring = new ConcurrentHashMap<>();
    private final Map<String, Gauge> nominalLevels = new ConcurrentHashMap<>();
    /** Per model kind, the versions that have live-accuracy series, oldest first. */
    private final Map<String, java.util.Deque<Long>> scoredVersions = new java.util.HashMap<>();

    /** The live-accuracy meters of one model kind. */
    private record Scoring(Counter scored, Counter directionHits, DistributionSummary squaredError,
                           DistributionSummary naiveSquaredError, DistributionSummary absoluteError,
                           DistributionSummary naiveAbsoluteError, Tags tags, Map<String, Counter> intervalChecks) {
        List<Meter> meters() {
            List<Meter> all = new ArrayList<>(List.of(scored, directionHits, squaredError, naiveSquaredError,
                    absoluteError, naiveAbsoluteError));
            all.addAll(intervalChecks.values());
            return all;
        }
    }

    LiveAccuracyMeters(MeterRegistry registry, UnexpectedLabels unexpected) {
        this.registry = registry;
        this.unexpected = unexpected;
        track(Forecast.MODEL_NAIVE, 0);
    }

    /** Registers a model version's series (at zero until its first score). */
    public void track(String kind, long version) {
        scoringOf(modelLabel(kind), version);
    }

    /**
     * One forecast was scored against the actual close: its errors, the naive forecast's errors for the same
     * day, and whether it got the direction of the move right. Per model kind, a dashboard computes the live
     * RMSE ratio to naive as {@code sqrt(rate(tickcast_forecast_squared_error_sum) / rate(tickcast_naive_squared_error_sum))}
     * and the direction hit rate as {@code rate(tickcast_direction_hits_total) / rate(tickcast_scored_forecasts_total)}.
     * A score with a negative or non-finite error is dropped (and logged once).
     */
    public void forecastScored(ScoredForecast s) {
        forecastScored(s.forecast().model(), s.forecast().modelVersion(), s.absError(), s.squaredError(), s.naiveAbsError(),
                s.naiveSquaredError(), s.directionHit());
        for (ScoredForecast.IntervalCheck c : s.intervals()) {
            intervalChecked(s.forecast().model(), s.forecast().modelVersion(), c.level(), c.inside());
        }
    }

    /**
     * One prediction interval of a scored forecast was checked: {@code tickcast_interval_checks_total{model,
     * version, level, inside}}. Live coverage at a level is
     * {@code sum(rate(...{inside="true"})) / sum(rate(...))}, to be read against the level itself.
     */
    public void intervalChecked(String modelKind, long modelVersion, double level, boolean inside) {
        if (!(level > 0 && level < 1)) {
            unexpected.warnOnce("interval level", Double.toString(level));
            return;
        }
        Scoring s = scoringOf(modelLabel(modelKind), modelVersion);
        String levelLabel = levelLabel(level);
        if (!nominalLevels.containsKey(levelLabel) && nominalLevels.size() < INTERVAL_LEVELS_KEPT) {
            nominalLevels.computeIfAbsent(levelLabel, l -> Gauge.builder(MeterNames.INTERVAL_NOMINAL_LEVEL, () -> level)
                    .description("Nominal coverage of the prediction intervals at each level (what live coverage "
                            + "should be near)")
                    .tag(MeterNames.TAG_LEVEL, l).register(registry));
        }
        String key = levelLabel + "/" + inside;
        Counter c = s.intervalChecks().get(key);
        if (c == null) {
            synchronized (s.intervalChecks()) {
                c = s.intervalChecks().get(key);
                if (c == null) {
                    long levels = s.intervalChecks().keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct()
                            .filter(l -> !l.equals(levelLabel)).count();
                    if (levels >= INTERVAL_LEVELS_KEPT) {
                        unexpected.warnOnce("interval level (too many)", levelLabel);
                        return;
                    }
                    for (boolean in : new boolean[] {true, false}) { // both series, so a ratio has its denominator
                        s.intervalChecks().put(levelLabel + "/" + in, Counter.builder(MeterNames.INTERVAL_CHECKS)
                                .description("Prediction intervals of scored forecasts checked against the actual close, "
                                        + "by model, version, coverage level and whether the close fell inside")
                                .tags(s.tags()).tag(MeterNames.TAG_LEVEL, levelLabel)
                                .tag(MeterNames.TAG_INSIDE, Boolean.toString(in)).register(registry));
                    }
                    c = s.intervalChecks().get(key);
                }
            }
        }
        c.increment();
    }

    /** The {@code level} label: the level as a plain decimal without trailing zeros ({@code 0.8}, {@code 0.95}). */
    static String levelLabel(double level) {
        return java.math.BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
    }

    /**
     * The same, from its parts. The series carry {@code model} and {@code version}; only the
     * {@link #SCORED_VERSIONS_KEPT} newest model versions keep their series (older ones are removed), so the
     * number of series stays bounded however often the model is retrained.
     */
    public void forecastScored(String modelKind, long modelVersion, double absError, double squaredError, double naiveAbsError,
                               double naiveSquaredError, boolean directionHit) {
        if (!(valid(absError) && valid(squaredError) && valid(naiveAbsError) && valid(naiveSquaredError))) {
            unexpected.warnOnce("score", absError + "/" + squaredError + "/" + naiveAbsError + "/" + naiveSquaredError);
            return;
        }
        Scoring s = scoringOf(modelLabel(modelKind), modelVersion);
        s.scored().increment();
        if (directionHit) {
            s.directionHits().increment();
        }
        s.squaredError().record(squaredError);
        s.naiveSquaredError().record(naiveSquaredError);
        s.absoluteError().record(absError);
        s.naiveAbsoluteError().record(naiveAbsError);
    }

    private static boolean valid(double error) {
        return Double.isFinite(error) && error >= 0;
    }

    private Scoring scoringOf(String kind, long version) {
        String key = kind + "/" + version;
        Scoring existing = scoring.get(key);
        if (existing != null) {
            return existing;
        }
        synchronized (scoring) {
            Scoring again = scoring.get(key);
            if (again != null) {
                return again;
            }
            java.util.Deque<Long> versions = scoredVersions.computeIfAbsent(kind, k -> new java.util.ArrayDeque<>());
            versions.addLast(version);
            while (versions.size() > SCORED_VERSIONS_KEPT) {
                Scoring evicted = scoring.remove(kind + "/" + versions.removeFirst());
                if (evicted != null) {
                    evicted.meters().forEach(registry::remove);
                }
            }
            Tags tags = Tags.of(MeterNames.TAG_MODEL, kind, MeterNames.TAG_VERSION, Long.toString(version));
            Scoring created = new Scoring(
                    Counter.builder(MeterNames.SCORED_FORECASTS)
                            .description("Forecasts scored against the actual close, by model and version")
                            .tags(tags).register(registry),
                    Counter.builder(MeterNames.DIRECTION_HITS)
                            .description("Scored forecasts that got the direction of the move right, by model and version")
                            .tags(tags).register(registry),
                    summary(MeterNames.FORECAST_SQUARED_ERROR, "Squared error of scored forecasts", tags),
                    summary(MeterNames.NAIVE_SQUARED_ERROR, "Squared error of the naive forecast for the same days", tags),
                    summary(MeterNames.FORECAST_ABSOLUTE_ERROR, "Absolute error of scored forecasts", tags),
                    summary(MeterNames.NAIVE_ABSOLUTE_ERROR, "Absolute error of the naive forecast for the same days", tags),
                    tags, new ConcurrentHashMap<>());
            scoring.put(key, created);
            return created;
        }
    }

    private DistributionSummary summary(String name, String description, Tags tags) {
        return DistributionSummary.builder(name).description(description + ", by model and version").tags(tags).register(registry);
    }

    /** The {@code model} label of a model kind: itself if known, else {@code other}. */
    static String modelLabel(String kind) {
        return TickcastMetrics.MODEL_KINDS.contains(kind) ? kind : UnexpectedLabels.OTHER;
    }
}
