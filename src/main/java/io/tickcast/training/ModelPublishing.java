package io.tickcast.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.BiFunction;

import io.tickcast.config.TickcastConfig;
import io.tickcast.registry.ModelFollower;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.TransactionalPublisher;

/**
 * How the trainer publishes: one record at a time (the training thread's new versions and the feed's demotions
 * share one lock), only while its registry reader has read the registry to its end and can read it, and only while
 * it holds the application's trainer transactional id ({@link RegistryWriter}). A new record gets the version
 * max(highest seen, last published) + 1, so two retrainings, a rollback or a registry that appears late never reuse
 * a number. The feed checks that the trainer still holds the id every {@link #OWNERSHIP_CHECK}, the training
 * thread before each training.
 */
final class ModelPublishing implements AutoCloseable {

    /** How often the feed checks that no other trainer has taken the transactional id. */
    static final Duration OWNERSHIP_CHECK = Duration.ofSeconds(15);

    /** What came of publishing a new version. */
    sealed interface Outcome {
        /** Published as {@code record} (with its version and the demoted versions it carries). */
        record Published(ModelRecord record) implements Outcome {
        }

        /** Not published: the registry cannot be read now, as {@code registry} says. */
        record RegistryUnreadable(TrainerStatus.Registry registry) implements Outcome {
        }

        /** Not published: another trainer holds the transactional id. */
        record Fenced(TrainerStatus.Publishing.Fenced fenced) implements Outcome {
        }
    }

    private final ModelFollower follower;
    private final RegistryWriter writer;
    private final String topic;
    private final Clock clock;
    private final Object lock = new Object();
    /** Only the feed thread reads and writes it. */
    private Instant ownershipCheckedAt = Instant.MIN;

    ModelPublishing(TickcastConfig config, ModelFollower follower, TrainingEvents events, Clock clock) {
        this.follower = follower;
        this.writer = new RegistryWriter(config, follower, events);
        this.topic = config.topics().models();
        this.clock = clock;
    }

    /** What the trainer's registry reader says now. */
    TrainerStatus.Registry registry() {
        return TrainerStatus.Registry.of(follower, topic, clock.instant());
    }

    /** Whether this trainer may publish (not once another trainer has fenced it). */
    TrainerStatus.Publishing publishing() {
        return writer.publishing();
    }

    boolean fenced() {
        return writer.fenced();
    }

    /** Versions demoted so far, as the registry says and by this trainer. */
    Set<Long> demoted() {
        return writer.demoted();
    }

    /**
     * Every {@link #OWNERSHIP_CHECK} (feed thread only): takes the transactional id while the registry cannot be read
     * yet (fencing an earlier trainer), or checks that no other trainer has taken it since.
     */
    void confirmOwnershipWhenDue() {
        Instant now = clock.instant();
        if (writer.fenced() || now.isBefore(ownershipCheckedAt.plus(OWNERSHIP_CHECK))) {
            return;
        }
        ownershipCheckedAt = now;
        synchronized (lock) {
            writer.confirmOwnership(registry().readable());
        }
    }

    /** Checks that no other trainer has taken the transactional id (before a training: none for a registry it lost). */
    void confirmOwnership() {
        synchronized (lock) {
            writer.confirmOwnership(true);
        }
    }

    /** Publishes {@code record} under the next free version, only while the registry has been read to its end. */
    Outcome publishNewVersion(ModelRecord record) {
        synchronized (lock) {
            TrainerStatus.Registry registry = registry();
            if (!registry.readable()) {
                return new Outcome.RegistryUnreadable(registry);
            }
            try {
                return new Outcome.Published(writer.publish(record.withVersion(writer.nextVersion()), 0));
            } catch (TransactionalPublisher.Fenced e) {
                return new Outcome.Fenced((TrainerStatus.Publishing.Fenced) writer.publishing());
            }
        }
    }

    /**
     * Publishes what replaces {@code version}, the model serving every symbol now, if it still serves, the registry
     * can be read and no other trainer publishes: {@code replacement} gets the versions demoted by then (this one
     * among them) and the next free version, and returns the record to publish.
     *
     * @return the record published, or null if nothing was
     */
    ModelRecord demote(long version, BiFunction<Set<Long>, Long, ModelRecord> replacement) {
        synchronized (lock) {
            ModelRecord served = follower.current();
            if (served == null || served.isNaive() || served.version() != version || !registry().readable()
                    || writer.fenced()) {
                return null; // what serves changed meanwhile, the registry cannot be read, or another trainer publishes
            }
            Set<Long> demoted = writer.demoted();
            demoted.add(version);
            ModelRecord record = replacement.apply(demoted, writer.nextVersion());
            try {
                return writer.publish(record, version);
            } catch (TransactionalPublisher.Fenced e) {
                return null; // said by the writer
            }
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
