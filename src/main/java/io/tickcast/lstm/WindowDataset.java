package io.tickcast.lstm;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import io.tickcast.records.PriceSeries;

/**
 * Supervised examples cut from price series: every run of {@code window} consecutive closes is an input,
 * the close after it the target, both scaled by a {@link Scaling} (per window unless told otherwise).
 * Windows never cross series, so several symbols can be pooled into one dataset. Each example keeps the
 * date of its target, which {@link #splitTail(double)} cuts at.
 */
public final class WindowDataset {

    private final int window;
    private final Scaling scaling;
    private final List<float[]> inputs = new ArrayList<>();
    private final List<Float> targets = new ArrayList<>();
    /** Epoch day of each example's target. */
    private final List<Long> targetDays = new ArrayList<>();

    private WindowDataset(int window, Scaling scaling) {
        this.window = window;
        this.scaling = scaling;
    }

    /** Undated series, aligned at their ends (see {@link PriceSeries#undated}), scaled per window. */
    public static WindowDataset of(Collection<double[]> series, int window) {
        return of(series, window, Scaling.perWindow());
    }

    /** Undated series, aligned at their ends (see {@link PriceSeries#undated}). */
    public static WindowDataset of(Collection<double[]> series, int window, Scaling scaling) {
        return ofSeries(PriceSeries.undated(series), window, scaling);
    }

    public static WindowDataset ofSeries(Collection<PriceSeries> series, int window, Scaling scaling) {
        WindowDataset ds = new WindowDataset(window, scaling);
        for (PriceSeries s : series) {
            double[] closes = s.closes();
            for (int i = 0; i + window < closes.length; i++) {
                double[] w = Arrays.copyOfRange(closes, i, i + window);
                ds.add(scaling.scaleInputs(w), scaling.scaleTarget(w, closes[i + window]), s.dates()[i + window].toEpochDay());
            }
        }
        return ds;
    }

    private void add(float[] input, float target, long targetDay) {
        inputs.add(input);
        targets.add(target);
        targetDays.add(targetDay);
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
     * A time-ordered split at one cutoff date for all series: examples whose target is later than
     * {@link #tailCutoff(double)} go to the second dataset, the rest to the first, so no example in the first
     * has a later target than any in the second, across symbols too. The second holds about {@code fraction}
     * of the examples (all examples of one date stay together).
     */
    public WindowDataset[] splitTail(double fraction) {
        LocalDate cutoff = tailCutoff(fraction);
        WindowDataset head = new WindowDataset(window, scaling);
        WindowDataset tail = new WindowDataset(window, scaling);
        for (int i = 0; i < size(); i++) {
            WindowDataset to = cutoff != null && targetDays.get(i) > cutoff.toEpochDay() ? tail : head;
            to.add(inputs.get(i), targets.get(i), targetDays.get(i));
        }
        return new WindowDataset[] {head, tail};
    }

    /**
     * The last target date of the head when about {@code fraction} of the examples (by target date) form the
     * tail; null if there are fewer than two examples.
     */
    public LocalDate tailCutoff(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("tail fraction must be in (0, 1), was " + fraction);
        }
        return cutoff(targetDays(), fraction);
    }

    /**
     * The date that leaves about {@code fraction} of {@code targetDays} (epoch days) after it; null if fewer than
     * two. At least one day stays on each side when there are two distinct days.
     */
    public static LocalDate cutoff(long[] targetDays, double fraction) {
        if (targetDays.length < 2) {
            return null;
        }
        long[] sorted = targetDays.clone();
        Arrays.sort(sorted);
        int headCount = Math.max(1, Math.min(sorted.length - 1, (int) Math.round(sorted.length * (1 - fraction))));
        long cut = sorted[headCount - 1];
        if (cut == sorted[sorted.length - 1]) { // ties at the end: move the cut to the date before
            int i = headCount - 1;
            while (i > 0 && sorted[i] == cut) {
                i--;
            }
            cut = sorted[i] == cut ? cut : sorted[i];
        }
        return LocalDate.ofEpochDay(cut);
    }

    /** Epoch day of each example's target, in example order. */
    long[] targetDays() {
        return targetDays.stream().mapToLong(Long::longValue).toArray();
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
