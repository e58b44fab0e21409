package io.tickcast.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickcast.evaluation.ScoredForecast;
import io.tickcast.records.ModelKind;
import io.tickcast.registry.RegistryEvents;
import io.tickcast.topology.ForecastTopology;
import io.tickcast.topology.StreamEvents;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tickcast's meters in one Prometheus registry: the stream's ({@link #streamEvents()}), the Kafka Streams
 * client's and its Kafka clients' ({@link #bindKafkaStreams}), the JVM's and the process's, and tickcast's own
 * meters, one class per concern, each the events interface it serves: {@link LiveAccuracyMeters} (scored
 * forecasts and interval coverage), {@link RegistryMeters} ({@link #registryEvents()}: the installed model,
 * refused records, read failures), {@link ModelLifecycleMeters} ({@link #lifecycle()}: the trainer's events, with
 * {@link TrainingMeters} for its runs). The facade methods ({@link #trainingRun}, {@link #modelInstalled},
 * {@link #modelRejected}, {@link #forecastScored}) forward to them. All of tickcast's own series are registered when this is
 * created, with every label value they can have, so a dashboard has them from the first scrape (except the
 * interval checks, whose {@code level} values come with the forecasts: they appear with the first check). No label
 * names a symbol; free-form label values (rejection reasons) are bounded.
 *
 * <p>Methods are thread-safe and never throw on a bad label: a label value outside its documented set is
 * recorded as {@code other} (and logged once).
 */
public final class TickcastMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TickcastMetrics.class);

    /** Values of the {@code model} label. */
    public static final List<String> MODEL_KINDS = Arrays.stream(ModelKind.values()).map(ModelKind::label).toList();
    /** Values of the {@code outcome} label of {@code tickcast_training_runs_total}. */
    public static final List<String> TRAINING_OUTCOMES = java.util.Arrays.stream(io.tickcast.training.RetrainCycle.Outcome.values())
            .map(io.tickcast.training.RetrainCycle.Outcome::label).toList();
    /** Why an instance refuses a model registry record (see ModelFollower); registered up front. */
    public static final List<String> REJECTION_REASONS =
            List.of("malformed", "unsupported-format", "incomplete", "damaged", "incompatible");
    /** The label value that stands for any value outside a label's set. */
    public static final String OTHER = UnexpectedLabels.OTHER;

    /** Distinct interval levels one model version's checks are counted for (more are dropped and logged). */
    public static final int INTERVAL_LEVELS_KEPT = LiveAccuracyMeters.INTERVAL_LEVELS_KEPT;

    /** Live-accuracy series are kept for this many model versions per model kind (the newest ones). */
    public static final int SCORED_VERSIONS_KEPT = LiveAccuracyMeters.SCORED_VERSIONS_KEPT;

    /** The Prometheus text exposition format, what {@code /metrics} serves by default. */
    public static final String PROMETHEUS_TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** OpenMetrics, served when the scraper's Accept header asks for it (as Prometheus does). */
    public static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /** How often the Kafka client metrics are re-read for metrics Kafka added (e.g. per partition). */
    static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(15);

    private final PrometheusMeterRegistry registry;
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final MicrometerStreamEvents streamEvents;
    private final AtomicReference<KafkaStreams> streams = new AtomicReference<>();
    private final ModelLifecycleMeters lifecycle;
    private final LiveAccuracyMeters liveAccuracy;
    private final TrainingMeters training;
    private final RegistryMeters registryMeters;
    private final UnexpectedLabels unexpected = new UnexpectedLabels();

    /** A registry with every tickcast meter and the JVM and process binders; the clock times the model's age. */
    public TickcastMetrics(Clock clock) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bindJvmAndProcess();
        this.liveAccuracy = new LiveAccuracyMeters(registry, unexpected);
        this.streamEvents = new MicrometerStreamEvents(registry, liveAccuracy::forecastScored, new EvidenceMeters(registry));
        Gauge.builder(MeterNames.WINDOW_STORE_ENTRIES, this, TickcastMetrics::windowStoreEntries)
                .description("Approximate number of symbols in this instance's window store (NaN while the stream is not running)")
                .strongReference(true)
                .register(registry);
        this.training = new TrainingMeters(registry, unexpected);
        this.registryMeters = new RegistryMeters(registry, clock, liveAccuracy, unexpected);
        this.lifecycle = new ModelLifecycleMeters(registry, training);
    }

    /** The gate, live-check, demotion and registry-read meters; the trainer reports into it. */
    public ModelLifecycleMeters lifecycle() {
        return lifecycle;
    }

    private void bindJvmAndProcess() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
        JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();
        heapPressure.bindTo(registry);
        binders.add(heapPressure);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** What the stream threads report into. */
    public StreamEvents streamEvents() {
        return streamEvents;
    }

    /**
     * Binds the Kafka Streams client's metrics and those of its consumers, producers and admin client
     * ({@code kafka_stream_*}, {@code kafka_consumer_*}, {@code kafka_producer_*}, ...), refreshed every
     * 15 s as Kafka adds metrics (e.g. per partition after an assignment), and makes
     * {@code tickcast_window_store_entries} read this client's store. One client at a time.
     */
    public synchronized void bindKafkaStreams(KafkaStreams client) {
        if (!streams.compareAndSet(null, client)) {
            throw new IllegalStateException("a Kafka Streams client is already bound");
        }
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickcast-kafka-metrics");
            t.setDaemon(true);
            return t;
        });
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(client, List.of(), refresher, KAFKA_METRICS_REFRESH);
        binder.bindTo(registry);
        binders.add(binder);
        binders.add(refresher::shutdownNow);
    }

    /** The registry in Prometheus text format 0.0.4, or OpenMetrics if the Accept header asks for it. */
    public Scrape scrape(String acceptHeader) {
        String contentType = acceptHeader != null && acceptHeader.contains("application/openmetrics-text")
                ? OPENMETRICS_CONTENT_TYPE
                : PROMETHEUS_TEXT_CONTENT_TYPE;
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            registry.scrape(out, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(contentType, out.toByteArray());
    }

    /** One scrape: its content type and body. */
    public record Scrape(String contentType, byte[] body) {
    }

    // ---- retraining (called by the trainer, off the stream threads) ----

    /**
     * One training run ended.
     *
     * @param outcome                    {@code promoted}, {@code rejected} or {@code failed}
     * @param duration                   how long it took
     * @param validationRmseRatioToNaive the candidate's validation RMSE over the naive forecast's; NaN if the
     *                                   run got no such number (e.g. it failed). Becomes
     *                                   {@code tickcast_training_validation_rmse_ratio}.
     */
    public void trainingRun(String outcome, Duration duration, double validationRmseRatioToNaive) {
        training.trainingRun(outcome, duration, validationRmseRatioToNaive);
    }

    /** A model was installed for forecasting ({@link RegistryMeters#modelInstalled}). */
    public void modelInstalled(long version, Instant createdAt) {
        registryMeters.modelInstalled(version, createdAt);
    }

    /** An instance refused a model registry record ({@link RegistryMeters#modelRejected}). */
    public void modelRejected(String reason) {
        registryMeters.modelRejected(reason);
    }

    /** What the model follower reports into. */
    public RegistryEvents registryEvents() {
        return registryMeters;
    }

    // ---- live accuracy (called when the actual close of a forecast's target day arrives) ----

    /** The live-accuracy and interval-coverage meters ({@link LiveAccuracyMeters}). */
    public LiveAccuracyMeters liveAccuracy() {
        return liveAccuracy;
    }

    /** {@link LiveAccuracyMeters#forecastScored(ScoredForecast)}. */
    public void forecastScored(ScoredForecast s) {
        liveAccuracy.forecastScored(s);
    }

    /** {@link LiveAccuracyMeters#forecastScored(String, long, double, double, double, double, boolean)}. */
    public void forecastScored(String modelKind, long modelVersion, double absError, double squaredError, double naiveAbsError,
                               double naiveSquaredError, boolean directionHit) {
        liveAccuracy.forecastScored(modelKind, modelVersion, absError, squaredError, naiveAbsError, naiveSquaredError,
                directionHit);
    }

    /** {@link LiveAccuracyMeters#intervalChecked}. */
    public void intervalChecked(String modelKind, long modelVersion, double level, boolean inside) {
        liveAccuracy.intervalChecked(modelKind, modelVersion, level, inside);
    }

    /** {@link LiveAccuracyMeters#levelLabel}. */
    static String levelLabel(double level) {
        return LiveAccuracyMeters.levelLabel(level);
    }

    // ---- meters ----

    private double windowStoreEntries() {
        KafkaStreams client = streams.get();
        if (client == null || client.state() != KafkaStreams.State.RUNNING) {
            return Double.NaN;
        }
        try {
            return client.store(StoreQueryParameters.fromNameAndType(ForecastTopology.WINDOW_STORE,
                    QueryableStoreTypes.<String, Object>keyValueStore())).approximateNumEntries();
        } catch (InvalidStateStoreException e) {
            return Double.NaN; // migrating between instances
        }
    }

    /** Unbinds the Kafka Streams, GC and heap-pressure binders (stops their threads and listeners). */
    @Override
    public synchronized void close() {
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception e) {
                LOG.debug("closing a meter binder failed", e);
            }
        }
        binders.clear();
        registry.close();
    }
}
