package io.tickcast.interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Split conformal calibration: on {@code n} calibration windows the forecaster did not train on, the quantile for
 * coverage level {@code p} is the {@code ceil((n + 1) p)}-th smallest normalised error (the finite-sample
 * correction). If calibration and future errors are exchangeable, a new forecast's interval then covers with
 * probability at least {@code p} (and less than {@code p + 1/(n+1)}). When {@code (n + 1) p > n} the largest
 * error is used, which may cover a little less than {@code p}; the gate asks for enough windows that this does
 * not happen at the default levels.
 */
public final class Calibrator {

    private Calibrator() {
    }

    /**
     * @param forecasts the forecaster's forecasts on the calibration windows
     * @param actuals   what happened
     * @param sigmas    each window's volatility at forecast time ({@link Volatility#sigmas}); ignored for
     *                  {@link Calibration#SCALE_NONE}
     */
    public static Calibration fit(double[] forecasts, double[] actuals, double[] sigmas, IntervalSettings settings,
                                  String scale) {
        if (forecasts.length != actuals.length || forecasts.length != sigmas.length) {
            throw new IllegalArgumentException("one forecast, actual and volatility per calibration window needed");
        }
        Calibration shape = new Calibration(scale, settings.halfLife(), forecasts.length, List.of());
        double[] scores = new double[forecasts.length];
        int n = 0;
        for (int i = 0; i < forecasts.length; i++) {
            double s = shape.score(forecasts[i], actuals[i], sigmas[i]);
            if (Double.isFinite(s)) {
                scores[n++] = s;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no calibration windows");
        }
        double[] sorted = Arrays.copyOf(scores, n);
        Arrays.sort(sorted);
        List<Calibration.Quantile> quantiles = new ArrayList<>();
        for (double level : settings.levels()) {
            quantiles.add(new Calibration.Quantile(level, conformalQuantile(sorted, level)));
        }
        return new Calibration(scale, settings.halfLife(), n, quantiles);
    }

    /** The {@code ceil((n + 1) level)}-th smallest of {@code sorted} (ascending), capped at the largest. */
    public static double conformalQuantile(double[] sorted, double level) {
        int n = sorted.length;
        int k = (int) Math.ceil((n + 1) * level - 1e-9); // 1-based rank; the epsilon keeps exact products exact
        return sorted[Math.max(0, Math.min(n, k) - 1)];
    }
}
