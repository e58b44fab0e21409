package io.tickcast.evidence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The e-BH procedure (Wang and Ramdas, "False discovery rate control with e-values", JRSS-B 2022): which of
 * {@code K} symbols to promote so that the expected share of false promotions among all promotions stays at
 * most {@code alpha}, whatever the dependence between the symbols' e-values. With the e-values sorted
 * descending, {@code e_(1) >= ... >= e_(K)}, and {@code k* = max {k : e_(k) >= K / (alpha k)}}, it rejects the
 * {@code k*} largest.
 *
 * <p>Every rejection set {@code R} whose members all have {@code e >= K / (alpha |R|)} controls the FDR this way,
 * so e-BH run on only some of the symbols, with {@code K} still the number of all symbols, rejects a subset of
 * what e-BH on all of them would and stays valid: a stream task that sees only its own symbols can decide
 * alone ({@link #rejected(Map, int, double)}, and {@link #promoted} for one symbol: {@code e >= K / alpha}).
 * The guarantee is for e-values read at one (possibly data-dependent, stopping) time.
 */
public final class EBh {

    private EBh() {
    }

    /** e-BH over all the symbols given: {@code K} is the size of the map. */
    public static <K> Set<K> rejected(Map<K, Double> eValues, double alpha) {
        return rejected(eValues, eValues.size(), alpha);
    }

    /**
     * e-BH over the symbols given, out of {@code symbols} in all ({@code symbols >= eValues.size()}; the symbols
     * not given count as having no evidence).
     */
    public static <K> Set<K> rejected(Map<K, Double> eValues, int symbols, double alpha) {
        checkAlpha(alpha);
        if (symbols < eValues.size() || symbols < 0) {
            throw new IllegalArgumentException("symbols must be >= the number of e-values " + eValues.size()
                    + ", got " + symbols);
        }
        List<Map.Entry<K, Double>> sorted = new ArrayList<>(eValues.entrySet());
        for (Map.Entry<K, Double> entry : sorted) {
            Double e = entry.getValue();
            if (e == null || !(e >= 0)) {
                throw new IllegalArgumentException("e-values must be >= 0, got " + e + " for " + entry.getKey());
            }
        }
        sorted.sort(Map.Entry.<K, Double>comparingByValue().reversed());
        int kStar = 0;
        for (int k = 1; k <= sorted.size(); k++) {
            if (sorted.get(k - 1).getValue() >= symbols / (alpha * k)) {
                kStar = k;
            }
        }
        Set<K> out = new HashSet<>();
        for (int k = 0; k < kStar; k++) {
            out.add(sorted.get(k).getKey());
        }
        return out;
    }

    /**
     * Whether a symbol whose e-value is {@code e} is promoted among {@code symbols}, judged on its own: e-BH on
     * that symbol alone, {@code e >= symbols / alpha}. A symbol this accepts, e-BH on all symbols accepts too.
     */
    public static boolean promoted(double e, int symbols, double alpha) {
        check(symbols, alpha);
        return e >= symbols / alpha;
    }

    private static void check(int symbols, double alpha) {
        if (symbols < 1) {
            throw new IllegalArgumentException("symbols must be >= 1, got " + symbols);
        }
        checkAlpha(alpha);
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
    }
}
