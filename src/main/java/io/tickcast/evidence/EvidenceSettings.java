package io.tickcast.evidence;

import java.util.List;
import java.util.Objects;

/**
 * How much evidence moves a symbol between the naive forecast and the challenger, and how it is gathered.
 *
 * @param alpha     the error level: an e-process reaching {@code 1 / alpha} decides (default 0.05), in (0, 1)
 * @param margin    the edge the challenger must show, in score units ({@link ScoreDifference}, [-1, 1]; default 0),
 *                  in [0, 0.5)
 * @param lossBound the clip {@code D} of the loss difference (default 4), > 0
 * @param bets      the grid of constant bets the e-processes mix (default 0.025 ... 0.8, doubling), each in
 *                  {@code (0, 1 / (1 + margin))} so that every betting factor stays positive
 */
public record EvidenceSettings(double alpha, double margin, double lossBound, List<Double> bets) {

    public static final List<Double> DEFAULT_BETS = List.of(0.025, 0.05, 0.1, 0.2, 0.4, 0.8);

    public static final EvidenceSettings DEFAULT = new EvidenceSettings(0.05, 0.0, 4.0, DEFAULT_BETS);

    public EvidenceSettings {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (!(margin >= 0 && margin < 0.5)) {
            throw new IllegalArgumentException("margin must be in [0, 0.5), got " + margin);
        }
        if (!(Double.isFinite(lossBound) && lossBound > 0)) {
            throw new IllegalArgumentException("lossBound must be finite and > 0, got " + lossBound);
        }
        if (bets == null || bets.isEmpty() || bets.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("bets must be a non-empty list of numbers, got " + bets);
        }
        double maxBet = 1 / (1 + margin);
        for (double bet : bets) {
            if (!(bet > 0 && bet < maxBet)) {
                throw new IllegalArgumentException("bets must each be in (0, 1 / (1 + margin)) = (0, " + maxBet
                        + "), got " + bet + " in " + bets);
            }
        }
        bets = List.copyOf(bets);
    }

    /** The e-value that decides: {@code 1 / alpha}. */
    public double threshold() {
        return 1 / alpha;
    }
}
