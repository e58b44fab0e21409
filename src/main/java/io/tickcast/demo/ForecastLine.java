package io.tickcast.demo;

import java.util.Locale;
import java.util.stream.Collectors;

import io.tickcast.records.Forecast;

/** One forecast as a readable console line, its prediction intervals last. */
public final class ForecastLine {

    private ForecastLine() {
    }

    public static String header() {
        return String.format(Locale.ROOT, "%-8s %-10s %12s %12s %8s  %-6s %7s  %s", "symbol", "as of", "last close",
                "forecast", "change", "model", "version", "intervals");
    }

    public static String format(Forecast f) {
        String intervals = f.intervals().stream()
                .map(i -> String.format(Locale.ROOT, "%.0f%% %.2f..%.2f", 100 * i.level(), i.lower(), i.upper()))
                .collect(Collectors.joining("  "));
        return String.format(Locale.ROOT, "%-8s %-10s %12.2f %12.2f %+7.2f%%  %-6s %7d  %s", f.symbol(), f.asOf(),
                f.lastClose(), f.forecastClose(), (f.forecastClose() / f.lastClose() - 1) * 100, f.model(),
                f.modelVersion(), intervals).stripTrailing();
    }
}
