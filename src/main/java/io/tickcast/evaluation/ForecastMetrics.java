package io.tickcast.evaluation;

/**
 * Error measures of forecasts against actual values; arrays are aligned by index. {@code previous[i]} is the
 * last known value when forecast {@code i} was made (the naive forecast), which direction measures need.
 */
public final class ForecastMetrics {

    private ForecastMetrics() {
    }

    public static double rmse(double[] forecast, double[] actual) {
        check(forecast, actual);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = forecast[i] - actual[i];
            sum += e * e;
        }
        return Math.sqrt(sum / actual.length);
    }

    public static double mae(double[] forecast, double[] actual) {
        check(forecast, actual);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(forecast[i] - actual[i]);
        }
        return sum / actual.length;
    }

    /** Mean absolute percentage error, in percent: {@code 100 * mean(|forecast - actual| / |actual|)}. */
    public static double mape(double[] forecast, double[] actual) {
        check(forecast, actual);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] == 0) {
                throw new IllegalArgumentException("MAPE is undefined for an actual value of 0 (index " + i + ")");
            }
            sum += Math.abs((forecast[i] - actual[i]) / actual[i]);
        }
        return 100 * sum / actual.length;
    }

    /**
     * In-sample MAE of the naive one-step forecast (seasonal period m = 1) over {@code series}:
     * {@code mean(|series[t] - series[t-1]|)} for t = 1..n-1. The scale of {@link #mase}.
     */
    public static double naiveMae(double[] series) {
        if (series.length < 2) {
            throw new IllegalArgumentException("the naive MAE needs at least 2 values, got " + series.length);
        }
        double sum = 0;
        for (int t = 1; t < series.length; t++) {
            sum += Math.abs(series[t] - series[t - 1]);
        }
        return sum / (series.length - 1);
    }

    /**
     * Mean absolute scaled error (Hyndman and Koehler, m = 1): the forecasts' MAE divided by the in-sample
     * naive MAE of {@code trainingSeries}. Below 1 means smaller errors than the naive forecast made in sample.
     */
    public static double mase(double[] forecast, double[] actual, double[] trainingSeries) {
        return mae(forecast, actual) / naiveMae(trainingSeries);
    }

    /**
     * Share (0..1) of forecasts whose direction from {@code previous} matches the actual move's direction.
     * Directions are signs, so a flat forecast only hits a flat day.
     */
    public static double directionalAccuracy(double[] forecast, double[] actual, double[] previous) {
        check(forecast, actual);
        check(previous, actual);
        int hits = 0;
        for (int i = 0; i < actual.length; i++) {
            if (Math.signum(forecast[i] - previous[i]) == Math.signum(actual[i] - previous[i])) {
                hits++;
            }
        }
        return (double) hits / actual.length;
    }

    /**
     * Share (0..1) of days the actual value rose above {@code previous}: the directional accuracy of always
     * forecasting "up", the bar directional accuracy is read against.
     */
    public static double upShare(double[] actual, double[] previous) {
        check(previous, actual);
        int ups = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] > previous[i]) {
                ups++;
            }
        }
        return (double) ups / actual.length;
    }

    private static void check(double[] forecast, double[] actual) {
        if (forecast.length != actual.length) {
            throw new IllegalArgumentException("forecast and actual differ in length: " + forecast.length + " vs " + actual.length);
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("no values to score");
        }
    }
}
