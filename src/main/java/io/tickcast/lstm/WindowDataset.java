package io.tickcast.lstm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Supervised examples cut from price series: every run of {@code window} consecutive closes is an input,
 * the close after it the target, both scaled by {@link WindowScaling}. Windows never cross series, so
 * several symbols can be pooled into one dataset.
 */
public final class WindowDataset {

    private final int window;
    private final List<float[]> inputs = new ArrayList<>();
    private final List<Float> targets = new ArrayList<>();

    private WindowDataset(int window) {
        this.window = window;
    }

    public static WindowDataset of(Collection<double[]> series, int window) {
        WindowDataset ds = new WindowDataset(window);
        for (double[] closes : series) {
            for (int i = 0; i + window < closes.length; i++) {
                double[] w = new double[window];
                System.arraycopy(closes, i, w, 0, window);
                ds.inputs.add(WindowScaling.scaleInputs(w));
                ds.targets.add(WindowScaling.scaleTarget(w, closes[i + window]));
            }
        }
        return ds;
    }

    public int size() {
        return inputs.size();
    }

    public int window() {
        return window;
    }

    /** Inputs of the given examples, flattened row-major into (n, window). */
    float[] inputs(int[] order, int from, int to) {
        float[] flat = new float[(to - from) * window];
        for (int i = from; i < to; i++) {
            System.arraycopy(inputs.get(order[i]), 0, flat, (i - from) * window, window);
        }
        return flat;
    }

    float[] targets(int[] order, int from, int to) {
        float[] out = new float[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = targets.get(order[i]);
        }
        return out;
    }
}
