package io.tickcast.evidence;

import java.util.SplittableRandom;

/**
 * A simulated symbol for the evidence tests: AR(1) daily log returns {@code r_t = phi r_(t-1) + sigma e_t}
 * (phi = 0: a random walk) with Gaussian or Student-t (4 df, unit variance) innovations, and a challenger that
 * forecasts from the past only. Each day yields the score {@link ScoreDifference#score} with the volatility a
 * stream knows before the close: an exponentially weighted mean of past squared returns.
 */
final class Market {

    /** The innovations' law. */
    enum Noise { GAUSSIAN, STUDENT_T4 }

    /** A challenger: {@code ln(forecast / lastClose)} from yesterday's return and the volatility known today. */
    @FunctionalInterface
    interface Challenger {
        double logForecast(double previousReturn, double sigma, SplittableRandom rnd);

        /** The naive forecast, slightly perturbed: {@code sigma * scale * N(0, 1)}. */
        static Challenger noisyNaive(double scale) {
            return (previousReturn, sigma, rnd) -> scale * sigma * rnd.nextGaussian();
        }

        /** A fixed AR(1) guess {@code b r_(t-1)}: the oracle when {@code b = phi}, a pattern learnt by luck else. */
        static Challenger ar(double b) {
            return (previousReturn, sigma, rnd) -> b * previousReturn;
        }
    }

    static final double SIGMA = 0.01;

    private static final double EWMA_WEIGHT = 0.05;

    private final SplittableRandom rnd;
    private final Noise noise;
    private double phi;
    private Challenger challenger;
    private double close = 100;
    private double previousReturn;
    private double variance;

    Market(long seed, double phi, Noise noise, Challenger challenger) {
        this.rnd = new SplittableRandom(seed);
        this.phi = phi;
        this.noise = noise;
        this.challenger = challenger;
        this.variance = SIGMA * SIGMA / (1 - phi * phi);
    }

    SplittableRandom random() {
        return rnd;
    }

    /** A change of regime: from now on the returns follow {@code phi} and the challenger is {@code next}. */
    void change(double nextPhi, Challenger next) {
        this.phi = nextPhi;
        this.challenger = next;
    }

    /** The next day's score, with the loss bound {@code bound}. */
    double nextScore(double bound) {
        double sigma = Math.sqrt(variance);
        double forecast = close * Math.exp(challenger.logForecast(previousReturn, sigma, rnd));
        double r = phi * previousReturn + SIGMA * innovation();
        double actual = close * Math.exp(r);
        double x = ScoreDifference.score(close, forecast, actual, sigma, bound);
        variance += EWMA_WEIGHT * (r * r - variance);
        close = actual;
        previousReturn = r;
        return x;
    }

    private double innovation() {
        double z = rnd.nextGaussian();
        if (noise == Noise.GAUSSIAN) {
            return z;
        }
        // chi-square with 4 df is -2 ln(U1 U2); t4 = z / sqrt(chi2 / 4) has variance 2
        double chi2 = -2 * Math.log((1 - rnd.nextDouble()) * (1 - rnd.nextDouble()));
        return z / Math.sqrt(chi2 / 4) / Math.sqrt(2);
    }
}
