package io.tickcast.lstm;

import java.util.List;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

/**
 * Runs a loaded {@link LstmModel} on windows of raw closes. Not thread-safe: use one per thread. The thread
 * that calls it runs on {@link IntraOpThreads#configured()} intra-op threads (set on its first call).
 */
public final class LstmPredictor implements AutoCloseable {

    private final Predictor<float[][], float[]> predictor;
    private final int window;
    private final Scaling scaling;

    LstmPredictor(Predictor<float[][], float[]> predictor, int window, Scaling scaling) {
        this.predictor = predictor;
        this.window = window;
        this.scaling = scaling;
    }

    /** The next close after {@code closes} (oldest first, exactly the model's window length). */
    public double forecast(double[] closes) {
        return forecastAll(List.of(closes))[0];
    }

    /** Next closes for many windows in one call. */
    public double[] forecastAll(List<double[]> windows) {
        if (windows.isEmpty()) {
            return new double[0];
        }
        float[][] scaled = new float[windows.size()][];
        for (int i = 0; i < scaled.length; i++) {
            double[] w = windows.get(i);
            if (w.length != window) {
                throw new IllegalArgumentException("model expects windows of " + window + " closes, got " + w.length);
            }
            scaled[i] = scaling.scaleInputs(w);
        }
        IntraOpThreads.applyToCurrentThread();
        float[] out = LstmKernel.forward(() -> {
            try {
                return predictor.predict(scaled);
            } catch (TranslateException e) {
                throw new IllegalStateException("LSTM inference failed: " + e.getMessage(), e);
            }
        });
        double[] forecasts = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            forecasts[i] = scaling.unscale(windows.get(i), out[i]);
        }
        return forecasts;
    }

    @Override
    public void close() {
        predictor.close();
    }
}
