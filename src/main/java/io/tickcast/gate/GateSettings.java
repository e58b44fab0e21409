package io.tickcast.gate;

/**
 * How much evidence a model needs: a one-sided Diebold-Mariano test at {@code level} over at least
 * {@code minWindows} validation forecasts. The promotion gate and live demotion use the same settings.
 */
public record GateSettings(double level, int minWindows) {

    public static final GateSettings DEFAULT = new GateSettings(0.05, 100);

    public GateSettings {
        if (!(level > 0 && level < 0.5)) {
            throw new IllegalArgumentException("gate.level must be in (0, 0.5), was " + level);
        }
        if (minWindows < 2) {
            throw new IllegalArgumentException("gate.min-windows must be >= 2, was " + minWindows);
        }
    }
}
