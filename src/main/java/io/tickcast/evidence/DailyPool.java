package io.tickcast.evidence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pools many symbols' scores into one score per target date, their mean, for a single decision about all symbols
 * (the pooled e-process of {@code evidence.decision=pooled}): the mean of scores in [-1, 1] is in [-1, 1], and under
 * "the challenger does not beat naive by the margin" on every symbol, each day's mean has a conditional mean at
 * most the margin too, so the same bets stay valid. A date is closed, and its mean handed out once, when a score
 * for a later date arrives; a score for a date already closed is dropped (it would count that date twice). Which
 * symbols make a date's mean depends on when their ticks arrive, never on their outcomes. Not thread-safe.
 */
public final class DailyPool {

    private final TreeMap<LocalDate, double[]> open = new TreeMap<>(); // date -> {sum, count}
    private LocalDate closedThrough;

    /** Adds one symbol's score for {@code target}; false (dropped) if that date is already closed. */
    public boolean add(LocalDate target, double x) {
        if (closedThrough != null && !target.isAfter(closedThrough)) {
            return false;
        }
        double[] s = open.computeIfAbsent(target, d -> new double[2]);
        s[0] += x;
        s[1]++;
        return true;
    }

    /** Closes every open date before the newest one with a score, returning their means in date order. */
    public List<SymbolEvidence.DatedScore> closeAllButNewest() {
        List<SymbolEvidence.DatedScore> out = new ArrayList<>();
        while (open.size() > 1) {
            Map.Entry<LocalDate, double[]> first = open.pollFirstEntry();
            out.add(new SymbolEvidence.DatedScore(first.getKey(), first.getValue()[0] / first.getValue()[1]));
            closedThrough = first.getKey();
        }
        return out;
    }

    /** Forgets everything (a new model is scored). */
    public void clear() {
        open.clear();
        closedThrough = null;
    }
}
