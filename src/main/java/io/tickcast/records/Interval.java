package io.tickcast.records;

/**
 * A prediction interval of a forecast (part of the forecast record contract): the actual close is expected to
 * fall in {@code [lower, upper]} with probability {@code level}.
 */
public record Interval(double level, double lower, double upper) {

    public boolean contains(double actual) {
        return actual >= lower && actual <= upper;
    }

    public double width() {
        return upper - lower;
    }

    /** The interval (Winkler) score of this interval for {@code actual}: lower is better. */
    public double winkler(double actual) {
        return IntervalScore.winkler(lower, upper, actual, level);
    }
}
