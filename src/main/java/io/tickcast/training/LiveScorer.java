package io.tickcast.training;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tickcast.evidence.DailyPool;
import io.tickcast.evidence.EvidenceSettings;
import io.tickcast.evidence.ScoreDifference;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.gate.DieboldMariano;
import io.tickcast.interval.Volatility;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.serving.ModelSlot;

/**
 * The trainer's live check of the model in service, over all symbols at once: every new tick whose date is after
 * the model's training data is a forecast the model would have made (from the symbol's previous closes) and can now
 * be scored next to the naive forecast. It decides a demotion the way a symbol's own evidence does, with an
 * anytime-valid test: each day's scores ({@link ScoreDifference}, with the symbol's volatility known at forecast
 * time) are pooled into their mean ({@link DailyPool}), and the demotion e-process of {@link SymbolEvidence} (H0:
 * the model beats naive by {@code evidence.margin}) takes one mean per day; the model is to be demoted when it
 * reaches {@code 1 / evidence.alpha}. The test may be looked at after every poll without inflating its error: by
 * Ville's inequality a model that does beat naive is demoted with probability at most alpha over its whole life.
 *
 * <p>For display only, the most recent {@code capacity} scores also give the live RMSE ratio to naive and the
 * one-sided Diebold-Mariano statistic (nothing is decided on them). Forecasts are computed in batches (one model
 * call per {@link #score()}). Not thread-safe: the trainer's feed thread owns it.
 */
public final class LiveScorer implements AutoCloseable {

    /**
     * The check after one batch: the live RMSE ratio and Diebold-Mariano statistic of the most recent scores
     * (null while fewer than the gate's minimum), the demotion e-value over the days pooled so far, and whether to
     * demote.
     */
    public record Verdict(long version, int windows, double ratioToNaive, DieboldMariano worse, double evidence,
                          long days, boolean demote) {
    }

    private record Pending(String symbol, long day, double[] window, double actual, double sigma) {
    }

    private final int capacity;
    private final int minWindows;
    private final EvidenceSettings evidence;
    private final double halfLife;
    private final Deque<DieboldMariano.Loss> losses = new ArrayDeque<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, Volatility> volatility = new HashMap<>();
    private final DailyPool pool = new DailyPool();
    private SymbolEvidence pooled;
    private ModelSlot.Versioned lease;
    private LstmPredictor predictor;
    private LocalDate scoreAfter;

    /**
     * @param capacity   how many recent scores the displayed ratio and statistic cover ({@code trainer.demotion-window};
     *                   0: no live check)
     * @param minWindows fewest scores the displayed figures need ({@code gate.min-windows})
     * @param halfLife   the half-life of the volatility that scales scores ({@code interval.half-life})
     */
    LiveScorer(int capacity, int minWindows, EvidenceSettings evidence, double halfLife) {
        this.capacity = capacity;
        this.minWindows = minWindows;
        this.evidence = evidence;
        this.halfLife = halfLife;
    }

    /** True when this scorer already scores {@code v} (compared by identity; null: nothing). */
    boolean scores(ModelSlot.Versioned v) {
        return v == lease;
    }

    /**
     * The model in service changed: {@code newLease} (a lease this scorer now owns and releases; null: none, nothing
     * is scored), scored on ticks after {@code afterDate}. The previous one's scores and evidence are dropped.
     */
    void serving(ModelSlot.Versioned newLease, LocalDate afterDate) {
        closePredictor();
        losses.clear();
        pending.clear();
        pool.clear();
        pooled = SymbolEvidence.freshServingLstm(evidence);
        lease = newLease;
        scoreAfter = afterDate;
    }

    long version() {
        return lease == null ? 0 : lease.version();
    }

    /**
     * A new close of {@code symbol}, with the closes before it (null if too few): the symbol's volatility moves on,
     * and the tick is queued for the next {@link #score()} with the volatility known before it.
     */
    void observe(String symbol, LocalDate date, double[] window, double actual) {
        if (window == null || window.length == 0) {
            return;
        }
        Volatility before = volatility.getOrDefault(symbol, Volatility.NONE);
        volatility.put(symbol, before.next(window[window.length - 1], actual, halfLife));
        if (lease == null || capacity == 0 || window.length != lease.model().window()
                || (scoreAfter != null && !date.isAfter(scoreAfter))) {
            return;
        }
        pending.add(new Pending(symbol, date.toEpochDay(), window, actual, before.sigma()));
    }

    /** Forecasts the queued ticks in one call, adds their scores and tests them; null if nothing is scored yet. */
    Verdict score() {
        if (lease != null && !pending.isEmpty()) {
            if (predictor == null) {
                predictor = lease.model().newPredictor();
            }
            double[] forecasts = predictor.forecastAll(pending.stream().map(Pending::window).toList());
            for (int i = 0; i < forecasts.length; i++) {
                add(pending.get(i), forecasts[i]);
            }
            pending.clear();
            for (SymbolEvidence.DatedScore day : pool.closeAllButNewest()) {
                pooled = pooled.afterScore(day.target(), day.x(), evidence).next();
            }
        }
        if (lease == null || losses.isEmpty()) {
            return null;
        }
        List<DieboldMariano.Loss> recent = List.copyOf(losses);
        double modelSum = 0;
        double naiveSum = 0;
        for (DieboldMariano.Loss l : recent) {
            modelSum += l.model();
            naiveSum += l.benchmark();
        }
        DieboldMariano worse = recent.size() >= minWindows ? DieboldMariano.modelWorse(recent) : null;
        return new Verdict(lease.version(), recent.size(), Math.sqrt(modelSum / naiveSum), worse,
                pooled.forDemotion().eValue(), pooled.scored(), pooled.serving() == SymbolEvidence.Serving.NAIVE);
    }

    private void add(Pending p, double forecast) {
        double last = p.window()[p.window().length - 1];
        double e = (forecast - p.actual()) / last;
        double n = (last - p.actual()) / last;
        losses.addLast(new DieboldMariano.Loss(p.day(), e * e, n * n));
        while (losses.size() > capacity) {
            losses.removeFirst();
        }
        // a forecast that is no price is the worst score there is
        double x = Double.isFinite(forecast) && forecast > 0 && last > 0 && p.actual() > 0
                ? ScoreDifference.score(last, forecast, p.actual(), p.sigma(), evidence.lossBound()) : -1;
        pool.add(LocalDate.ofEpochDay(p.day()), x);
    }

    private void closePredictor() {
        if (predictor != null) {
            predictor.close();
            predictor = null;
        }
        if (lease != null) {
            lease.release();
            lease = null;
        }
    }

    @Override
    public void close() {
        closePredictor();
    }
}
