package io.tickcast.serving;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.tickcast.evidence.ServingDecision;
import io.tickcast.interval.Calibration;
import io.tickcast.interval.ForecasterCalibration;
import io.tickcast.interval.NaiveFallback;
import io.tickcast.lstm.LstmModel;

/**
 * The model every stream thread forecasts with, swapped atomically: the challenger, the newest sane model, which
 * forecasts every full window; where it serves is decided per symbol by its evidence, unless its
 * {@link ChallengerTerms} say it serves everywhere. Empty until the first model arrives, and after a pooled
 * demotion to naive; forecasts then fall back to naive.
 *
 * <p>The slot owns the models installed in it. Whoever runs a model takes a counted lease ({@link #acquire()})
 * and releases it when done or when it sees a newer version; a replaced model is closed, freeing its native
 * memory, once the slot and the last lease holder have let go of it. A stream thread's forecast in flight
 * therefore never runs on a closed model, and thousands of swaps leave only the model in service open.
 */
public final class ModelSlot {

    /** A model and the version it was published under, with the count of those holding it. */
    public static final class Versioned {
        private final LstmModel model;
        private final long version;
        private final Calibration calibration;
        private final ChallengerTerms terms;
        private final AtomicInteger holders = new AtomicInteger(1); // the slot itself

        Versioned(LstmModel model, long version, Calibration calibration, ChallengerTerms terms) {
            this.model = model;
            this.version = version;
            this.calibration = calibration;
            this.terms = terms;
        }

        /** Where the model may serve and what it saw (see {@link ChallengerTerms}). */
        public ChallengerTerms terms() {
            return terms;
        }

        /** The model's interval calibration, or null when its record carries none (forced, older builds). */
        public Calibration calibration() {
            return calibration;
        }

        public LstmModel model() {
            return model;
        }

        public long version() {
            return version;
        }

        /** One more holder, unless the model is already closed (then false). */
        private boolean retain() {
            while (true) {
                int n = holders.get();
                if (n == 0) {
                    return false;
                }
                if (holders.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        /** Lets go of a lease (or the slot's own hold); the last one closes the model. */
        public void release() {
            if (holders.decrementAndGet() == 0) {
                model.close();
            }
        }
    }

    private final AtomicReference<Versioned> current = new AtomicReference<>();
    private final int window;
    private final ServingDecision decision;
    private volatile String naiveReason = "no model has passed the promotion gate yet";
    private volatile Calibration naiveCalibration;

    /** @param window the window length of the stream; models of another length are refused */
    public ModelSlot(int window) {
        this(window, ServingDecision.PER_SYMBOL);
    }

    /**
     * @param window   the window length of the stream; models of another length are refused
     * @param decision who decides where a model serves ({@code evidence.decision}): read by whoever installs models
     */
    public ModelSlot(int window, ServingDecision decision) {
        this.window = window;
        this.decision = decision;
    }

    /** Who decides where the installed model serves. */
    public ServingDecision decision() {
        return decision;
    }

    /** What serves now, for looking at its version only; to run the model, {@link #acquire()} a lease. */
    public Versioned current() {
        return current.get();
    }

    /** A lease on the model in service (release it when done), or null when naive serves. */
    public Versioned acquire() {
        while (true) {
            Versioned v = current.get();
            if (v == null) {
                return null;
            }
            if (v.retain()) {
                return v;
            }
            // closed between the read and the retain: it was replaced meanwhile, read again
        }
    }

    /**
     * Serves {@code model} everywhere from now on ({@link ChallengerTerms#INSTALLED}); the slot owns it and closes it
     * once replaced and no longer leased.
     */
    public void install(LstmModel model, long version) {
        install(model, version, null);
    }

    /**
     * The same, with the calibration its record carries (null: none): the model's intervals come from
     * {@code calibration.lstm()}, and the naive forecast's from {@code calibration.naive()} from now on.
     */
    public void install(LstmModel model, long version, ForecasterCalibration calibration) {
        install(model, version, calibration, ChallengerTerms.INSTALLED);
    }

    /** The same, with the terms under which it serves. */
    public void install(LstmModel model, long version, ForecasterCalibration calibration, ChallengerTerms terms) {
        if (model.window() != window) {
            throw new IllegalArgumentException("model window " + model.window() + " does not match the stream's window "
                    + window + " (lstm.window-size)");
        }
        if (calibration != null && calibration.naive() != null) {
            naiveCalibration = calibration.naive();
        }
        retire(current.getAndSet(new Versioned(model, version, calibration == null ? null : calibration.lstm(),
                java.util.Objects.requireNonNull(terms, "terms"))), model);
    }

    /** The naive forecast's intervals come from {@code calibration} from now on. */
    public void calibrateNaive(Calibration calibration) {
        naiveCalibration = java.util.Objects.requireNonNull(calibration);
    }

    /**
     * The naive forecast's calibration: the newest one a model record carried, or null until one arrives (the
     * forecaster then uses {@link NaiveFallback}'s).
     */
    public Calibration naiveCalibration() {
        return naiveCalibration;
    }

    /** Serve the naive forecast from now on (a model was demoted and nothing passing is left), and say why. */
    public void clear(String reason) {
        naiveReason = reason;
        retire(current.getAndSet(null), null);
    }

    private static void retire(Versioned old, LstmModel stillServing) {
        if (old != null && old.model() != stillServing) { // the same model installed again stays open
            old.release();
        }
    }

    /** Why forecasts are naive while the slot is empty. */
    public String naiveReason() {
        return naiveReason;
    }

    public int window() {
        return window;
    }

    public long version() {
        Versioned v = current.get();
        return v == null ? 0 : v.version();
    }
}
