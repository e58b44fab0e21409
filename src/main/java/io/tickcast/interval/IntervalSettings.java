package io.tickcast.interval;

import java.util.List;

/**
 * Which prediction intervals to publish and how to scale them.
 *
 * @param levels   coverage levels, ascending, each in (0, 1)
 * @param halfLife half-life in trading days of the EWMA volatility scale
 */
public record IntervalSettings(List<Double> levels, double halfLife) {

    /**
     * Defaults: 80% and 95%; 11.2 trading days, the half-life of RiskMetrics' daily decay factor 0.94, a
     * convention fixed before looking at any data ({@code interval.half-life}).
     */
    public static final IntervalSettings DEFAULT = new IntervalSettings(List.of(0.8, 0.95), 11.2);

    public IntervalSettings {
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("interval.levels must name at least one level");
        }
        levels = List.copyOf(levels);
        double previous = 0;
        for (double l : levels) {
            if (!(l > 0 && l < 1)) {
                throw new IllegalArgumentException("interval.levels must each be between 0 and 1 (exclusive), was " + l);
            }
            if (l <= previous) {
                throw new IllegalArgumentException("interval.levels must be ascending without repeats, was " + levels);
            }
            previous = l;
        }
        if (!(halfLife >= 1 && halfLife <= 1000)) {
            throw new IllegalArgumentException("interval.half-life must be between 1 and 1000 trading days, was "
                    + halfLife);
        }
    }
}
