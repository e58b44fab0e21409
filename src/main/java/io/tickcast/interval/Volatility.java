package io.tickcast.interval;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An exponentially weighted mean of squared daily log returns, the volatility scale of prediction intervals.
 * Each return moves the mean towards its square by the weight {@code max(1 - lambda, 1 / n)} for the n-th
 * return, with {@code lambda = 2^(-1/halfLife)}: the first returns get an ordinary running mean (no arbitrary
 * starting value), later ones the exponential weighting, so a return {@code halfLife} days old weighs half as
 * much as today's. Immutable; part of the stored window (see {@code PriceWindow}).
 *
 * @param variance the weighted mean of squared log returns (0 before the first return)
 * @param returns  returns folded in so far
 */
public record Volatility(double variance, long returns) {

    /** Below this daily volatility the scale is floored, so a flat series does not get zero-width intervals. */
    public static final double MIN_SIGMA = 1e-4;

    public static final Volatility NONE = new Volatility(0, 0);

    /** The state after one more close-to-close move from {@code previousClose} to {@code close}. */
    public Volatility next(double previousClose, double close, double halfLife) {
        double r = Math.log(close / previousClose);
        if (!Double.isFinite(r)) {
            return this;
        }
        long n = returns + 1;
        double weight = Math.max(1 - lambda(halfLife), 1.0 / n);
        return new Volatility(variance + weight * (r * r - variance), n);
    }

    /** The daily volatility (standard deviation of log returns), floored at {@link #MIN_SIGMA}. */
    @JsonIgnore
    public double sigma() {
        return Math.max(MIN_SIGMA, Math.sqrt(variance));
    }

    public static double lambda(double halfLife) {
        return Math.pow(2, -1 / halfLife);
    }

    /**
     * The volatility known at each close of a series: {@code out[t]} uses the returns up to close {@code t}, the
     * same number a stream that saw the series from its start has in its store when close {@code t} arrives.
     */
    public static double[] sigmas(double[] closes, double halfLife) {
        double[] out = new double[closes.length];
        Volatility v = NONE;
        for (int t = 0; t < closes.length; t++) {
            if (t > 0) {
                v = v.next(closes[t - 1], closes[t], halfLife);
            }
            out[t] = v.sigma();
        }
        return out;
    }
}
