package io.tickcast.interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.tickcast.records.Interval;

/**
 * How wide a forecaster's prediction intervals are (part of the model record contract): for each coverage level,
 * the split-conformal quantile of the normalised errors {@code |ln(actual / forecast)| / scale} on calibration
 * windows the forecaster did not train on. The interval at a level is then
 * {@code forecast * exp(-/+ quantile * scale)}: multiplicative, so it never reaches zero, and symmetric in
 * log price.
 *
 * @param scale     {@link #SCALE_EWMA}: the scale is the symbol's EWMA volatility of daily log returns known at
 *                  forecast time ({@link Volatility}), so intervals widen in turbulent weeks and narrow in calm
 *                  ones; {@link #SCALE_NONE}: the scale is 1 (unconditional intervals, the baseline)
 * @param halfLife  the EWMA half-life in trading days the quantiles were fitted with (ignored for {@code none})
 * @param samples   calibration windows the quantiles come from
 * @param quantiles one per coverage level, ascending by level
 */
public record Calibration(String scale, double halfLife, int samples, List<Quantile> quantiles) {

    public static final String SCALE_EWMA = "ewma";
    public static final String SCALE_NONE = "none";

    /** The normalised-error quantile that gives {@code level} coverage. */
    public record Quantile(double level, double quantile) {
    }

    public Calibration {
        scale = scale == null ? SCALE_EWMA : scale;
        quantiles = quantiles == null ? List.of() : List.copyOf(quantiles);
    }

    @JsonIgnore
    public boolean scaled() {
        return !SCALE_NONE.equals(scale);
    }

    /** The scale this calibration uses for a symbol whose volatility is {@code sigma}. */
    public double scaleOf(double sigma) {
        return scaled() ? sigma : 1;
    }

    /** The normalised error of one forecast, as this calibration measures it. */
    public double score(double forecast, double actual, double sigma) {
        return Math.abs(Math.log(actual / forecast)) / scaleOf(sigma);
    }

    /** The intervals around {@code forecast} for a symbol whose current volatility is {@code sigma}. */
    public List<Interval> intervals(double forecast, double sigma) {
        return intervals(forecast, sigma, null);
    }

    /**
     * As {@link #intervals(double, double)}, each level's half-width (in log price) times {@code exp(theta[l])}:
     * the symbol's {@link AdaptiveWidth} corrections, one per level in level order (null or too short: none).
     */
    public List<Interval> intervals(double forecast, double sigma, double[] theta) {
        double s = scaleOf(sigma);
        List<Interval> out = new ArrayList<>(quantiles.size());
        for (int l = 0; l < quantiles.size(); l++) {
            Quantile q = quantiles.get(l);
            double widen = theta != null && l < theta.length ? Math.exp(theta[l]) : 1;
            double half = q.quantile() * s * widen;
            out.add(new Interval(q.level(), forecast * Math.exp(-half), forecast * Math.exp(half)));
        }
        return out;
    }

    @JsonIgnore
    public List<Double> levels() {
        return quantiles.stream().map(Quantile::level).toList();
    }

    /** One line for logs: scale and the normalised-error quantile of each level. */
    public String summary() {
        StringBuilder s = new StringBuilder(scaled()
                ? String.format(Locale.ROOT, "EWMA scale (half-life %.3g days)", halfLife) : "unconditional");
        for (Quantile q : quantiles) {
            s.append(String.format(Locale.ROOT, ", %s%%: %.4g", java.math.BigDecimal.valueOf(100 * q.level())
                    .stripTrailingZeros().toPlainString(), q.quantile()));
        }
        return s.append(String.format(Locale.ROOT, " from %d windows", samples)).toString();
    }
}
