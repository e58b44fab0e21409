package io.tickcast.evidence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An e-process built by betting (Waudby-Smith and Ramdas, "Estimating means of bounded random variables by
 * betting", JRSS-B 2023; Choe and Ramdas, "Comparing Sequential Forecasters", Operations Research 2023): the
 * wealth of a gambler who, each day, stakes a share of it on the next score {@code x} in [-1, 1]
 * ({@link ScoreDifference}) against the margin {@code m}. Immutable; one per symbol and direction in the state
 * store (see {@link SymbolEvidence}).
 *
 * <p>{@link Direction#CHALLENGER_BETTER} tests H0: {@code E[x_t - m | past] <= 0} for every t (the challenger
 * does not beat naive by the margin) with the payoff {@code y = x - m};
 * {@link Direction#CHALLENGER_NOT_BETTER} tests the mirror H0: {@code E[x_t - m | past] >= 0} with
 * {@code y = m - x}. Each component's wealth is {@code prod (1 + lambda_t y_t)} with a bet {@code lambda_t} fixed
 * before {@code x_t} is seen and {@code 0 <= lambda_t < 1 / (1 + |m|)}, so every factor is positive and, under
 * H0, its expectation given the past is at most 1: each component is a nonnegative supermartingale starting
 * at 1. The wealth here is the equal-weight mixture of one component per bet of the grid and one adaptive
 * component; a mixture of such supermartingales is one too, so by Ville's inequality
 * {@code P(sup_t eValue_t >= 1 / alpha) <= alpha} under H0: the evidence may be watched every day and acted on
 * the first day it reaches {@code 1 / alpha}.
 *
 * <p>Why this mixture: for a stationary edge {@code mu = E y} with variance {@code v}, a constant bet
 * {@code lambda} grows log-wealth by about {@code lambda mu - lambda^2 (v + mu^2) / 2} a day, best at
 * {@code lambda* = mu / (v + mu^2)} (about {@code mu / v}), which grows about {@code mu^2 / (2 v)} a day. The edge
 * is unknown, so no single bet is right: a bet far above {@code lambda*} loses even when the edge is real. The
 * mixture is at least its best component divided by the number of components, so it costs at most
 * {@code log(grid size + 1)} (about 1.9 for the default grid of 6) against the best component; in a grid that
 * doubles, the nearer bet to a {@code lambda*} inside its range keeps at least 8/9 of the best growth rate (the
 * rate at {@code a lambda*} is {@code (2a - a^2)} times the best; worst at {@code a = 2/3} or 4/3). The adaptive
 * component is the aGRAPA bet of Waudby-Smith and Ramdas: {@code lambda_t = clip(muHat / secondHat, 0, maxBet)},
 * with the mean and second moment of {@code y} estimated from the past only, discounted (a half-life of
 * {@link #DISCOUNT 125 scores}) and shrunk by one pseudo-observation with {@code y = 0}, {@code y^2 = 1/4}: it
 * approaches {@code lambda*} once the estimates settle, stops betting while the recent past shows no edge, and
 * follows an edge that appears or vanishes. Besides its log-wealth it keeps three numbers: the discounted count,
 * sum and sum of squares of past x (not of y, so that a changed margin applies to the whole past).
 *
 * <p>Measured by {@code PowerTest} (200 seeds, defaults: alpha 0.05, margin 0, D = 4, Gaussian AR(1) log returns,
 * an oracle challenger forecasting {@code lastClose * exp(phi r_(t-1))}): median days to promotion 790 (90%
 * within 1,646) for phi = 0.2, and 345 (90% within 693) for phi = 0.3; the test asserts 90% within 2,000 and 900
 * days. The rates above bound the mean time by about {@code (log 20 + log 7) / (mu^2 / 2v)}, 970 and 420 days
 * (here {@code mu = phi^2} and {@code v = 4 phi^2 (1 - phi^2) + 2 phi^4} in units of delta, sigma being the
 * returns' own volatility). On the same seeds the grid alone took a median of 864 and 374 days, the adaptive
 * component alone 621 and 262: it is worth its one seventh of the stake.
 *
 * @param direction         which null the wealth bets against
 * @param logWealth         the log-wealth of each grid component, in the order of the bets
 * @param adaptiveLogWealth the log-wealth of the adaptive (aGRAPA) component
 * @param sumX              the discounted sum of the scores seen, for the adaptive bet
 * @param sumSquares        the discounted sum of their squares
 * @param weight            the discounted count of the scores seen (the sum of the discount factors)
 * @param observations      scores seen
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY) // compact in the store and its changelog: written per tick
public record BettingEProcess(Direction direction, List<Double> logWealth, double adaptiveLogWealth, double sumX,
                              double sumSquares, double weight, long observations) {

    /** Which null the process bets against, named by what its wealth is evidence for. */
    public enum Direction {
        /** Evidence that the challenger beats naive by more than the margin (H0: mean {@code x - m <= 0}). */
        CHALLENGER_BETTER,
        /** Evidence that the challenger does not beat naive by the margin (H0: mean {@code x - m >= 0}). */
        CHALLENGER_NOT_BETTER
    }

    /**
     * Each day the adaptive bet's statistics keep this share of their past (a half-life of 125 scores, half a trading
     * year): the bet follows an edge that appears or vanishes within months, where plain running sums would
     * stay anchored to years of the past. Any weighting of past scores keeps the bet fixed before the score it is
     * placed on, so the test stays valid.
     */
    static final double DISCOUNT = Math.pow(2, -1.0 / 125);

    /** The adaptive bet's prior second moment of {@code y} (one pseudo-observation): shrinks early bets. */
    static final double PRIOR_SECOND_MOMENT = 0.25;

    public BettingEProcess {
        Objects.requireNonNull(direction, "direction");
        if (logWealth == null || logWealth.isEmpty() || logWealth.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("logWealth must be a non-empty list of numbers, got " + logWealth);
        }
        logWealth = List.copyOf(logWealth);
        for (double l : logWealth) {
            finite("logWealth", l);
        }
        finite("adaptiveLogWealth", adaptiveLogWealth);
        finite("sumX", sumX);
        finite("sumSquares", sumSquares);
        finite("weight", weight);
        if (observations < 0 || sumSquares < 0 || weight < 0) {
            throw new IllegalArgumentException("observations, sumSquares and weight must be >= 0, got " + observations
                    + ", " + sumSquares + " and " + weight);
        }
    }

    /** A process that has seen nothing: wealth 1 in each of {@code gridSize} grid components and the adaptive one. */
    public static BettingEProcess start(Direction direction, int gridSize) {
        if (gridSize < 1) {
            throw new IllegalArgumentException("gridSize must be >= 1, got " + gridSize);
        }
        return new BettingEProcess(direction, Collections.nCopies(gridSize, 0.0), 0, 0, 0, 0, 0);
    }

    /** A process that has seen nothing, with one grid component per bet of {@code settings}. */
    public static BettingEProcess start(Direction direction, EvidenceSettings settings) {
        return start(direction, settings.bets().size());
    }

    /** The state after score {@code x}, with the margin and bets of {@code settings}. */
    public BettingEProcess after(double x, EvidenceSettings settings) {
        return after(x, settings.margin(), settings.bets());
    }

    /**
     * The state after score {@code x} in [-1, 1], betting with {@code bets} against {@code margin}. If the number
     * of bets differs from the number of grid components (the settings changed), every component first restarts
     * at the mixture's current wealth: re-mixing is itself a bet fixed before {@code x}, so the wealth stays a
     * supermartingale under H0, and evidence is neither lost nor invented.
     */
    public BettingEProcess after(double x, double margin, List<Double> bets) {
        if (!(x >= -1 && x <= 1)) {
            throw new IllegalArgumentException("x must be in [-1, 1], got " + x);
        }
        if (!(margin > -1 && margin < 1)) {
            throw new IllegalArgumentException("margin must be in (-1, 1), got " + margin);
        }
        double maxAllowed = 1 / (1 + Math.abs(margin));
        double maxBet = 0;
        for (Double bet : bets) {
            if (bet == null || !(bet > 0 && bet < maxAllowed)) {
                throw new IllegalArgumentException("bets must each be in (0, 1 / (1 + |margin|)) = (0, "
                        + maxAllowed + "), got " + bet + " in " + bets);
            }
            maxBet = Math.max(maxBet, bet);
        }
        List<Double> base = logWealth;
        double adaptiveBase = adaptiveLogWealth;
        if (bets.size() != logWealth.size()) {
            adaptiveBase = logEValue();
            base = Collections.nCopies(bets.size(), adaptiveBase);
        }
        double y = payoff(x, margin);
        List<Double> next = new ArrayList<>(bets.size());
        for (int j = 0; j < bets.size(); j++) {
            next.add(base.get(j) + Math.log1p(bets.get(j) * y));
        }
        double adaptive = adaptiveBase + Math.log1p(adaptiveBet(margin, maxBet) * y);
        return new BettingEProcess(direction, next, adaptive, DISCOUNT * sumX + x, DISCOUNT * sumSquares + x * x,
                DISCOUNT * weight + 1, observations + 1);
    }

    /**
     * This process followed by {@code later}, a process of the same direction started fresh on the scores that came
     * after this one's: each grid component's wealth is the product of the two (one constant bet over all the
     * scores), the adaptive component's too (each of its bets was fixed before its score), so the result is the
     * e-process of all the scores in order. Grid sizes that differ re-mix {@code later} at its mixture's wealth.
     */
    public BettingEProcess then(BettingEProcess later) {
        if (later.direction != direction) {
            throw new IllegalArgumentException("cannot chain a " + later.direction + " process to a " + direction + " one");
        }
        List<Double> tail = later.logWealth.size() == logWealth.size() ? later.logWealth
                : Collections.nCopies(logWealth.size(), later.logEValue());
        List<Double> joined = new ArrayList<>(logWealth.size());
        for (int j = 0; j < logWealth.size(); j++) {
            joined.add(logWealth.get(j) + tail.get(j));
        }
        double keep = Math.pow(DISCOUNT, later.observations); // this one's statistics, aged by the later scores
        return new BettingEProcess(direction, joined, adaptiveLogWealth + later.adaptiveLogWealth,
                keep * sumX + later.sumX, keep * sumSquares + later.sumSquares, keep * weight + later.weight,
                observations + later.observations);
    }

    /** The bet the adaptive component places on the next score: aGRAPA on the past scores only. */
    public double adaptiveBet(double margin, double maxBet) {
        double n = weight;
        double sumY = direction == Direction.CHALLENGER_BETTER ? sumX - n * margin : n * margin - sumX;
        double sumYy = Math.max(0, sumSquares - 2 * margin * sumX + n * margin * margin);
        double mean = sumY / (n + 1);
        double second = (PRIOR_SECOND_MOMENT + sumYy) / (n + 1);
        return Math.max(0, Math.min(maxBet, mean / second));
    }

    /** The log of {@link #eValue()}, finite even where the e-value overflows a double. */
    public double logEValue() {
        double max = adaptiveLogWealth;
        for (double l : logWealth) {
            max = Math.max(max, l);
        }
        double sum = Math.exp(adaptiveLogWealth - max);
        for (double l : logWealth) {
            sum += Math.exp(l - max);
        }
        return max + Math.log(sum / (logWealth.size() + 1));
    }

    /** The mixture's wealth: the mean of the components' wealths (1 at the start), computed by log-sum-exp. */
    public double eValue() {
        return Math.exp(logEValue());
    }

    private double payoff(double x, double margin) {
        return direction == Direction.CHALLENGER_BETTER ? x - margin : margin - x;
    }

    private static void finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
    }
}
