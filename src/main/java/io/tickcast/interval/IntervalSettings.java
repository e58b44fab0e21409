package io.tickcast.interval;

import java.util.List;

import io.tickcast.settings.ConfigKey;
import io.tickcast.settings.InvalidSettingException;

/**
 * Which prediction intervals to publish and how to scale them.
 *
 * @param levels   coverage levels, ascending, each in (0, 1)
 * @param halfLife  half-life in trading days of the EWMA volatility scale
 * @param adaptRate the step of each symbol's online width correction ({@link AdaptiveWidth}); 0: none
 */
public record IntervalSettings(List<Double> levels, double halfLife, double adaptRate) {

    /**
     * 0.05: chosen on the validation part of the bundled series only ({@code bench/AdaptRateSelection}): the
     * smallest rate whose mean coverage gap is within a quarter point of the best rate's.
     */
    public static final double DEFAULT_ADAPT_RATE = 0.05;

    /**
     * Defaults: 80% and 95%; 11.2 trading days, the half-life of RiskMetrics' daily decay factor 0.94, a
     * convention fixed before looking at any data ({@code interval.half-life}).
     */
    public static final IntervalSettings DEFAULT = new IntervalSettings(List.of(0.8, 0.95), 11.2);

    public IntervalSettings(List<Double> levels, double halfLife) {
        this(levels, halfLife, DEFAULT_ADAPT_RATE);
    }

    public IntervalSettings {
        InvalidSettingException.check(levels != null && !levels.isEmpty(), ConfigKey.INTERVAL_LEVELS,
                "must name at least one level", levels);
        levels = List.copyOf(levels);
        double previous = 0;
        for (double l : levels) {
            ConfigKey.INTERVAL_LEVELS.check(l);
            InvalidSettingException.check(l > previous, ConfigKey.INTERVAL_LEVELS, "must be ascending without repeats",
                    levels);
            previous = l;
        }
        ConfigKey.INTERVAL_HALF_LIFE.check(halfLife);
        ConfigKey.INTERVAL_ADAPT_RATE.check(adaptRate);
    }

    /** The online width correction these settings ask for. */
    public AdaptiveWidth adaptive() {
        return new AdaptiveWidth(adaptRate);
    }
}
