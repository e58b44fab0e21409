package io.tickcast.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When the running trainer starts its next training: what {@link RetrainSchedule} says about the ticks read and the
 * time passed since the last attempt, except that nothing starts while a training runs or once the trainer is
 * fenced, an attempt that did not train because the registry could not be read is retried (not before
 * {@link #REGISTRY_RETRY} has passed), and a publication that found the registry unreadable waits as long. The feed
 * thread asks ({@link #due}) and counts ticks; the training thread reports its attempts. Thread-safe.
 */
final class TrainingSchedule {

    /** How long the trainer waits before it tries again a registry it could not read. */
    static final Duration REGISTRY_RETRY = Duration.ofSeconds(5);

    /** Why an attempt did not end with a judged candidate. */
    enum Failure {
        /** The registry could not be read: not trained, retried after {@link #REGISTRY_RETRY}. */
        REGISTRY_UNREADABLE,
        /** Another trainer holds the registry: not trained (and the schedule never starts another). */
        FENCED,
        /** Trained, but not published (the registry could not be read, or another trainer took it). */
        NOT_PUBLISHED,
        /** The training threw. */
        THREW
    }

    private final RetrainSchedule rule;
    private final Clock clock;
    private final AtomicLong freshTicks = new AtomicLong();
    private volatile Instant lastAttemptAt;
    private volatile Instant retryAt = Instant.MIN;
    private volatile boolean attempted;
    private volatile Failure lastFailure;

    TrainingSchedule(RetrainSchedule rule, Clock clock) {
        this.rule = rule;
        this.clock = clock;
        this.lastAttemptAt = clock.instant();
    }

    /** The trainer starts: the interval counts from now. */
    void started() {
        lastAttemptAt = clock.instant();
    }

    /** The feed read a new tick into the history. */
    void tickRead() {
        freshTicks.incrementAndGet();
    }

    /** A training starts on the history as it is now: the ticks so far are not fresh any more. */
    void trainingStarts() {
        freshTicks.set(0);
        lastAttemptAt = clock.instant();
    }

    /** The registry could not be read: no training or publication is tried again for {@link #REGISTRY_RETRY}. */
    void registryUnreadable() {
        retryAt = clock.instant().plus(REGISTRY_RETRY);
    }

    /** An attempt ended: judged ({@code failure} null), or failed. */
    void attemptEnded(Failure failure) {
        lastFailure = failure;
        attempted = true;
    }

    /**
     * @param modelExists a model serves in the registry
     * @param training    a training runs now
     * @param fenced      another trainer has fenced this one
     */
    boolean due(boolean modelExists, boolean training, boolean fenced) {
        Instant now = clock.instant();
        if (training || fenced || now.isBefore(retryAt)) {
            return false;
        }
        if (lastFailure == Failure.REGISTRY_UNREADABLE || lastFailure == Failure.FENCED) {
            return true; // the attempt did not train: tried again (a fenced trainer never gets here)
        }
        return rule.due(modelExists, attempted, freshTicks.get(), Duration.between(lastAttemptAt, now));
    }
}
