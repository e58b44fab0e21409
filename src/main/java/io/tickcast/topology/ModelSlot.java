package io.tickcast.topology;

import java.util.concurrent.atomic.AtomicReference;

import io.tickcast.lstm.LstmModel;

/**
 * The model every stream thread forecasts with, swapped atomically. Empty until the first model arrives;
 * forecasts then fall back to naive. A replaced model is not closed here: stream threads may still hold a
 * predictor on it for the forecast in flight (a model is ~5 KB of native memory).
 */
public final class ModelSlot {

    /** A model and the version it was published under. */
    public record Versioned(LstmModel model, long version) {
    }

    private final AtomicReference<Versioned> current = new AtomicReference<>();
    private final int window;
    private volatile String naiveReason = "no model has passed the promotion gate yet";

    /** @param window the window length of the stream; models of another length are refused */
    public ModelSlot(int window) {
        this.window = window;
    }

    public Versioned current() {
        return current.get();
    }

    public void install(LstmModel model, long version) {
        if (model.window() != window) {
            throw new IllegalArgumentException("model window " + model.window() + " does not match the stream's window "
                    + window + " (window.size)");
        }
        current.set(new Versioned(model, version));
    }

    /** Serve the naive forecast from now on (a model was demoted and nothing passing is left), and say why. */
    public void clear(String reason) {
        naiveReason = reason;
        current.set(null);
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
