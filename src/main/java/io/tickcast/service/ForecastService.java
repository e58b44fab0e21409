package io.tickcast.service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serving.ModelSlot;
import io.tickcast.settings.ConfigKey;
import io.tickcast.topology.ForecastTopology;
import io.tickcast.topology.PoisonRecordHandler;
import io.tickcast.topology.StreamEvents;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forecasting stream: the topology of {@link ForecastTopology} run by a {@link KafkaStreams} client with
 * exactly-once processing, so a crash or restart neither loses nor duplicates a forecast.
 *
 * <p>Failures: a tick whose processing throws is dead-lettered and the stream goes on ({@link PoisonRecordHandler}).
 * A stream thread that fails all the same is replaced, within the {@link ThreadFailureBudget}; the failure that
 * exhausts it stops the client instead (state ERROR: not live), and {@link #onFailure} callbacks run.
 */
public final class ForecastService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ForecastService.class);

    private final TickcastConfig config;
    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CompletableFuture<Void> failed = new CompletableFuture<>();
    private final ThreadFailureBudget threadFailures;
    private final Clock clock;
    private final StreamEvents events;

    public ForecastService(TickcastConfig config, ModelSlot slot, StreamEvents events, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.events = events;
        this.threadFailures = new ThreadFailureBudget(config.threadFailures());
        this.streams = new KafkaStreams(ForecastTopology.build(config, slot, clock, events), streamsProperties(config, events));
        streams.setStateListener((now, before) -> {
            LOG.info("stream state {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            } else if (now == KafkaStreams.State.ERROR) {
                failed.complete(null);
            }
        });
        streams.setUncaughtExceptionHandler(this::threadFailed);
    }

    private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse threadFailed(Throwable e) {
        String refused = StreamAccessFailure.explain(e, config);
        if (refused != null) {
            // a missing permission or refused credentials do not go away by replacing the thread
            LOG.error("stream thread failed: the cluster refused it access: {}; stopping this instance's stream (it is no "
                    + "longer live, /health/live answers 503, and `tickcast run` exits). Grant what is missing (docs/security.md) and restart", refused, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        int failures = threadFailures.count(clock.instant());
        if (threadFailures.stops(failures)) {
            LOG.error("stream thread failed, {} times within {} ({}={}, {}={}): stopping this instance's stream instead "
                    + "of replacing the thread again; it is no longer live (/health/live answers 503) and `tickcast run` exits",
                    failures, threadFailures.window(), ConfigKey.STREAM_THREAD_FAILURE_LIMIT.key(), threadFailures.limit(),
                    ConfigKey.STREAM_THREAD_FAILURE_WINDOW.key(), threadFailures.window(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("stream thread failed ({} of {} failures within {} that stop this instance); replacing it (its tasks "
                + "resume from the last commit)", failures, threadFailures.limit(), threadFailures.window(), e);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /**
     * tickcast's defaults for the Kafka settings that decide how fast another instance takes over a dead one's
     * partitions; {@code kafka.*} settings override each.
     */
    public static final java.util.Map<String, String> FAILOVER_DEFAULTS = java.util.Map.of(
            StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1",
            org.apache.kafka.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000",
            org.apache.kafka.clients.consumer.ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "2000");

    static Properties streamsProperties(TickcastConfig config, StreamEvents events) {
        Properties p = new Properties();
        p.putAll(config.kafkaClientProperties());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // failover in seconds (docs/operations.md, "Failover"): another instance keeps a warm copy of each task's
        // state, and the group notices a dead member after 6 s (the broker's smallest allowed session) instead of 45 s
        FAILOVER_DEFAULTS.forEach(p::putIfAbsent);
        p.putAll(PoisonRecordHandler.settings(config.topics(), events));
        p.putAll(BoundedRocksDbMemory.settings(config.rocksDbMemoryMb()));
        // observability: where other instances send interactive queries for this one's symbols (see HttpBinding.advertised)
        TickcastConfig.Http http = config.http();
        if (http.advertises()) {
            p.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, http.advertisedHost() + ":" + http.port());
        }
        // kafka.* overrides win over the defaults above, except the settings tickcast owns
        config.kafkaOverrides().forEach(p::put);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        return p;
    }

    public void start() {
        LOG.info("starting stream {} on {}: {} -> {} (dead letters: {})", config.applicationId(),
                config.bootstrapServers(), config.topics().ticks(), config.topics().forecasts(), config.topics().deadLetter());
        // never serve from a damaged store: a task whose local copy fails the check is restored from its changelog
        for (LocalStoreCheck.Discarded d : LocalStoreCheck.discardDamaged(Path.of(config.stateDir(), config.applicationId()))) {
            LOG.error("the local state store {} is damaged ({}): deleted its task directory {}; the task is restored from "
                    + "its changelog topics before this instance forecasts from it", d.store(), d.why(), d.taskDirectory());
            events.localStoreDiscarded();
        }
        streams.start();
    }

    /** Waits until the client is RUNNING for the first time. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the client has been RUNNING since it started (a rebalance after that does not make it unready). */
    public boolean hasRun() {
        return running.getCount() == 0;
    }

    /**
     * Runs {@code action} when the client has failed for good (state ERROR: the thread-failure budget ran out), at
     * once if it already has. It runs on a Kafka Streams thread: keep it short.
     */
    public void onFailure(Runnable action) {
        failed.thenRun(action);
    }

    public KafkaStreams streams() {
        return streams;
    }

    /**
     * Closes the client. A dynamic member leaves the group at once, so its partitions move to the other
     * instances without waiting for the session timeout; a static member ([main.consumer.]group.instance.id set, e.g. a
     * StatefulSet pod) stays in the group so its restart keeps its tasks.
     */
    @Override
    public void close() {
        boolean staticMember = config.kafkaOverrides().containsKey("group.instance.id")
                || config.kafkaOverrides().containsKey(StreamsConfig.mainConsumerPrefix("group.instance.id"));
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(staticMember
                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP : CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        LOG.info("stream {} closed", config.applicationId());
    }
}
