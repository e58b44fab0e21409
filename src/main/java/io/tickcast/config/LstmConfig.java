package io.tickcast.config;

/**
 * The LSTM's architecture and training hyperparameters. Defaults follow the seed article: 5-day window,
 * 2 layers, hidden size 8, Adam with learning rate 0.01, MSE loss, 100 epochs.
 */
public record LstmConfig(int window, int layers, int hidden, double learningRate, int epochs, int batchSize, long seed) {

    public static final LstmConfig DEFAULT = new LstmConfig(5, 2, 8, 0.01, 100, 64, 42L);

    public LstmConfig {
        require(window >= 2, "window must be >= 2, was " + window);
        require(layers >= 1, "layers must be >= 1, was " + layers);
        require(hidden >= 1, "hidden must be >= 1, was " + hidden);
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0, was " + learningRate);
        require(epochs >= 1, "epochs must be >= 1, was " + epochs);
        require(batchSize >= 1, "batch size must be >= 1, was " + batchSize);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public LstmConfig withEpochs(int newEpochs) {
        return new LstmConfig(window, layers, hidden, learningRate, newEpochs, batchSize, seed);
    }

    public LstmConfig withSeed(long newSeed) {
        return new LstmConfig(window, layers, hidden, learningRate, epochs, batchSize, newSeed);
    }
}
