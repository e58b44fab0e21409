package io.tickcast.gate;

import io.tickcast.settings.ConfigKey;

/**
 * How much evidence a model needs: a one-sided Diebold-Mariano test at {@code level} over at least
 * {@code minWindows} validation forecasts that its mean squared error is lower than {@code 1 - margin} times
 * the benchmark's (superiority by a margin: an edge too small to matter, or a candidate that is naive in all but
 * name, is not promoted on luck). Live demotion uses the same test and level, without a margin: a model is
 * demoted on evidence that it is worse than naive at all.
 */
public record GateSettings(double level, int minWindows, double margin) {

    public static final GateSettings DEFAULT = new GateSettings(0.05, 100, 0.01);

    public GateSettings {
        ConfigKey.GATE_LEVEL.check(level);
        ConfigKey.GATE_MIN_WINDOWS.check(minWindows);
        ConfigKey.GATE_MARGIN.check(margin);
    }
}
