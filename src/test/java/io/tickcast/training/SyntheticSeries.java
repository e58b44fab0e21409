package io.tickcast.training;

import java.util.Random;

/** Price series a small LSTM can learn far better than "tomorrow = today": a slow wave with a little noise. */
public final class SyntheticSeries {

    private SyntheticSeries() {
    }

    public static double[] wave(int days, double level, double phase, long seed) {
        Random rnd = new Random(seed);
        double[] out = new double[days];
        for (int i = 0; i < days; i++) {
            out[i] = level * (1 + 0.2 * Math.sin(i / 3.0 + phase) + 0.002 * rnd.nextGaussian());
        }
        return out;
    }
}
