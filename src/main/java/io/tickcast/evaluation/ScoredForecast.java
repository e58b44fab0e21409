package io.tickcast.evaluation;

import java.util.List;

import io.tickcast.records.Forecast;
import io.tickcast.records.Interval;

/**
 * A forecast next to what happened: its error, the naive forecast's error (its last close), whether it
 * called the direction of the move, and whether the actual close fell inside each of its prediction intervals.
 * A flat forecast calls no direction, so it never hits.
 */
public record ScoredForecast(Forecast forecast, double actual, double absError, double squaredError,
                             double naiveAbsError, double naiveSquaredError, boolean directionHit,
                             List<IntervalCheck> intervals) {

    /** One interval of the forecast checked against the actual close: inside or not, and its Winkler score. */
    public record IntervalCheck(double level, boolean inside, double width, double winkler) {
    }

    public static ScoredForecast of(Forecast f, double actual) {
        double e = f.forecastClose() - actual;
        double n = f.lastClose() - actual;
        double predicted = Math.signum(f.forecastClose() - f.lastClose());
        boolean hit = predicted != 0 && predicted == Math.signum(actual - f.lastClose());
        List<IntervalCheck> checks = f.intervals().stream()
                .map(i -> new IntervalCheck(i.level(), i.contains(actual), i.width(), i.winkler(actual)))
                .toList();
        return new ScoredForecast(f, actual, Math.abs(e), e * e, Math.abs(n), n * n, hit, checks);
    }

    /** Interval checks are a function of the forecast's intervals: {@link Interval#contains}. */
    public boolean inside(double level) {
        return intervals.stream().anyMatch(c -> c.level() == level && c.inside());
    }
}
