package io.tickcast.evidence;

/**
 * One day's bounded, volatility-scaled loss difference between the naive forecast ("tomorrow = today") and a
 * challenger, the observation the e-processes of this package bet on.
 *
 * <p>With {@code r = ln(actual / lastClose)} and the symbol's daily volatility {@code sigma} (known before the
 * outcome), the standardized errors are {@code eN = r / sigma} for naive and
 * {@code eL = ln(actual / challengerForecast) / sigma} for the challenger; the loss difference
 * {@code delta = eN^2 - eL^2} is positive when the challenger was closer. The score is
 * {@code x = clip(delta, -D, D) / D}, in [-1, 1]. The hypotheses of {@link BettingEProcess} are about the
 * conditional mean of this bounded difference, not of the raw squared errors: bounding is what makes testing by
 * betting possible (Choe and Ramdas, "Comparing Sequential Forecasters", Operations Research 2023,
 * arXiv:2110.00115, compare forecasters the same way, through bounded score differences).
 *
 * <p>Why the clipped mean still means "naive is not beaten": write {@code c = ln(challengerForecast / lastClose)
 * / sigma}, known before the outcome. Then {@code delta = 2 c eN - c^2}. If the log return is, given the past,
 * symmetric about 0 (a martingale-like price with symmetric returns: nothing to predict), {@code delta} is
 * symmetric about {@code -c^2 <= 0}. Clipping {@code g} is monotone and odd, and for {@code a <= 0} and symmetric
 * {@code W}, {@code E g(a + W) = E [g(a + W) - g(W - a)] / 2 <= 0}. So no challenger has a positive mean score
 * on such a price, whatever its forecasts: a rejection of "mean score <= 0" is evidence of a real edge.
 */
public final class ScoreDifference {

    private ScoreDifference() {
    }

    /**
     * The score {@code x} in [-1, 1]: the loss difference clipped to {@code [-bound, bound]}, divided by
     * {@code bound}. Positive when the challenger was better.
     *
     * @throws IllegalArgumentException if any argument is not finite or not positive
     */
    public static double score(double lastClose, double challengerForecast, double actual, double sigma,
                               double bound) {
        positive("bound", bound);
        double delta = lossDifference(lastClose, challengerForecast, actual, sigma);
        return Math.max(-bound, Math.min(bound, delta)) / bound;
    }

    /**
     * The unclipped loss difference {@code eN^2 - eL^2} of standardized log errors (positive: challenger better).
     *
     * @throws IllegalArgumentException if any argument is not finite or not positive
     */
    public static double lossDifference(double lastClose, double challengerForecast, double actual, double sigma) {
        positive("lastClose", lastClose);
        positive("challengerForecast", challengerForecast);
        positive("actual", actual);
        positive("sigma", sigma);
        double naive = Math.log(actual / lastClose) / sigma;
        double challenger = Math.log(actual / challengerForecast) / sigma;
        double delta = naive * naive - challenger * challenger;
        if (!Double.isFinite(delta)) {
            throw new IllegalArgumentException("loss difference is not finite (sigma " + sigma + " too small?)");
        }
        return delta;
    }

    private static void positive(String name, double value) {
        if (!(Double.isFinite(value) && value > 0)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
    }
}
