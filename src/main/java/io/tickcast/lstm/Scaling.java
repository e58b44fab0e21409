package io.tickcast.lstm;

import java.util.Collection;

/**
 * How closes are turned into network inputs and targets, and network outputs back into closes. A model
 * records its scaling (and its parameters) in its bytes, so a loaded model scales exactly as it was trained.
 *
 * <ul>
 *   <li>{@link PerWindow} (the default): every window is scaled by its own last close (see {@link WindowScaling}).
 *       Works at any price level, including levels never seen in training.</li>
 *   <li>{@link GlobalMinMax}: the seed article's normalisation, {@code (close - min) / (max - min)} with
 *       {@code min} and {@code max} taken from the training closes. Kept to show its failure mode: the
 *       network's bounded activations cannot produce outputs far above 1, so forecasts stall near the
 *       training maximum when prices rise past it.</li>
 * </ul>
 */
public sealed interface Scaling permits Scaling.PerWindow, Scaling.GlobalMinMax {

    /** A window's closes (oldest first) as network inputs. */
    float[] scaleInputs(double[] closes);

    /** The close that follows {@code closes} as a training target. */
    float scaleTarget(double[] closes, double next);

    /** A network output for the window {@code closes} back as a close. */
    double unscale(double[] closes, double output);

    /** The method this scaling is an instance of. */
    Method method();

    static Scaling perWindow() {
        return PerWindow.INSTANCE;
    }

    /** The article's min-max scaling with the smallest and largest close of {@code trainingSeries}. */
    static Scaling globalMinMax(Collection<double[]> trainingSeries) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] s : trainingSeries) {
            for (double c : s) {
                min = Math.min(min, c);
                max = Math.max(max, c);
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("no closes to take a min and max from");
        }
        return new GlobalMinMax(min, max);
    }

    /** The scaling methods a user can choose; {@link #fit} derives a scaling from the training closes. */
    enum Method {
        PER_WINDOW("per-window", 1),
        GLOBAL_MINMAX("global-minmax", 2);

        private final String label;
        private final int tag;

        Method(String label, int tag) {
            this.label = label;
            this.tag = tag;
        }

        /** The name used on the command line and in reports, e.g. {@code per-window}. */
        public String label() {
            return label;
        }

        public Scaling fit(Collection<double[]> trainingSeries) {
            return this == PER_WINDOW ? perWindow() : globalMinMax(trainingSeries);
        }

        /** The byte that names this method in the model format. */
        int tag() {
            return tag;
        }

        static Method fromTag(int tag) {
            for (Method m : values()) {
                if (m.tag == tag) {
                    return m;
                }
            }
            throw new InvalidModelException("unknown scaling method tag " + tag);
        }

        public static Method fromLabel(String label) {
            for (Method m : values()) {
                if (m.label.equals(label) || m.name().equalsIgnoreCase(label)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown scaling '" + label + "' (expected per-window or global-minmax)");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Each window divided by its last close; see {@link WindowScaling}. */
    final class PerWindow implements Scaling {

        static final PerWindow INSTANCE = new PerWindow();

        private PerWindow() {
        }

        @Override
        public float[] scaleInputs(double[] closes) {
            return WindowScaling.scaleInputs(closes);
        }

        @Override
        public float scaleTarget(double[] closes, double next) {
            return WindowScaling.scaleTarget(closes, next);
        }

        @Override
        public double unscale(double[] closes, double output) {
            return WindowScaling.unscale(closes, output);
        }

        @Override
        public Method method() {
            return Method.PER_WINDOW;
        }

        @Override
        public String toString() {
            return Method.PER_WINDOW.label();
        }
    }

    /** {@code (close - min) / (max - min)} for inputs and target alike. */
    record GlobalMinMax(double min, double max) implements Scaling {

        public GlobalMinMax {
            if (!(Double.isFinite(min) && Double.isFinite(max) && max > min)) {
                throw new IllegalArgumentException("min-max scaling needs finite min < max, was " + min + ", " + max);
            }
        }

        @Override
        public float[] scaleInputs(double[] closes) {
            float[] out = new float[closes.length];
            for (int i = 0; i < closes.length; i++) {
                out[i] = (float) scale(closes[i]);
            }
            return out;
        }

        @Override
        public float scaleTarget(double[] closes, double next) {
            return (float) scale(next);
        }

        @Override
        public double unscale(double[] closes, double output) {
            return min + output * (max - min);
        }

        private double scale(double close) {
            return (close - min) / (max - min);
        }

        @Override
        public Method method() {
            return Method.GLOBAL_MINMAX;
        }

        @Override
        public String toString() {
            return Method.GLOBAL_MINMAX.label() + "[" + min + ", " + max + "]";
        }
    }
}
