package io.tickcast.registry;

import java.util.concurrent.atomic.AtomicLong;

import io.tickcast.lstm.LstmConfig;
import io.tickcast.lstm.LstmModel;
import io.tickcast.serving.ModelSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts registry records in service on a {@link ModelSlot}: loads a record's model for the engine (or refuses the
 * record, logged and counted, and what is in service keeps serving), and installs it, or the naive forecast a
 * demotion asks for. Used by the {@link ModelFollower}'s thread only; its counts and {@link #current} are read by others.
 */
final class SlotInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(ModelFollower.class);

    private final ModelSlot slot;
    private final LstmConfig trainingDefaults;
    private final RegistryEvents events;
    private final AtomicLong modelLoads = new AtomicLong();
    private final AtomicLong installs = new AtomicLong();
    private volatile ModelRecord current;

    SlotInstaller(ModelSlot slot, LstmConfig trainingDefaults, RegistryEvents events) {
        this.slot = slot;
        this.trainingDefaults = trainingDefaults;
        this.events = events;
    }

    /** The record in service (a model, or naive after a demotion), or null if none was installed. */
    ModelRecord current() {
        return current;
    }

    long modelLoads() {
        return modelLoads.get();
    }

    long installs() {
        return installs.get();
    }

    /** A record with its model loaded (none for naive): what {@link #install} puts in service. */
    record Loaded(ModelRecord record, LstmModel model) {
    }

    /** Loads a decoded record's model (none for naive), or rejects it (logged and counted) and returns null. */
    Loaded load(RegistryState.Entry entry) {
        ModelRecord record = entry.record();
        if (record.isNaive()) {
            return new Loaded(record, null);
        }
        modelLoads.incrementAndGet();
        try {
            return new Loaded(record, ModelRecordCodec.loadModel(record, trainingDefaults, slot.window()));
        } catch (ModelRecordCodec.InvalidRecordException e) {
            reject(entry, e.reason(), e.getMessage());
            return null;
        }
    }

    void reject(RegistryState.Entry entry, String reason, String message) {
        LOG.warn("rejected model registry record {} at offset {} ({}): {}; what is in service keeps serving",
                entry.key(), entry.offset(), reason, message);
        events.modelRejected(reason);
    }

    void install(Loaded loaded) {
        ModelRecord record = loaded.record();
        current = record;
        installs.incrementAndGet();
        if (record.isNaive()) {
            if (record.calibration() != null && record.calibration().naive() != null) {
                slot.calibrateNaive(record.calibration().naive());
            }
            ModelRecord.Demotion d = record.demotion();
            slot.clear(d == null ? "the registry says to serve the naive forecast"
                    : "model v" + d.demotedVersion() + " was demoted " + d.at() + ": " + ServingTerms.describe(d));
            events.modelInstalled(0, record.createdAt());
            LOG.info("now serving the naive forecast (registry record v{}): {}", record.version(), slot.naiveReason());
            return;
        }
        slot.install(loaded.model(), record.version(), record.calibration(), ServingTerms.terms(record, slot.decision()));
        events.modelInstalled(record.version(), record.createdAt());
        LOG.info("now serving {}", ServingTerms.describe(record));
    }
}
