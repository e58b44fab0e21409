package io.tickcast.backtest;

import java.util.Objects;

import io.tickcast.config.TickcastConfig;

/**
 * The service's loop over the test part ({@link ServiceReplay}): one model for all symbols, trained as the trainer
 * trains on every tick before the first test forecast and retrained every {@code retrainEvery} test dates (0:
 * never), with the challenger, per-symbol evidence, promotions and demotions of the stream. Its forecasts are the
 * backtest's {@code published} figures: what the service would have served.
 *
 * @param config the service's settings (evidence, gate, trainer); the backtest's LSTM settings replace its own
 */
public record ServiceLoop(int retrainEvery, TickcastConfig config) {

    /** Retraining every 250 test dates (a trading year), as {@code demo --retrain-every}, default settings. */
    public static final ServiceLoop DEFAULT = new ServiceLoop(250, TickcastConfig.defaults());

    public ServiceLoop {
        if (retrainEvery < 0) {
            throw new IllegalArgumentException("retrain-every must be >= 0, was " + retrainEvery);
        }
        Objects.requireNonNull(config, "config");
    }
}
