package io.tickcast.training;

import java.util.HashSet;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.tickcast.config.TickcastConfig;
import io.tickcast.registry.ModelFollower;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.RegistryRetention;
import io.tickcast.registry.TransactionalPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the trainer writes to the registry: under the next free version, through a {@link TransactionalPublisher}
 * that only one trainer per application id can hold, deleting old versions with each record
 * ({@link RegistryRetention}, {@code trainer.keep-versions}) and carrying the demoted versions forward in it.
 * When another trainer takes the transactional id, this one is fenced for good: it says so once, in an ERROR
 * with what to do, and {@link #publishing()} says so to the probes. Not thread-safe: the trainer calls it under its
 * publish lock ({@link ModelPublishing}).
 */
final class RegistryWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryWriter.class);

    private final TickcastConfig config;
    private final ModelFollower follower;
    private final TrainingEvents events;
    private final TransactionalPublisher publisher;
    private final Set<Long> demotedHere = ConcurrentHashMap.newKeySet();
    private long lastPublished;
    private volatile TrainerStatus.Publishing.Fenced fenced;

    RegistryWriter(TickcastConfig config, ModelFollower follower, TrainingEvents events) {
        this.config = config;
        this.follower = follower;
        this.events = events;
        this.publisher = new TransactionalPublisher(config.kafkaClientProperties(), config.topics().models(),
                transactionalId(config));
    }

    /** The trainer's transactional id: one per application, so a second trainer fences the first. */
    static String transactionalId(TickcastConfig config) {
        return config.applicationId() + "-trainer";
    }

    /** Whether this trainer may publish: {@link TrainerStatus.Publishing.Fenced} once another trainer fenced it. */
    TrainerStatus.Publishing publishing() {
        TrainerStatus.Publishing.Fenced f = fenced;
        return f != null ? f : new TrainerStatus.Publishing.Allowed(publisher.transactionalId());
    }

    /** True once another trainer has fenced this one (for good). */
    boolean fenced() {
        return fenced != null;
    }

    /** Takes the transactional id (fencing an earlier trainer), or checks that no later one has taken it. */
    void confirmOwnership(boolean registryReadable) {
        try {
            if (registryReadable) {
                publisher.checkStillOwner();
            } else {
                publisher.claim();
            }
        } catch (TransactionalPublisher.Fenced e) {
            onFenced(e);
        } catch (RuntimeException e) {
            LOG.warn("cannot check that this trainer still holds the transactional id '{}': {}; checked again later",
                    publisher.transactionalId(), e.getMessage());
        }
    }

    /** The version the next new record gets: one more than any the registry names or this trainer published. */
    long nextVersion() {
        return Math.max(follower.maxVersion(), lastPublished) + 1;
    }

    /** Versions demoted so far: as the registry says, and by this trainer (whose records may not be read back yet). */
    Set<Long> demoted() {
        Set<Long> out = new HashSet<>(follower.demoted());
        out.addAll(demotedHere);
        return out;
    }

    /**
     * Publishes {@code record} (which serves from now on), deleting the versions retention lets go in the same
     * transaction; {@code demoting} is the version this record demotes (0: none).
     *
     * @return the record as published (with the demoted versions it carries)
     * @throws TransactionalPublisher.Fenced if another trainer holds the transactional id (nothing published)
     */
    ModelRecord publish(ModelRecord record, long demoting) {
        Set<Long> demoted = demoted();
        if (demoting > 0) {
            demoted.add(demoting);
        }
        NavigableSet<Long> present = new TreeSet<>(follower.presentVersions());
        present.add(record.version());
        NavigableSet<Long> delete = toDelete(record, present, demoted);
        // a deleted version can never serve again, so it need not be carried; one this trainer demoted is carried
        // even before its reader has read that demotion back
        Set<Long> carried = new TreeSet<>(demoted);
        carried.removeIf(v -> delete.contains(v) || !present.contains(v) && !demotedHere.contains(v) && v != demoting);
        ModelRecord published = record.withDemotedVersions(carried);
        try {
            publisher.publish(published, delete);
        } catch (TransactionalPublisher.Fenced e) {
            onFenced(e);
            throw e;
        }
        lastPublished = Math.max(lastPublished, published.version());
        if (demoting > 0) {
            demotedHere.add(demoting);
        }
        if (!delete.isEmpty()) {
            LOG.info("deleted {} old version(s) from the model registry (v{}..v{}), keeping {} (trainer.keep-versions={})",
                    delete.size(), delete.first(), delete.last(), present.size() - delete.size(),
                    config.trainer().keepVersions());
        }
        return published;
    }

    /** What {@link RegistryRetention} lets go once {@code record} serves: it and the version serving now stay. */
    private NavigableSet<Long> toDelete(ModelRecord record, NavigableSet<Long> present, Set<Long> demoted) {
        Set<Long> fallbacks = new HashSet<>();
        follower.versions().stream().filter(r -> r.version() != record.version() && r.passedGate())
                .forEach(r -> fallbacks.add(r.version()));
        if (record.passedGate()) {
            fallbacks.add(record.version());
        }
        fallbacks.removeAll(demoted);
        ModelRecord serving = follower.current();
        return RegistryRetention.toDelete(config.trainer().keepVersions(), present, record.version(),
                serving == null ? 0 : serving.version(), fallbacks);
    }

    private void onFenced(TransactionalPublisher.Fenced e) {
        if (fenced != null) {
            return;
        }
        fenced = new TrainerStatus.Publishing.Fenced(publisher.transactionalId(), config.topics().models());
        LOG.error("this trainer was fenced: another trainer started with the same transactional id '{}' (application.id '{}')"
                        + " and now publishes to the model registry {}; this one stops training and publishing (a stream in"
                        + " this process keeps forecasting). Run exactly one trainer per application.id: scale the trainer"
                        + " Deployment to one replica, or stop the other process running --role trainer or --role all with"
                        + " this application.id. Restarting this process makes it the trainer again and fences the other. ({})",
                publisher.transactionalId(), config.applicationId(), config.topics().models(), e.getMessage());
        events.fenced(publisher.transactionalId());
    }

    @Override
    public void close() {
        publisher.close();
    }
}
