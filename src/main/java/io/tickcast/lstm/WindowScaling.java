package io.tickcast.lstm;

/**
 * Per-window scaling: every close in a window, and the target, become percent moves relative to the window's
 * last close, {@code 100 * (close / lastClose - 1)}; the forecast is {@code lastClose * (1 + output / 100)}.
 * The last input is always 0 and an output of 0 is the naive forecast (tomorrow = today), so weight decay
 * pulls an unsure model towards naive rather than towards an arbitrary level. Unlike the seed article's
 * global min-max scaling, this works at any price level, including levels never seen in training.
 */
public final class WindowScaling {

    /** Percent: inputs and targets are moves in percent of the last close. */
    private static final double PERCENT = 100.0;

    private WindowScaling() {
    }

    /** The window's closes as percent moves from its last close. */
    public static float[] scaleInputs(double[] closes) {
        double last = closes[closes.length - 1];
        float[] out = new float[closes.length];
        for (int i = 0; i < closes.length; i++) {
            out[i] = (float) (PERCENT * (closes[i] / last - 1));
        }
        return out;
    }

    /** The next close as a percent move from the window's last close. */
    public static float scaleTarget(double[] closes, double next) {
        return (float) (PERCENT * (next / closes[closes.length - 1] - 1));
    }

    /** The close a network output (a percent move) stands for. */
    public static double unscale(double[] closes, double output) {
        return closes[closes.length - 1] * (1 + output / PERCENT);
    }
}
