package io.tickcast.evidence;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the per-symbol promotion tests account for there being many symbols ({@code evidence.multiplicity}).
 *
 * <p>Each symbol's promotion test on its own ({@link #NONE}) promotes a symbol without an edge with probability at
 * most {@code alpha} over its whole life: the expected share of such symbols ever promoted is at most alpha, but
 * among a thousand symbols without an edge, up to about {@code 1000 alpha} may be. {@link #FAMILY} promotes a symbol
 * only when its evidence reaches {@code K / alpha}, with {@code K} the number of symbols the challenger was trained
 * on: by Ville's inequality and a union bound, the chance that any symbol without an edge is ever promoted is then at
 * most alpha. This is the e-BH procedure (Wang and Ramdas, "False discovery rate control with e-values", JRSS-B 2022)
 * applied to each symbol on its own (a set of promotions each with {@code e >= K / alpha} is self-consistent, so the
 * false discovery rate stays at most alpha too), which a stream task can decide without seeing other tasks' symbols.
 * Its price is time: the evidence must grow by {@code ln K} more (with {@code K} = 12 symbols, 5.5 instead of 3.0 at
 * alpha 0.05, so a given edge takes about 1.8 times as long). Demotion is always at {@code 1 / alpha}: going back to
 * naive early is the safe mistake.
 */
public enum Multiplicity {
    /** Each symbol is promoted at {@code 1 / alpha}. */
    NONE("none"),
    /** Each symbol is promoted at {@code K / alpha}, {@code K} the challenger's symbols. */
    FAMILY("family");

    private final String label;

    Multiplicity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The e-value at which a symbol is promoted, with {@code symbols} the challenger's symbols (at least 1). */
    public double promotionThreshold(EvidenceSettings settings, int symbols) {
        return this == FAMILY ? Math.max(1, symbols) / settings.alpha() : settings.threshold();
    }

    /** The setting spelt {@code label}, if any. */
    public static Optional<Multiplicity> of(String label) {
        return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
    }
}
