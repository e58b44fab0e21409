package io.tickcast.lstm;

import io.tickcast.settings.ConfigKey;
import io.tickcast.settings.InvalidSettingException;

/**
 * The LSTM's architecture and training hyperparameters. The network and the loss follow the seed article: 5-day
 * window, 2 layers, hidden size 8, Adam, MSE loss, 100 epochs. Its learning rate (0.01) and batches (64) gave way
 * to batches of 1,024 at 0.03: 3-4x faster (100 epochs on DAX in 0.7 s once the JVM is warm), chosen on the bundled
 * series' gate windows (training part only) over five seeds (docs/benchmarks.md, "Larger batches").
 */
public record LstmConfig(int window, int layers, int hidden, double learningRate, int epochs, int batchSize, long seed) {

    public static final LstmConfig DEFAULT = new LstmConfig(5, 2, 8, 0.03, 100, 1024, 42L);

    public LstmConfig {
        InvalidSettingException.check(window >= 2, ConfigKey.WINDOW_SIZE, "must be >= 2", window);
        InvalidSettingException.check(layers >= 1, ConfigKey.LSTM_LAYERS, "must be >= 1", layers);
        InvalidSettingException.check(hidden >= 1, ConfigKey.LSTM_HIDDEN, "must be >= 1", hidden);
        InvalidSettingException.check(learningRate > 0 && Double.isFinite(learningRate), ConfigKey.TRAIN_LEARNING_RATE,
                "must be a finite number > 0", learningRate);
        InvalidSettingException.check(epochs >= 1, ConfigKey.TRAIN_EPOCHS, "must be >= 1", epochs);
        InvalidSettingException.check(batchSize >= 1, ConfigKey.TRAIN_BATCH_SIZE, "must be >= 1", batchSize);
    }

    public LstmConfig withEpochs(int newEpochs) {
        return new LstmConfig(window, layers, hidden, learningRate, newEpochs, batchSize, seed);
    }

    /** The same network trained in mini-batches of {@code newBatchSize} at {@code newLearningRate}. */
    public LstmConfig withBatches(int newBatchSize, double newLearningRate) {
        return new LstmConfig(window, layers, hidden, newLearningRate, epochs, newBatchSize, seed);
    }

    public LstmConfig withSeed(long newSeed) {
        return new LstmConfig(window, layers, hidden, learningRate, epochs, batchSize, newSeed);
    }
}
