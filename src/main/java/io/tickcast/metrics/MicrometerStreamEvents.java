package io.tickcast.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tickcast.evaluation.ScoredForecast;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.records.ModelKind;
import io.tickcast.records.RejectReason;
import io.tickcast.topology.PriceWindow;
import io.tickcast.topology.StreamEvents;

/**
 * The stream's events as meters. Every series is registered in the constructor (each outcome, each reject
 * reason, each model kind), so a scrape shows them at zero before the first tick; the calls from the stream
 * threads then only increment meters they already hold.
 * <ul>
 *   <li>{@code tickcast_ticks_total{outcome="appended|corrected|dead_lettered", reason}}: reason is
 *       {@code none} for accepted ticks, else the dead-letter reason code ({@code malformed-json}, ...)</li>
 *   <li>{@code tickcast_dead_letters_total{reason}}</li>
 *   <li>{@code tickcast_forecasts_total{model="lstm|naive"}}</li>
 *   <li>{@code tickcast_inference_seconds{model}}: a histogram of the time one forecast took (a batch's model call
 *       divided by its windows)</li>
 *   <li>{@code tickcast_inference_batch_windows}: a histogram of the windows per model call</li>
 *   <li>{@code tickcast_inference_failures_total}: the model threw; the naive forecast went out instead</li>
 *   <li>the evidence and challenger meters of {@link EvidenceMeters}</li>
 * </ul>
 */
public final class MicrometerStreamEvents implements StreamEvents {

    /** The {@code reason} of accepted ticks in {@code tickcast_ticks_total}. */
    public static final String NO_REASON = "none";
    public static final String OUTCOME_APPENDED = "appended";
    public static final String OUTCOME_CORRECTED = "corrected";
    public static final String OUTCOME_DEAD_LETTERED = "dead_lettered";

    /** Bucket bounds of {@code tickcast_inference_seconds}: one LSTM window takes ~0.1 ms here, naive ~1 us. */
    static final Duration[] INFERENCE_BUCKETS = {
        Duration.ofNanos(10_000), Duration.ofNanos(25_000), Duration.ofNanos(50_000), Duration.ofNanos(100_000),
        Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1)};

    /** Bucket bounds of {@code tickcast_inference_batch_windows}. */
    static final double[] BATCH_BUCKETS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};

    private final MeterRegistry registry;
    private final Counter appended;
    private final Counter corrected;
    private final Map<RejectReason, Counter> rejectedTicks = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, Counter> deadLetters = new EnumMap<>(RejectReason.class);
    private final Map<String, Counter> forecasts = new ConcurrentHashMap<>();
    private final Map<String, Timer> inference = new ConcurrentHashMap<>();
    private final Consumer<ScoredForecast> scorer;
    private final Counter inferenceFailures;
    private final Counter localStoresDiscarded;
    private final DistributionSummary batch;
    private final EvidenceMeters evidence;

    /**
     * @param scorer   where scored forecasts go (the live-accuracy meters of {@link TickcastMetrics})
     * @param evidence the evidence meters
     */
    public MicrometerStreamEvents(MeterRegistry registry, Consumer<ScoredForecast> scorer, EvidenceMeters evidence) {
        this.registry = registry;
        this.scorer = scorer;
        this.evidence = evidence;
        this.inferenceFailures = Counter.builder(MeterNames.INFERENCE_FAILURES)
                .description("Forecasts the model failed to make (the naive forecast went out instead)")
                .register(registry);
        this.localStoresDiscarded = Counter.builder(MeterNames.LOCAL_STORES_DISCARDED)
                .description("Task state directories deleted at start because a local store in them was damaged (the "
                        + "task was restored from its changelog instead)")
                .register(registry);
        this.batch = DistributionSummary.builder(MeterNames.INFERENCE_BATCH)
                .description("Windows forecast per model call (stream.batch.max-size bounds it)")
                .baseUnit("windows")
                .serviceLevelObjectives(BATCH_BUCKETS)
                .register(registry);
        this.appended = ticks(OUTCOME_APPENDED, NO_REASON);
        this.corrected = ticks(OUTCOME_CORRECTED, NO_REASON);
        for (RejectReason reason : RejectReason.values()) {
            rejectedTicks.put(reason, ticks(OUTCOME_DEAD_LETTERED, reason.code()));
            deadLetters.put(reason, Counter.builder(MeterNames.DEAD_LETTERS)
                    .description("Ticks sent to the dead-letter topic, by reason")
                    .tag(MeterNames.TAG_REASON, reason.code())
                    .register(registry));
        }
        for (String kind : TickcastMetrics.MODEL_KINDS) {
            forecastsOf(kind);
            inferenceOf(kind);
        }
    }

    private Counter ticks(String outcome, String reason) {
        return Counter.builder(MeterNames.TICKS)
                .description("Ticks read from the ticks topic, by what became of them")
                .tag(MeterNames.TAG_OUTCOME, outcome)
                .tag(MeterNames.TAG_REASON, reason)
                .register(registry);
    }

    private Counter forecastsOf(String kind) {
        return forecasts.computeIfAbsent(kind, k -> Counter.builder(MeterNames.FORECASTS)
                .description("Forecasts published, by the model that made them")
                .tag(MeterNames.TAG_MODEL, k)
                .register(registry));
    }

    private Timer inferenceOf(String kind) {
        return inference.computeIfAbsent(kind, k -> Timer.builder(MeterNames.INFERENCE)
                .description("Time to make one forecast from a full window (a batch's model call divided by its windows), by model")
                .tag(MeterNames.TAG_MODEL, k)
                .serviceLevelObjectives(INFERENCE_BUCKETS)
                .register(registry));
    }

    @Override
    public void tickAccepted(PriceWindow.Outcome outcome) {
        switch (outcome) {
            case APPENDED -> appended.increment();
            case CORRECTED -> corrected.increment();
            case OUT_OF_ORDER -> { } // reported as tickRejected(OUT_OF_ORDER) by the dead-letter step
        }
    }

    @Override
    public void tickRejected(RejectReason reason) {
        rejectedTicks.get(reason).increment();
        deadLetters.get(reason).increment();
    }

    @Override
    public void forecastMade(ModelKind modelKind, long modelVersion, long inferenceNanos) {
        String kind = modelKind.label();
        forecastsOf(kind).increment();
        inferenceOf(kind).record(inferenceNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void modelCalled(int windows) {
        batch.record(windows);
    }

    @Override
    public void inferenceFailed() {
        inferenceFailures.increment();
    }

    @Override
    public void localStoreDiscarded() {
        localStoresDiscarded.increment();
    }

    @Override
    public void forecastScored(ScoredForecast scored) {
        scorer.accept(scored);
        evidence.forecastScored(scored);
    }

    @Override
    public void evidenceUpdated(String symbol, SymbolEvidence.Decision decision, SymbolEvidence state,
                                long challengerVersion, EvidenceSource source) {
        evidence.evidenceUpdated(symbol, decision, state, source == EvidenceSource.VALIDATION);
    }
}
