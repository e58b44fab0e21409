package io.tickcast.lstm;

import java.time.Duration;

/**
 * A trained model with its per-epoch mean training loss (MSE on scaled targets), how long it took, and, when
 * the regime held out a validation tail, the per-epoch validation loss and the epoch whose weights were kept.
 *
 * @param examples           training windows the weights were fitted on
 * @param validationLosses   per-epoch validation MSE (scaled), empty without validation
 * @param bestEpoch          1-based epoch whose weights the model holds (the last epoch without validation)
 * @param validationExamples windows held out for validation (0 without validation)
 */
public record TrainingResult(LstmModel model, double[] epochLosses, Duration elapsed, int examples,
                             double[] validationLosses, int bestEpoch, int validationExamples) {

    /** A result without validation: the last epoch's weights are kept. */
    public TrainingResult(LstmModel model, double[] epochLosses, Duration elapsed, int examples) {
        this(model, epochLosses, elapsed, examples, new double[0], epochLosses.length, 0);
    }

    public double firstLoss() {
        return epochLosses[0];
    }

    public double lastLoss() {
        return epochLosses[epochLosses.length - 1];
    }

    public boolean validated() {
        return validationLosses.length > 0;
    }
}
