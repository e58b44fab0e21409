package io.tickcast.interval;

import java.util.List;

import io.tickcast.records.Interval;

/**
 * Online correction of an interval's width from its own misses (conformal quantile tracking, in log space): per
 * symbol and level, a log factor {@code theta} widens ({@code > 0}) or narrows the calibrated interval's half-width
 * by {@code exp(theta)}. After each scored forecast, {@code theta += rate * (miss - (1 - level))}: a miss widens
 * by {@code rate * level}, a hit narrows by {@code rate * (1 - level)}, so the long-run miss rate is driven to
 * {@code 1 - level} whatever the calibration windows got wrong (errors that grew since, as in a crisis). With
 * {@code rate} 0 the intervals are the calibrated ones. {@code theta} stays within {@code +/-} {@link #LIMIT}.
 *
 * @param rate the step ({@code interval.adapt-rate})
 */
public record AdaptiveWidth(double rate) {

    /** The largest correction either way: a factor of about 4.5 on the half-width. */
    public static final double LIMIT = 1.5;

    public static final AdaptiveWidth OFF = new AdaptiveWidth(0);

    public AdaptiveWidth {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("adapt rate must be in [0, 1], was " + rate);
        }
    }

    /**
     * The corrections after one scored forecast: each level's {@code theta} moved by whether that level's interval
     * covered {@code actual}. {@code intervals} are in level order, as many as {@code theta} has entries.
     */
    public double[] after(double[] theta, List<Interval> intervals, double actual) {
        double[] next = new double[theta.length];
        for (int l = 0; l < theta.length; l++) {
            Interval interval = intervals.get(l);
            next[l] = next(theta[l], interval.level(), interval.contains(actual));
        }
        return next;
    }

    /** {@code theta} after a forecast whose {@code level} interval did ({@code inside}) or did not cover. */
    public double next(double theta, double level, boolean inside) {
        double t = theta + rate * ((inside ? 0 : 1) - (1 - level));
        return Math.max(-LIMIT, Math.min(LIMIT, t));
    }
}
