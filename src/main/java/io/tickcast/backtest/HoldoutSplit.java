package io.tickcast.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The seed article's split of one series: cut it into windows of {@code window} closes each followed by
 * a target close, the first {@code trainFraction} of the windows train and the rest test. Window {@code i}
 * is {@code series[i .. i+window-1]}, its target {@code series[i+window]}.
 *
 * @param trainSeries the closes that contain exactly the training windows and their targets
 * @param firstTestWindow index (into the series) of the first test window's first close; also the number of
 *                        training windows
 */
public record HoldoutSplit(double[] series, int window, double[] trainSeries, int firstTestWindow) {

    public static HoldoutSplit of(double[] series, int window, double trainFraction) {
        int windows = series.length - window;
        if (windows < 2) {
            throw new IllegalArgumentException("series of " + series.length + " closes is too short for window " + window);
        }
        int trainWindows = (int) (windows * trainFraction);
        if (trainWindows < 1 || trainWindows >= windows) {
            throw new IllegalArgumentException("train fraction " + trainFraction + " leaves no train or no test windows");
        }
        return new HoldoutSplit(series, window, Arrays.copyOf(series, trainWindows + window), trainWindows);
    }

    /** All windows, train then test. */
    public int windowCount() {
        return series.length - window;
    }

    public int trainCount() {
        return firstTestWindow;
    }

    public int testCount() {
        return series.length - window - firstTestWindow;
    }

    /** Every window, oldest first: the first {@link #trainCount()} train, the rest test. */
    public List<double[]> allWindows() {
        return windows(0);
    }

    /** The test windows, oldest first. */
    public List<double[]> testWindows() {
        return windows(firstTestWindow);
    }

    private List<double[]> windows(int first) {
        List<double[]> out = new ArrayList<>();
        for (int i = first; i + window < series.length; i++) {
            out.add(Arrays.copyOfRange(series, i, i + window));
        }
        return out;
    }

    /** The close that follows each test window. */
    public double[] testActuals() {
        return Arrays.copyOfRange(series, firstTestWindow + window, series.length);
    }

    /** The naive forecast of each test window: its last close. */
    public double[] testNaive() {
        return Arrays.copyOfRange(series, firstTestWindow + window - 1, series.length - 1);
    }
}
