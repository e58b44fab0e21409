package io.tickcast.quality;

/** Error measures of forecasts against actual values; arrays are aligned by index. */
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

    private static void check(double[] forecast, double[] actual) {
        if (forecast.length != actual.length) {
            throw new IllegalArgumentException("forecast and actual differ in length: " + forecast.length + " vs " + actual.length);
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("no values to score");
        }
    }
}
