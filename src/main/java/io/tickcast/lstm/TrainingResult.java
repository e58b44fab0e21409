package io.tickcast.lstm;

import java.time.Duration;

/** A trained model with its per-epoch mean training loss (MSE on scaled targets) and how long it took. */
public record TrainingResult(LstmModel model, double[] epochLosses, Duration elapsed, int examples) {

    public double firstLoss() {
        return epochLosses[0];
    }

    public double lastLoss() {
        return epochLosses[epochLosses.length - 1];
    }
}
