package io.tickcast.lstm;

import io.tickcast.settings.ConfigKey;

/**
 * The LSTM's architecture and training hyperparameters. The network and the loss follow the seed article: 5-day
 * window, 2 layers, hidden size 8, Adam, MSE loss, 100 epochs. Its learning rate (0.01) and batches (64) gave way
 * to batches of 1,024 at 0.03: 3-4x faster (100 epochs on DAX in 0.7 s once the JVM is warm), chosen on the bundled
 * series' gate windows (training part only) over five seeds (docs/benchmarks.md, "Larger batches").
 */
public record LstmConfig(int window, int layers, int hidden, double learningRate, int epochs, int batchSize, long seed) {

    public static final LstmConfig DEFAULT = new LstmConfig(5, 2, 8, 0.03, 100, 1024, 42L);

    public LstmConfig {
        ConfigKey.LSTM_WINDOW_SIZE.check(window);
        ConfigKey.LSTM_LAYERS.check(layers);
        ConfigKey.LSTM_HIDDEN.check(hidden);
        ConfigKey.LSTM_LEARNING_RATE.check(learningRate);
        ConfigKey.LSTM_EPOCHS.check(epochs);
        ConfigKey.LSTM_BATCH_SIZE.check(batchSize);
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
