package io.tickcast.lstm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Supervised examples cut from price series: every run of {@code window} consecutive closes is an input,
 * the close after it the target, both scaled by a {@link Scaling} (per window unless told otherwise).
 * Windows never cross series, so several symbols can be pooled into one dataset. Examples keep the time
 * order of their series, which {@link #splitTail(double)} relies on.
 */
public final class WindowDataset {

    private final int window;
    private final Scaling scaling;
    private final List<float[]> inputs = new ArrayList<>();
    private final List<Float> targets = new ArrayList<>();
    /** Per series: index of its first example and how many it has. */
    private final List<int[]> seriesRanges = new ArrayList<>();

    private WindowDataset(int window, Scaling scaling) {
        this.window = window;
        this.scaling = scaling;
    }

    /** Windows scaled per window (the default). */
    public static WindowDataset of(Collection<double[]> series, int window) {
        return of(series, window, Scaling.perWindow());
    }

    public static WindowDataset of(Collection<double[]> series, int window, Scaling scaling) {
        WindowDataset ds = new WindowDataset(window, scaling);
        for (double[] closes : series) {
            int first = ds.inputs.size();
            for (int i = 0; i + window < closes.length; i++) {
                double[] w = new double[window];
                System.arraycopy(closes, i, w, 0, window);
                ds.inputs.add(scaling.scaleInputs(w));
                ds.targets.add(scaling.scaleTarget(w, closes[i + window]));
            }
            ds.seriesRanges.add(new int[] {first, ds.inputs.size() - first});
        }
        return ds;
    }

    public int size() {
        return inputs.size();
    }

    public int window() {
        return window;
    }

    public Scaling scaling() {
        return scaling;
    }

    /**
     * A time-ordered split: the last {@code fraction} of every series' examples (at least one, if the series
     * has two or more) go to the second dataset, the rest to the first. Nothing in the first dataset is
     * later than anything in the second, series by series.
     */
    public WindowDataset[] splitTail(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("tail fraction must be in (0, 1), was " + fraction);
        }
        WindowDataset head = new WindowDataset(window, scaling);
        WindowDataset tail = new WindowDataset(window, scaling);
        for (int[] range : seriesRanges) {
            int count = range[1];
            int tailCount = count < 2 ? 0 : Math.max(1, (int) Math.round(count * fraction));
            head.append(this, range[0], count - tailCount);
            tail.append(this, range[0] + count - tailCount, tailCount);
        }
        return new WindowDataset[] {head, tail};
    }

    private void append(WindowDataset from, int first, int count) {
        seriesRanges.add(new int[] {inputs.size(), count});
        for (int i = first; i < first + count; i++) {
            inputs.add(from.inputs.get(i));
            targets.add(from.targets.get(i));
        }
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
