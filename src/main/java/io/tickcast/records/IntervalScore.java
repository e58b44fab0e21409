package io.tickcast.records;

/**
 * The interval score of Winkler (1972), as in Gneiting and Raftery (2007): for a central interval at
 * {@code level} (miscoverage {@code alpha = 1 - level}) the width, plus {@code 2/alpha} times how far the
 * actual value lies outside. A proper scoring rule: lower is better, and it cannot be gamed by narrowing the
 * interval (misses cost) or widening it (width costs).
 */
public final class IntervalScore {

    private IntervalScore() {
    }

    public static double winkler(double lower, double upper, double actual, double level) {
        double alpha = 1 - level;
        double score = upper - lower;
        if (actual < lower) {
            score += 2 / alpha * (lower - actual);
        } else if (actual > upper) {
            score += 2 / alpha * (actual - upper);
        }
        return score;
    }
}
