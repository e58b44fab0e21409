package io.tickcast.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickcast.records.ModelKind;
import io.tickcast.registry.RegistryEvents;

/**
 * What the model follower reports: the installed model ({@code tickcast_model_version},
 * {@code tickcast_model_age_seconds}), refused registry records ({@code tickcast_model_rejected_total{reason}},
 * every reason's series from the start) and failed reads ({@code tickcast_registry_read_failures_total}). An
 * installed model's live-accuracy series are registered at once ({@link LiveAccuracyMeters#track}).
 */
public final class RegistryMeters implements RegistryEvents {

    private final MeterRegistry registry;
    private final Clock clock;
    private final LiveAccuracyMeters liveAccuracy;
    private final UnexpectedLabels unexpected;
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final Counter readFailures;
    private volatile long modelVersion;
    private volatile Instant modelCreatedAt;

    RegistryMeters(MeterRegistry registry, Clock clock, LiveAccuracyMeters liveAccuracy, UnexpectedLabels unexpected) {
        this.registry = registry;
        this.clock = clock;
        this.liveAccuracy = liveAccuracy;
        this.unexpected = unexpected;
        Gauge.builder(MeterNames.MODEL_VERSION, this, m -> m.modelVersion)
                .description("Version of the installed model (0: none, forecasts are naive)")
                .strongReference(true)
                .register(registry);
        Gauge.builder(MeterNames.MODEL_AGE, this, RegistryMeters::modelAgeSeconds)
                .description("Seconds since the installed model was created (NaN: no model installed)")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        for (String reason : TickcastMetrics.REJECTION_REASONS) {
            rejectionsOf(reason);
        }
        this.readFailures = Counter.builder(MeterNames.REGISTRY_READ_FAILURES)
                .description("Failed attempts to read the model registry topic (each is retried)")
                .register(registry);
    }

    @Override
    public void modelInstalled(long version, Instant createdAt) {
        modelCreatedAt = createdAt;
        modelVersion = version;
        liveAccuracy.track(ModelKind.LSTM.label(), version); // its live-accuracy series, at zero until its first score
    }

    /** The reason is one of {@link TickcastMetrics#REJECTION_REASONS}; anything else counts as {@code other}. */
    @Override
    public void modelRejected(String reason) {
        rejectionsOf(unexpected.label("rejection reason", reason, TickcastMetrics.REJECTION_REASONS)).increment();
    }

    @Override
    public void registryReadFailed() {
        readFailures.increment();
    }

    private Counter rejectionsOf(String reason) {
        return rejections.computeIfAbsent(reason, r -> Counter.builder(MeterNames.MODEL_REJECTED)
                .description("Model registry records not installed (the model in place kept serving), by reason")
                .tag(MeterNames.TAG_REASON, r)
                .register(registry));
    }

    private double modelAgeSeconds() {
        Instant created = modelCreatedAt;
        return created == null ? Double.NaN : Duration.between(created, clock.instant()).toMillis() / 1000.0;
    }
}
