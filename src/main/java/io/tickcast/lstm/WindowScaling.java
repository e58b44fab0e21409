package io.tickcast.lstm;

/**
 * Per-window scaling: every close in a window is divided by the window's last close, and so is the
 * target. The network therefore learns a ratio near 1 and the forecast is {@code lastClose * output}.
 * Unlike the seed article's global min-max scaling, this works at any price level, including levels
 * never seen in training.
 */
public final class WindowScaling {

    private WindowScaling() {
    }

    /** The window's closes divided by its last close. */
    public static float[] scaleInputs(double[] closes) {
        double last = closes[closes.length - 1];
        float[] out = new float[closes.length];
        for (int i = 0; i < closes.length; i++) {
            out[i] = (float) (closes[i] / last);
        }
        return out;
    }

    public static float scaleTarget(double[] closes, double next) {
        return (float) (next / closes[closes.length - 1]);
    }

    public static double unscale(double[] closes, double output) {
        return closes[closes.length - 1] * output;
    }
}
