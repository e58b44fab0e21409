package io.tickcast.service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

import io.tickcast.config.TickcastConfig;
import io.tickcast.errors.Causes;
import io.tickcast.http.HttpBinding;
import io.tickcast.http.HttpEndpoint;
import io.tickcast.kafka.AccessCheck;
import io.tickcast.kafka.ClientSettings;
import io.tickcast.kafka.ClusterCheck;
import io.tickcast.kafka.ClusterUnavailableException;
import io.tickcast.kafka.TickcastAcls;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.registry.ModelFollower;
import io.tickcast.registry.ModelPublisher;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.ServingTerms;
import io.tickcast.serving.ModelSlot;
import io.tickcast.settings.ConfigKey;
import io.tickcast.training.RetrainCycle;
import io.tickcast.training.TrainerService;
import io.tickcast.training.TrainerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tickcast process: the forecasting stream with the model follower that feeds it, the trainer, or both
 * ({@link Role}), with its metrics and the HTTP server (metrics, probes, forecast queries). Building a node binds
 * the HTTP server's socket (so the address the stream advertises for queries is known), builds the parts, binds
 * their meters, and then serves HTTP on them, before {@link #start} starts them: the probes answer while the rest
 * starts. Closing goes the other way round. Role {@code all} reads the model registry once: the trainer shares the
 * stream's follower.
 */
public final class TickcastNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TickcastNode.class);

    private final TickcastConfig config;
    private final Role role;
    private final ModelSlot slot;
    private final ModelFollower follower;
    private final ForecastService stream;
    private final TrainerService trainer;
    private final TickcastMetrics metrics;
    private final HttpEndpoint http;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public TickcastNode(TickcastConfig config, Role role, Clock clock) {
        this.role = role;
        this.slot = new ModelSlot(config.windowSize(), config.evidence().decision());
        this.metrics = new TickcastMetrics(clock);
        HttpBinding socket = null;
        ModelFollower follower = null;
        ForecastService stream = null;
        TrainerService trainer = null;
        try {
            socket = HttpBinding.bind(config.http());
            this.config = config.withHttp(socket.advertised());
            NodeEvents events = NodeEvents.of(metrics);
            if (role.runsStream()) {
                follower = new ModelFollower(this.config.kafkaClientProperties(), this.config.topics().models(), slot,
                        this.config.lstm(), events.registry(), clock);
                stream = new ForecastService(this.config, slot, events.stream(), clock);
                metrics.bindKafkaStreams(stream.streams());
            }
            if (role.runsTrainer()) {
                // one reader of the registry per process: with a stream, the trainer follows the stream's
                trainer = follower != null ? TrainerService.sharing(this.config, events.training(), follower, clock)
                        : new TrainerService(this.config, events.training(), events.registry(), clock);
            }
            this.follower = follower;
            this.stream = stream;
            this.trainer = trainer;
            this.http = HttpEndpoint.start(socket, this.config, sources());
        } catch (RuntimeException | Error e) {
            closeQuietly(trainer, e);
            closeQuietly(stream, e);
            closeQuietly(follower, e);
            closeQuietly(socket, e);
            closeQuietly(metrics, e);
            throw e;
        }
    }

    /** What the HTTP server serves of this node's parts. */
    private HttpEndpoint.Sources sources() {
        TrainerService t = trainer;
        Supplier<TrainerStatus> trainerState = t == null ? null : t::status;
        Supplier<String> lastTraining = t == null ? null : () -> {
            RetrainCycle.Attempt last = t.lastAttempt();
            return last == null ? null : last.outcome().label() + ": " + last.detail();
        };
        return new HttpEndpoint.Sources(metrics::scrape, stream == null ? null : stream.streams(),
                stream == null ? null : () -> HttpEndpoint.Sources.forecaster(slot), trainerState, lastTraining,
                this::stoppedParts, stream == null ? null : stream::hasRun);
    }

    private static void closeQuietly(AutoCloseable part, Throwable failure) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception | Error e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Starts the parts of this role, giving up on the registry when its reader makes no progress for
     * {@code client.timeout} (see {@link #start(Duration)}).
     */
    public void start() throws InterruptedException {
        start(config.clients().timeout());
    }

    /**
     * Starts the parts of this role. The stream starts after the registry has been read to its end, so a
     * restarted instance forecasts with the latest model from its first record.
     *
     * @param registryTimeout how long the registry's reader may go without progress (no record read, not read to
     *                        its end) before the start fails
     * @throws IllegalStateException if the registry cannot be read: the message names the topic, the bootstrap
     *                               servers, the security protocol and the reader's last error
     */
    public void start(Duration registryTimeout) throws InterruptedException {
        LOG.info("starting tickcast node, role {}", role.name().toLowerCase(java.util.Locale.ROOT));
        // a refused login or a missing ACL fails here, naming the principal and each missing permission
        AccessCheck.requireIfReachable(config.kafkaClientProperties(), config.clients().timeout(), requiredAcls(config, role));
        if (follower != null) {
            follower.start();
            awaitRegistry(registryTimeout);
            stream.start();
        }
        if (trainer != null) {
            trainer.start();
        }
    }

    /** Waits until the follower has read the registry to its end; fails once it has made no progress for {@code stall}. */
    private void awaitRegistry(Duration stall) throws InterruptedException {
        long read = follower.recordsRead();
        long progressAt = System.nanoTime();
        while (!follower.awaitCaughtUp(Duration.ofMillis(100))) {
            if (closed.get()) {
                throw new IllegalStateException("closed while waiting for the model registry " + config.topics().models());
            }
            if (follower.stopped()) {
                throw registryUnreadable("its reader stopped", stall);
            }
            if (follower.recordsRead() != read) {
                read = follower.recordsRead();
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > stall.toNanos()) {
                throw registryUnreadable("no progress within " + ClusterCheck.seconds(stall)
                        + (stall.equals(config.clients().timeout()) ? " (" + ConfigKey.CLIENT_TIMEOUT.key() + ")" : ""), stall);
            }
        }
    }

    /**
     * Why the registry could not be read: the reader's last error or, when it has none (a client that just waits),
     * what a fresh check of the cluster and the registry topic finds.
     */
    private IllegalStateException registryUnreadable(String what, Duration timeout) {
        Properties client = config.kafkaClientProperties();
        String where = "the model registry " + config.topics().models() + " at " + ClusterCheck.where(client);
        RuntimeException last = follower.lastFailure();
        if (last != null) {
            return new IllegalStateException("cannot read " + where + ": " + what + "; last error: " + Causes.chain(last), last);
        }
        try {
            ClusterCheck.require(ClientSettings.bounded(client, timeout, timeout), timeout, List.of(config.topics().models()));
        } catch (ClusterUnavailableException e) {
            return new IllegalStateException("cannot read " + where + ": " + what + "; " + e.getMessage(), e);
        }
        return new IllegalStateException("cannot read " + where + ": " + what + ", with no error from the Kafka client "
                + "(the cluster answers and has the topic: a slow or overloaded cluster?)");
    }

    /** The ACLs the parts of {@code role} need (docs/security.md). */
    static List<TickcastAcls.Acl> requiredAcls(TickcastConfig config, Role role) {
        java.util.Set<TickcastAcls.User> users = java.util.EnumSet.noneOf(TickcastAcls.User.class);
        if (role.runsStream()) {
            users.add(TickcastAcls.User.STREAM);
        }
        if (role.runsTrainer()) {
            users.add(TickcastAcls.User.TRAINER);
        }
        return TickcastAcls.neededBy(config, users);
    }

    /**
     * Publishes an initial model (the gated or forced record of {@code run --model/--train-csv} and of the demo)
     * under the next version if the registry serves nothing yet. Needs the stream role (it reads the registry).
     *
     * @return the version published, or 0 if the registry already had a record
     */
    public long publishInitial(ModelRecord record) {
        if (follower == null) {
            throw new IllegalStateException("publishing an initial model needs the stream role (it reads the registry)");
        }
        if (follower.current() != null) {
            LOG.info("the registry already serves {}; the initial model is not published",
                    ServingTerms.describe(follower.current()));
            return 0;
        }
        // a plain producer, not the trainer's transactional one: an operator's one-off record fences no trainer
        ModelRecord versioned = record.withVersion(follower.maxVersion() + 1).withDemotedVersions(follower.demoted());
        Duration timeout = config.clients().timeout();   // acknowledged within client.timeout, or an error saying why
        try (ModelPublisher publisher = new ModelPublisher(ClientSettings.bounded(config.kafkaClientProperties(), timeout,
                timeout), config.topics().models())) {
            publisher.publish(versioned);
        }
        LOG.info("published the initial model as v{} ({})", versioned.version(), versioned.promotedBy());
        return versioned.version();
    }

    /**
     * Runs {@code action} once the stream has failed for good (its thread-failure budget ran out; see
     * {@link ForecastService#onFailure}); never for the trainer role.
     */
    public void onStreamFailure(Runnable action) {
        if (stream != null) {
            stream.onFailure(action);
        }
    }

    /** Background parts that have stopped for good (each failed; see its log): the liveness probe reports them. */
    List<String> stoppedParts() {
        List<String> stopped = new ArrayList<>();
        if (follower != null && follower.stopped()) {
            stopped.add("model follower (new models are not picked up)");
        }
        TrainerStatus t = trainer == null ? null : trainer.status();
        if (t != null && t.feed().state() == TrainerStatus.FeedState.FAILED) {
            stopped.add("trainer feed (no retraining)");
        }
        if (t != null && t.registry().down() && (trainer.ownsRegistryReader() || !follower.stopped())) {
            // a shared reader that stopped is named once, above; one that fails for too long, here
            stopped.add((trainer.ownsRegistryReader() ? "trainer's registry reader (" : "model registry reader (")
                    + t.registry().describe() + ")");
        }
        return stopped;
    }

    public Role role() {
        return role;
    }

    /** The model slot the stream forecasts with (stream role). */
    public ModelSlot slot() {
        return slot;
    }

    /** The stream (null for the trainer role). */
    public ForecastService stream() {
        return stream;
    }

    /** The trainer (null for the stream role). */
    public TrainerService trainer() {
        return trainer;
    }

    public TickcastMetrics metrics() {
        return metrics;
    }

    public HttpEndpoint http() {
        return http;
    }

    /** The follower of the registry (null for the trainer role). */
    public ModelFollower follower() {
        return follower;
    }

    /** Closes the parts of this node; safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (stream != null) {
            stream.close();
        }
        if (trainer != null) {
            trainer.close();  // before the follower it may share
        }
        if (follower != null) {
            follower.close();
        }
        http.close();     // after the stream: the probes say 503 while it shuts down
        metrics.close();
    }
}
