package io.tickcast.training;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.tickcast.gate.DieboldMariano;
import io.tickcast.gate.GateSettings;
import io.tickcast.lstm.LstmPredictor;
import io.tickcast.serving.ModelSlot;

/**
 * The trainer's live check of the model in service: every new tick whose date is after the model's training
 * data is a forecast the model would have made (from the symbol's previous closes) and can now be scored,
 * next to the naive forecast. The most recent {@code capacity} scores (all symbols) are tested with the gate's
 * one-sided Diebold-Mariano test, the other way round: when they show at the gate's level that the model is
 * worse than naive, it is to be demoted. Forecasts are computed in batches (one model call per {@link #score()}).
 * Not thread-safe: the trainer's feed thread owns it.
 */
public final class LiveScorer implements AutoCloseable {

    /** The test of the current scores: {@code demote} when the model is worse than naive with evidence. */
    public record Verdict(long version, int windows, double ratioToNaive, DieboldMariano worse, boolean demote) {
    }

    private record Pending(long day, double[] window, double actual) {
    }

    private final int capacity;
    private final GateSettings gate;
    private final Deque<DieboldMariano.Loss> losses = new ArrayDeque<>();
    private final List<Pending> pending = new ArrayList<>();
    private ModelSlot.Versioned lease;
    private LstmPredictor predictor;
    private LocalDate scoreAfter;

    LiveScorer(int capacity, GateSettings gate) {
        this.capacity = capacity;
        this.gate = gate;
    }

    /** True when this scorer already scores {@code v} (compared by identity; null: nothing). */
    boolean scores(ModelSlot.Versioned v) {
        return v == lease;
    }

    /**
     * The model in service changed: {@code newLease} (a lease this scorer now owns and releases; null: none, nothing
     * is scored), scored on ticks after {@code afterDate}. Scores of the previous one are dropped.
     */
    void serving(ModelSlot.Versioned newLease, LocalDate afterDate) {
        closePredictor();
        losses.clear();
        pending.clear();
        lease = newLease;
        scoreAfter = afterDate;
    }

    long version() {
        return lease == null ? 0 : lease.version();
    }

    /** A new close of a symbol, with the closes before it (null if too few): queued for the next {@link #score()}. */
    void observe(LocalDate date, double[] window, double actual) {
        if (lease == null || capacity == 0 || window == null || window.length != lease.model().window()
                || (scoreAfter != null && !date.isAfter(scoreAfter))) {
            return;
        }
        pending.add(new Pending(date.toEpochDay(), window, actual));
    }

    /** Forecasts the queued ticks in one call, adds their scores and tests the most recent ones; null if too few. */
    Verdict score() {
        if (lease != null && !pending.isEmpty()) {
            if (predictor == null) {
                predictor = lease.model().newPredictor();
            }
            double[] forecasts = predictor.forecastAll(pending.stream().map(Pending::window).toList());
            for (int i = 0; i < forecasts.length; i++) {
                Pending p = pending.get(i);
                double last = p.window()[p.window().length - 1];
                double e = (forecasts[i] - p.actual()) / last;
                double n = (last - p.actual()) / last;
                losses.addLast(new DieboldMariano.Loss(p.day(), e * e, n * n));
                while (losses.size() > capacity) {
                    losses.removeFirst();
                }
            }
            pending.clear();
        }
        if (lease == null || losses.size() < gate.minWindows()) {
            return null;
        }
        List<DieboldMariano.Loss> recent = List.copyOf(losses);
        DieboldMariano worse = DieboldMariano.modelWorse(recent);
        double modelSum = 0;
        double naiveSum = 0;
        for (DieboldMariano.Loss l : recent) {
            modelSum += l.model();
            naiveSum += l.benchmark();
        }
        return new Verdict(lease.version(), recent.size(), Math.sqrt(modelSum / naiveSum), worse,
                worse.significantAt(gate.level()));
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
