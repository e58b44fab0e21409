package io.tickcast.lstm;

/**
 * How a training run is conducted beyond the hyperparameters in {@code LstmConfig}: settings a user cannot be
 * expected to tune, chosen by backtesting the bundled series (see docs/backtest.md).
 *
 * @param validationFraction share of the training windows, the most recent by target date (one cutoff date for
 *                           all series),
 *                           held out to pick the epoch whose weights are kept; 0 trains on every window and
 *                           keeps the last epoch's weights
 * @param weightDecay        L2 penalty Adam adds to every gradient; with per-window scaling it pulls the
 *                           model towards the naive forecast (an output of 0)
 */
public record TrainingRegime(double validationFraction, double weightDecay) {

    /**
     * The regime {@link LstmTrainer} uses unless told otherwise: the last 20% of the training windows
     * validate (best epoch kept), weight decay 0.001.
     */
    public static final TrainingRegime DEFAULT = new TrainingRegime(0.2, 0.001);

    /** The seed article's: no validation, no weight decay, the last epoch's weights kept. */
    public static final TrainingRegime PLAIN = new TrainingRegime(0.0, 0.0);

    public TrainingRegime {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), was " + validationFraction);
        }
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new IllegalArgumentException("weight decay must be >= 0, was " + weightDecay);
        }
    }

    public boolean validates() {
        return validationFraction > 0;
    }
}
