package io.tickcast.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tickcast.config.TickcastConfig;
import io.tickcast.registry.ModelRecord;
import io.tickcast.serving.ModelSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains and gates, one training at a time on the single {@value #THREAD_NAME} thread, never on a stream thread: a
 * {@link RetrainCycle} on the trainer's history against the model in service, whose candidate, if the cycle
 * publishes it, goes to the registry through {@link ModelPublishing}. Each attempt is reported to the
 * {@link TrainingEvents} and the {@link TrainingSchedule}, and kept as {@link #lastAttempt()}.
 */
final class TrainingRunner implements AutoCloseable {

    static final String THREAD_NAME = "tickcast-trainer";
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRunner.class);

    private final TickcastConfig config;
    private final TrainingEvents events;
    private final Clock clock;
    private final TickHistory history;
    private final ModelSlot registryView;
    private final ModelPublishing publishing;
    private final TrainingSchedule schedule;
    private final ExecutorService executor;
    private final AtomicBoolean training = new AtomicBoolean();
    private volatile RetrainCycle.Attempt lastAttempt;
    /** The one thread trainings run on (never a stream thread). */
    private volatile Thread thread;

    TrainingRunner(TickcastConfig config, TrainingEvents events, Clock clock, TickHistory history, ModelSlot registryView,
                   ModelPublishing publishing, TrainingSchedule schedule) {
        this.config = config;
        this.events = events;
        this.clock = clock;
        this.history = history;
        this.registryView = registryView;
        this.publishing = publishing;
        this.schedule = schedule;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, THREAD_NAME);
            th.setDaemon(true);
            thread = th;
            return th;
        });
    }

    /** Starts a retraining now unless one is running; completes with its attempt (or null if one was running). */
    CompletableFuture<RetrainCycle.Attempt> retrainNow() {
        if (!training.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(this::retrain, executor);
    }

    /** True while a training runs (or is about to). */
    boolean training() {
        return training.get();
    }

    RetrainCycle.Attempt lastAttempt() {
        return lastAttempt;
    }

    private RetrainCycle.Attempt retrain() {
        Instant startedAt = clock.instant();
        try {
            if (Thread.currentThread() != thread) {
                throw new IllegalStateException("training runs on the trainer's own thread only, never on a stream thread");
            }
            TrainerStatus.Registry registry = publishing.registry();
            if (!registry.readable()) {
                schedule.registryUnreadable();
                return failed(startedAt, TrainingSchedule.Failure.REGISTRY_UNREADABLE,
                        "not training: " + registry.describe() + " (retried)");
            }
            publishing.confirmOwnership(); // no point in training for a registry another trainer holds
            if (publishing.publishing() instanceof TrainerStatus.Publishing.Fenced fenced) {
                return failed(startedAt, TrainingSchedule.Failure.FENCED, "not training: " + fenced.describe());
            }
            schedule.trainingStarts();
            RetrainCycle.Attempt attempt = train();
            if (attempt.outcome().publishes()) {
                ModelPublishing.Outcome outcome;
                try {
                    outcome = publishing.publishNewVersion(attempt.record());
                } finally {
                    attempt.model().close(); // instances load it from the registry, this trainer too
                }
                if (outcome instanceof ModelPublishing.Outcome.Fenced f) {
                    return failed(startedAt, TrainingSchedule.Failure.NOT_PUBLISHED, "not published: " + f.fenced().describe());
                }
                if (outcome instanceof ModelPublishing.Outcome.RegistryUnreadable r) {
                    schedule.registryUnreadable();
                    String detail = "training failed: not publishing: " + r.registry().describe();
                    LOG.error(detail);
                    return failed(startedAt, TrainingSchedule.Failure.NOT_PUBLISHED, detail);
                }
                attempt = published(attempt, ((ModelPublishing.Outcome.Published) outcome).record());
            } else {
                LOG.info("training {} in {} ms: {}", attempt.outcome().label(), attempt.duration().toMillis(), attempt.detail());
            }
            events.trainingRun(attempt.outcome().label(), attempt.duration(), attempt.ratioToNaive());
            schedule.attemptEnded(null);
            lastAttempt = attempt;
            return attempt;
        } catch (RuntimeException e) {
            LOG.error("training failed: {}", e.getMessage(), e);
            return failed(startedAt, TrainingSchedule.Failure.THREW, "training failed: " + e.getMessage());
        } finally {
            training.set(false);
        }
    }

    /** A gated training on the history as it is now, against the model in service (held while it is compared). */
    private RetrainCycle.Attempt train() {
        TickcastConfig.Trainer t = config.trainer();
        GatedTraining.Settings settings = GatedTraining.Settings.of(config.lstm(), t.validationFraction(),
                t.minWindows(), config.gate()).withIntervals(config.intervals()).withEvidence(config.evidence().settings());
        ModelSlot.Versioned current = registryView.acquire();
        try {
            RetrainCycle.Attempt attempt = RetrainCycle.run(history.snapshot(), settings,
                    current == null ? null : current.model(), clock, TrainingPace.of(t.cpuShare()),
                    config.evidence().decision());
            if (attempt.validation() != null) {
                events.gateJudged(attempt.validation());
            }
            return attempt;
        } finally {
            if (current != null) {
                current.release();
            }
        }
    }

    /** The attempt with its candidate as published (the model closed). */
    private static RetrainCycle.Attempt published(RetrainCycle.Attempt attempt, ModelRecord record) {
        LOG.info("training published model v{} ({}) in {} ms: {}", record.version(), attempt.outcome().label(),
                attempt.duration().toMillis(), attempt.detail());
        return new RetrainCycle.Attempt(attempt.outcome(), attempt.validation(), record, null, attempt.startedAt(),
                attempt.duration(), attempt.thread(), attempt.detail());
    }

    private RetrainCycle.Attempt failed(Instant startedAt, TrainingSchedule.Failure why, String detail) {
        LOG.warn(detail);
        schedule.attemptEnded(why);
        Duration took = Duration.between(startedAt, clock.instant());
        events.trainingRun(RetrainCycle.Outcome.FAILED.label(), took, Double.NaN);
        RetrainCycle.Attempt attempt = new RetrainCycle.Attempt(RetrainCycle.Outcome.FAILED, null, null, null, startedAt,
                took, Thread.currentThread().getName(), detail);
        lastAttempt = attempt;
        return attempt;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
