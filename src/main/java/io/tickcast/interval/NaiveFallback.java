package io.tickcast.interval;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tickcast.records.CsvTickReader;
import io.tickcast.records.Tick;

/**
 * The naive forecast's calibration while no model record has brought one (before the first model passes the
 * gate, or with no trainer at all): split-conformal quantiles of the naive forecast's EWMA-normalised errors
 * over every day of the bundled Dow Jones Industrial Average series, 1980-2012 ({@value #SOURCE}). It is a prior
 * for daily closes of a broad stock index, not fitted on the data the service is given; intervals of series that
 * behave differently (single stocks, currencies) are only as good as that prior until the trainer publishes a
 * calibration of their own. The demo's data (EuStockMarkets) is not part of it.
 */
public final class NaiveFallback {

    public static final String SOURCE = "/data/djia8012.csv";

    private static final Map<IntervalSettings, Calibration> CACHE = new ConcurrentHashMap<>();

    private NaiveFallback() {
    }

    /** The fallback calibration at {@code settings}' levels and half-life (computed once per settings). */
    public static Calibration calibration(IntervalSettings settings) {
        return CACHE.computeIfAbsent(settings, NaiveFallback::fit);
    }

    private static Calibration fit(IntervalSettings settings) {
        List<Tick> ticks = CsvTickReader.inDateOrder(CsvTickReader.readResource(SOURCE));
        double[] closes = ticks.stream().mapToDouble(Tick::close).toArray();
        double[] sigmas = Volatility.sigmas(closes, settings.halfLife());
        int n = closes.length - 1;
        double[] forecasts = new double[n];
        double[] actuals = new double[n];
        double[] scale = new double[n];
        for (int t = 0; t < n; t++) {
            forecasts[t] = closes[t];
            actuals[t] = closes[t + 1];
            scale[t] = sigmas[t];
        }
        return Calibrator.fit(forecasts, actuals, scale, settings, Calibration.SCALE_EWMA);
    }
}
