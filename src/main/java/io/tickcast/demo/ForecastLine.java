package io.tickcast.demo;

import java.util.Locale;

import io.tickcast.records.Forecast;

/** One forecast as a readable console line. */
public final class ForecastLine {

    private ForecastLine() {
    }

    public static String header() {
        return String.format(Locale.ROOT, "%-8s %-10s %12s %12s %8s  %-6s %7s", "symbol", "as of", "last close",
                "forecast", "change", "model", "version");
    }

    public static String format(Forecast f) {
        return String.format(Locale.ROOT, "%-8s %-10s %12.2f %12.2f %+7.2f%%  %-6s %7d", f.symbol(), f.asOf(),
                f.lastClose(), f.forecastClose(), (f.forecastClose() / f.lastClose() - 1) * 100, f.model(), f.modelVersion());
    }
}
