package io.tickcast.quality;

import io.tickcast.records.Forecast;

/**
 * A forecast next to what happened: its error, the naive forecast's error (its last close), and whether it
 * called the direction of the move. A flat forecast calls no direction, so it never hits.
 */
public record ScoredForecast(Forecast forecast, double actual, double absError, double squaredError,
                             double naiveAbsError, double naiveSquaredError, boolean directionHit) {

    public static ScoredForecast of(Forecast f, double actual) {
        double e = f.forecastClose() - actual;
        double n = f.lastClose() - actual;
        double predicted = Math.signum(f.forecastClose() - f.lastClose());
        boolean hit = predicted != 0 && predicted == Math.signum(actual - f.lastClose());
        return new ScoredForecast(f, actual, Math.abs(e), e * e, Math.abs(n), n * n, hit);
    }
}
