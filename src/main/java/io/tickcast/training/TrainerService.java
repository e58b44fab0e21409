package io.tickcast.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.tickcast.config.TickcastConfig;
import io.tickcast.kafka.ClientSettings;
import io.tickcast.records.ParsedTick;
import io.tickcast.records.Tick;
import io.tickcast.records.TickParser;
import io.tickcast.registry.ModelFollower;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.ModelRecordCodec;
import io.tickcast.registry.RegistryEvents;
import io.tickcast.registry.TransactionalPublisher;
import io.tickcast.serving.ModelSlot;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer role. A feed thread reads the ticks topic from the beginning into a bounded
 * {@link TickHistory} and keeps reading; once it has caught up, a retraining is started whenever the
 * schedule says so (no model yet, {@code trainer.every-ticks} new ticks, or {@code trainer.interval}
 * elapsed with new ticks). Trainings run one at a time on the single {@code tickcast-trainer} thread,
 * never on a stream thread; a candidate that passes the gate is published to the registry topic, where every
 * stream instance picks it up.
 *
 * <p>Versions: a record is published only while the trainer's registry reader has read the topic to its end
 * and can read it, under the version max(highest seen, last published) + 1, so two retrainings, a rollback or a
 * registry that appears late never reuse a number. Each record goes out in a transaction under the
 * application's one trainer transactional id, with the tombstones of the old versions it lets go
 * ({@link RegistryWriter}); a second trainer fences this one, which then stops training and publishing and says so
 * ({@link #fenced()}). The trainer checks that it still holds the id before each training and every
 * {@link #OWNERSHIP_CHECK}.
 *
 * <p>Live check: the feed scores the model in service (the challenger) on every new tick after its training data,
 * against naive ({@link LiveScorer}), for the pooled live RMSE ratio. For a model that serves every symbol
 * ({@code evidence.decision=pooled}, or forced by an operator) only, when the pooled anytime-valid demotion test
 * reaches {@code 1 / evidence.alpha}, the trainer publishes a demotion (per symbol, the stream's own evidence
 * demotes): the newest other version that passed the gate and was never demoted serves again, or, if there is
 * none, the naive forecast.
 */
public final class TrainerService implements AutoCloseable {

    public static final String THREAD_NAME = "tickcast-trainer";
    private static final Logger LOG = LoggerFactory.getLogger(TrainerService.class);
    /** How long the registry reader may fail before the trainer's liveness says so. */
    static final Duration REGISTRY_GRACE = Duration.ofSeconds(60);
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(5);
    /** How often the feed checks that no other trainer has taken the transactional id. */
    static final Duration OWNERSHIP_CHECK = Duration.ofSeconds(15);

    private final TickcastConfig config;
    private final TrainingEvents events;
    private final Clock clock;
    private final TickHistory history;
    private final ModelSlot registryView;
    private final ModelFollower follower;
    /** True when {@link #follower} is this trainer's own (role trainer), false when it shares the stream's. */
    private final boolean ownsFollower;
    private final RegistryWriter writer;
    private final KafkaConsumer<byte[], byte[]> ticks;
    private final ExecutorService trainingThread;
    private final Thread feedThread;
    private final LiveScorer live;
    private final AtomicBoolean training = new AtomicBoolean();
    private final AtomicLong newTicks = new AtomicLong();
    private final Object publishLock = new Object();
    private volatile Instant lastAttemptAt;
    private Instant ownershipCheckedAt = Instant.MIN;
    private volatile Instant registryRetryAt = Instant.MIN;
    private volatile boolean caughtUp;
    private volatile boolean closed;
    private volatile RetrainCycle.Attempt lastAttempt;
    /** Why the last attempt failed, or null if it did not: a registry that could not be read is retried at once. */
    private volatile Failure lastFailure;
    /** The one thread trainings run on (never a stream thread). */
    private volatile Thread trainingThreadItself;

    /** Why a retraining attempt failed. */
    private enum Failure {
        /** The registry could not be read: not trained, retried after {@code REGISTRY_RETRY}. */
        REGISTRY_UNREADABLE,
        /** Another trainer holds the registry: not trained, not retried. */
        FENCED,
        /** Trained, but another trainer took the registry before it was published. */
        NOT_PUBLISHED,
        /** The training threw. */
        THREW
    }
    private volatile LiveScorer.Verdict lastLiveVerdict;

    /**
     * A trainer with its own reader of the registry (role {@code trainer}: no stream in the process), which it
     * starts and closes; the reader reports into {@code registryEvents}.
     */
    public TrainerService(TickcastConfig config, TrainingEvents events, RegistryEvents registryEvents, Clock clock) {
        this(config, events, new ModelFollower(config.kafkaClientProperties(), config.topics().models(),
                new ModelSlot(config.windowSize()), config.lstm(), registryEvents, clock), true, clock);
    }

    public TrainerService(TickcastConfig config, TrainingEvents events, Clock clock) {
        this(config, events, RegistryEvents.NONE, clock);
    }

    /**
     * A trainer that shares the process's reader of the registry (role {@code all}: the stream's follower), so the
     * process reads the registry and loads each model once. Whoever owns {@code registry} starts it (this trainer's
     * feed waits until it has read the registry to its end) and closes it (after this trainer).
     */
    public static TrainerService sharing(TickcastConfig config, TrainingEvents events, ModelFollower registry, Clock clock) {
        return new TrainerService(config, events, registry, false, clock);
    }

    private TrainerService(TickcastConfig config, TrainingEvents events, ModelFollower follower, boolean ownsFollower,
                           Clock clock) {
        this.config = config;
        this.events = events;
        this.clock = clock;
        TickcastConfig.Trainer t = config.trainer();
        this.history = new TickHistory(t.historyDays(), t.maxHistoryTicks());
        this.follower = follower;
        this.ownsFollower = ownsFollower;
        this.registryView = follower.slot();
        Properties client = config.kafkaClientProperties();
        this.writer = new RegistryWriter(config, follower, events);
        this.ticks = new KafkaConsumer<>(ClientSettings.groupFreeReader(client), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.live = new LiveScorer(t.demotionWindow(), config.gate().minWindows(), config.evidence().settings(),
                config.intervals().settings().halfLife());
        this.trainingThread = Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, THREAD_NAME);
            th.setDaemon(true);
            trainingThreadItself = th;
            return th;
        });
        this.feedThread = new Thread(this::feed, "tickcast-trainer-feed");
        this.feedThread.setDaemon(true);
    }

    public void start() {
        lastAttemptAt = clock.instant();
        if (ownsFollower) {
            follower.start();
        }
        feedThread.start();
    }

    /** Starts a retraining now unless one is running; completes with its attempt (or null if one was running). */
    public CompletableFuture<RetrainCycle.Attempt> retrainNow() {
        if (!training.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(this::retrain, trainingThread);
    }

    /** Ticks in the trainer's history now (what its next training would train on). */
    public long historyTicks() {
        return history.size();
    }

    public RetrainCycle.Attempt lastAttempt() {
        return lastAttempt;
    }

    /** The last live test of the model in service (null before enough live scores). */
    public LiveScorer.Verdict lastLiveVerdict() {
        return lastLiveVerdict;
    }

    /** True once the feed has read the ticks topic to the end it had at start. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** True while the feed thread reads the ticks topic (false before start and after it stopped or failed). */
    public boolean feedAlive() {
        return feedThread.isAlive();
    }

    /** True if the feed was started and has ended without being closed (it failed). */
    public boolean feedStopped() {
        return feedThread.getState() == Thread.State.TERMINATED && !closed;
    }

    /** Why the trainer cannot publish now (its registry reader has not caught up or fails), or null. */
    public String registryProblem() {
        Instant since = follower.failingSince();
        if (since != null) {
            return "cannot read the model registry " + config.topics().models() + " since " + since + ": "
                    + follower.lastError();
        }
        return follower.caughtUp() ? null : "still reading the model registry " + config.topics().models();
    }

    /**
     * Why this trainer no longer trains or publishes: another trainer took over its transactional id (null while
     * it has not). For good: only a restart makes it the trainer again (and fences the other).
     */
    public String fenced() {
        return writer.fenced();
    }

    /** The transactional id this trainer publishes under: {@code <application.id>-trainer}. */
    public String transactionalId() {
        return RegistryWriter.transactionalId(config);
    }

    /** True when the registry reader has failed for longer than {@link #REGISTRY_GRACE}: liveness fails. */
    public boolean registryDown() {
        Instant since = follower.failingSince();
        return follower.stopped() || (since != null && Duration.between(since, clock.instant()).compareTo(REGISTRY_GRACE) > 0);
    }

    /**
     * The registry reader the trainer follows (what it has read: versions, demotions, the record in service): its
     * own, or the stream's follower it shares ({@link #sharing}).
     */
    public ModelFollower registry() {
        return follower;
    }

    /** True when the trainer runs its own registry reader, false when it shares the stream's ({@link #sharing}). */
    public boolean ownsRegistryReader() {
        return ownsFollower;
    }

    private RetrainCycle.Attempt retrain() {
        Instant startedAt = clock.instant();
        try {
            if (Thread.currentThread() != trainingThreadItself) {
                throw new IllegalStateException("training runs on the trainer's own thread only, never on a stream thread");
            }
            String problem = registryProblem();
            if (problem != null) {
                registryRetryAt = clock.instant().plus(REGISTRY_RETRY);
                return failed(startedAt, Failure.REGISTRY_UNREADABLE, "not training: " + problem + " (retried)");
            }
            synchronized (publishLock) {
                writer.confirmOwnership(true); // no point in training for a registry another trainer holds
            }
            if (writer.fenced() != null) {
                return failed(startedAt, Failure.FENCED, "not training: " + writer.fenced());
            }
            newTicks.set(0);
            lastAttemptAt = clock.instant();
            TickcastConfig.Trainer t = config.trainer();
            GatedTraining.Settings settings = GatedTraining.Settings.of(config.lstm(), t.validationFraction(),
                    t.minWindows(), config.gate()).withIntervals(config.intervals())
                    .withEvidence(config.evidence().settings());
            RetrainCycle.Attempt attempt;
            ModelSlot.Versioned current = registryView.acquire(); // the model in service, held while it is compared
            try {
                attempt = RetrainCycle.run(history.snapshot(), settings, current == null ? null : current.model(), clock,
                        TrainingPace.of(t.cpuShare()), config.evidence().decision());
            } finally {
                if (current != null) {
                    current.release();
                }
            }
            if (attempt.validation() != null) {
                events.gateJudged(attempt.validation());
            }
            if (attempt.outcome().publishes()) {
                ModelRecord published;
                try {
                    published = publishNewVersion(attempt.record());
                } finally {
                    attempt.model().close(); // instances load it from the registry, this trainer too
                }
                attempt = new RetrainCycle.Attempt(attempt.outcome(), attempt.validation(), published, null,
                        attempt.startedAt(), attempt.duration(), attempt.thread(), attempt.detail());
                LOG.info("training published model v{} ({}) in {} ms: {}", published.version(), attempt.outcome().label(),
                        attempt.duration().toMillis(), attempt.detail());
            } else {
                LOG.info("training {} in {} ms: {}", attempt.outcome().label(), attempt.duration().toMillis(), attempt.detail());
            }
            events.trainingRun(attempt.outcome().label(), attempt.duration(), attempt.ratioToNaive());
            lastFailure = null;
            lastAttempt = attempt;
            return attempt;
        } catch (TransactionalPublisher.Fenced e) {
            return failed(startedAt, Failure.NOT_PUBLISHED, "not published: " + writer.fenced());
        } catch (RuntimeException e) {
            LOG.error("training failed: {}", e.getMessage(), e);
            return failed(startedAt, Failure.THREW, "training failed: " + e.getMessage());
        } finally {
            training.set(false);
        }
    }

    private RetrainCycle.Attempt failed(Instant startedAt, Failure why, String detail) {
        LOG.warn(detail);
        lastFailure = why;
        Duration took = Duration.between(startedAt, clock.instant());
        events.trainingRun(RetrainCycle.Outcome.FAILED.label(), took, Double.NaN);
        RetrainCycle.Attempt attempt = new RetrainCycle.Attempt(RetrainCycle.Outcome.FAILED, null, null, null, startedAt,
                took, Thread.currentThread().getName(), detail);
        lastAttempt = attempt;
        return attempt;
    }

    /**
     * Publishes {@code record} under the next free version, only while the registry has been read to its end.
     *
     * @throws IllegalStateException if the registry cannot be read now (the attempt fails and is retried)
     */
    private ModelRecord publishNewVersion(ModelRecord record) {
        synchronized (publishLock) {
            String problem = registryProblem();
            if (problem != null) {
                registryRetryAt = clock.instant().plus(REGISTRY_RETRY);
                throw new IllegalStateException("not publishing: " + problem);
            }
            return writer.publish(record.withVersion(writer.nextVersion()), 0);
        }
    }

    private void feed() {
        String topic = config.topics().ticks();
        try {
            confirmOwnershipWhenDue(); // takes the transactional id at once, fencing an earlier trainer
            while (!closed && !follower.awaitCaughtUp(Duration.ofMillis(500))) {
                // the live check needs to know the model in service before it scores the history
                confirmOwnershipWhenDue();
            }
            List<TopicPartition> partitions = ClientSettings.assignAll(ticks, topic, true);
            Map<TopicPartition, Long> end = ticks.endOffsets(partitions);
            while (!closed) {
                confirmOwnershipWhenDue();
                syncLiveScorer();
                for (ConsumerRecord<byte[], byte[]> r : ticks.poll(Duration.ofMillis(500))) {
                    ParsedTick parsed = TickParser.parse(r.value());
                    if (parsed.isValid()) { // the stream dead-letters the rest
                        Tick tick = parsed.tick();
                        live.observe(tick.symbol(), tick.date(), history.windowBefore(tick, config.windowSize()), tick.close());
                        history.add(tick);
                        newTicks.incrementAndGet();
                    }
                }
                checkLive();
                if (!caughtUp && ClientSettings.reached(ticks, end)) {
                    caughtUp = true;
                    LOG.info("trainer read the ticks topic to its end: {} ticks in history", history.size());
                }
                if (caughtUp && due()) {
                    retrainNow();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("trainer feed stopped: {}", e.getMessage(), e);
        } finally {
            ticks.close();
            live.close();
        }
    }

    /**
     * Every {@link #OWNERSHIP_CHECK}: takes the transactional id (while the registry cannot be read yet), or checks
     * that no other trainer has taken it since.
     */
    private void confirmOwnershipWhenDue() {
        Instant now = clock.instant();
        if (writer.fenced() != null || now.isBefore(ownershipCheckedAt.plus(OWNERSHIP_CHECK))) {
            return;
        }
        ownershipCheckedAt = now;
        synchronized (publishLock) {
            writer.confirmOwnership(registryProblem() == null);
        }
    }

    /** Points the live check at the model in service (nothing while naive serves or a demotion is on its way). */
    private void syncLiveScorer() {
        ModelSlot.Versioned current = registryView.current();
        ModelRecord record = follower.current();
        if (current == null || record == null || record.version() != current.version()
                || writer.demoted().contains(current.version())) {
            if (!live.scores(null)) {
                live.serving(null, null);
            }
            return;
        }
        if (live.scores(current)) {
            return;
        }
        ModelSlot.Versioned lease = registryView.acquire();
        LocalDate after = record.data() != null ? record.data().to() : history.snapshotEnd();
        live.serving(lease, after);
    }

    private void checkLive() {
        LiveScorer.Verdict v = live.score();
        if (v == null) {
            return;
        }
        lastLiveVerdict = v;
        events.liveChecked(v);
        // a model that serves every symbol (pooled decision, or forced by an operator) is demoted by this pooled check;
        // a challenger is demoted per symbol by the stream's own evidence, and this check only measures it
        ModelRecord served = follower.current();
        if (v.demote() && served != null && ModelFollower.terms(served, config.evidence().decision()).servesEverywhere()) {
            demote(v);
        }
    }

    private void demote(LiveScorer.Verdict v) {
        synchronized (publishLock) {
            ModelRecord served = follower.current();
            if (served == null || served.isNaive() || served.version() != v.version() || registryProblem() != null
                    || writer.fenced() != null) {
                return; // what serves changed meanwhile, the registry cannot be read, or another trainer publishes
            }
            Set<Long> demoted = writer.demoted();
            demoted.add(v.version());
            ModelRecord fallback = fallback(demoted);
            ModelRecord.Demotion why = new ModelRecord.Demotion(v.version(), clock.instant(), v.ratioToNaive(), v.worse(),
                    config.evidence().settings().alpha(), v.evidence(), v.days());
            ModelRecord record = fallback != null ? fallback.republished("demotion", why)
                    : ModelRecord.naive(writer.nextVersion(), clock.instant(), why).withCalibration(naiveCalibration());
            try {
                writer.publish(record, v.version());
            } catch (TransactionalPublisher.Fenced e) {
                return; // said by the writer
            }
            live.serving(null, null);
            LOG.warn("demoted model v{}: {}; now serving {}", v.version(), ModelFollower.describe(why),
                    fallback == null ? "the naive forecast" : "model v" + fallback.version());
            events.demoted(v.version(), fallback == null ? 0 : fallback.version());
        }
    }

    /**
     * The newest version that passed the gate, was never demoted, and whose model bytes load (the follower loads
     * only the model it serves, so a fallback is checked here, as instances will check it), or null.
     */
    /**
     * The naive forecast's calibration of the newest record that carried one, for a "serve naive" record: instances
     * that start on that record then keep the naive intervals calibrated on the trainer's data (null: none yet).
     */
    private io.tickcast.interval.ForecasterCalibration naiveCalibration() {
        io.tickcast.interval.Calibration naive = registryView.naiveCalibration();
        return naive == null ? null : new io.tickcast.interval.ForecasterCalibration(null, naive, null);
    }

        private ModelRecord fallback(Set<Long> demoted) {
        List<ModelRecord> versions = follower.versions();
        for (int i = versions.size() - 1; i >= 0; i--) {
            ModelRecord r = versions.get(i);
            if (demoted.contains(r.version()) || !r.passedGate()) {
                continue;
            }
            try {
                ModelRecordCodec.loadModel(r, config.lstm(), config.windowSize()).close();
                return r;
            } catch (ModelRecordCodec.InvalidRecordException e) {
                LOG.warn("v{} cannot be a fallback: {}", r.version(), e.getMessage());
            }
        }
        return null;
    }

    private boolean due() {
        TickcastConfig.Trainer t = config.trainer();
        if (training.get() || writer.fenced() != null || clock.instant().isBefore(registryRetryAt)) {
            return false;
        }
        // an attempt that did not train (the registry unreadable; a fenced trainer never gets here) is retried
        boolean failedOnRegistry = lastFailure == Failure.REGISTRY_UNREADABLE || lastFailure == Failure.FENCED;
        return failedOnRegistry || new RetrainSchedule(t.interval(), t.everyTicks()).due(registryView.current() != null,
                lastAttempt != null, newTicks.get(), Duration.between(lastAttemptAt, clock.instant()));
    }

    @Override
    public void close() {
        closed = true;
        ticks.wakeup();
        try {
            feedThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        trainingThread.shutdownNow();
        try {
            trainingThread.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsFollower) {
            follower.close();
        }
        writer.close();
    }
}
