package io.tickcast.topology;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.tickcast.evaluation.ScoredForecast;
import io.tickcast.records.ModelKind;
import io.tickcast.records.RejectReason;

/** Keeps what the topology reports, for assertions. */
public final class RecordingStreamEvents implements StreamEvents {

    public final List<PriceWindow.Outcome> accepted = new CopyOnWriteArrayList<>();
    public final List<RejectReason> rejected = new CopyOnWriteArrayList<>();
    public final List<String> forecasts = new CopyOnWriteArrayList<>();
    public final List<ScoredForecast> scored = new CopyOnWriteArrayList<>();
    /** Windows per model call, in call order. */
    public final List<Integer> modelCalls = new CopyOnWriteArrayList<>();
    public final java.util.concurrent.atomic.AtomicInteger inferenceFailures = new java.util.concurrent.atomic.AtomicInteger();
    private volatile double poisonClose = Double.NaN;
    private volatile Supplier<RuntimeException> poison;

    /**
     * Makes the window step throw: scoring a forecast against a tick whose close is {@code close} (the symbol's
     * next tick after a forecast) throws what {@code failure} makes, every time such a tick is processed.
     */
    public RecordingStreamEvents failScoringAgainst(double close, Supplier<RuntimeException> failure) {
        this.poison = failure;
        this.poisonClose = close;
        return this;
    }

    @Override
    public void tickAccepted(PriceWindow.Outcome outcome) {
        accepted.add(outcome);
    }

    @Override
    public void tickRejected(RejectReason reason) {
        rejected.add(reason);
    }

    private final java.util.concurrent.atomic.AtomicInteger failingForecasts = new java.util.concurrent.atomic.AtomicInteger();

    /** Makes making a forecast throw, the next {@code times} times (the forecaster reports each one it makes). */
    public RecordingStreamEvents failForecasts(int times) {
        failingForecasts.set(times);
        return this;
    }

    @Override
    public void forecastMade(ModelKind modelKind, long modelVersion, long inferenceNanos) {
        if (failingForecasts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("a forecast that throws (test)");
        }
        forecasts.add(modelKind.label() + ":" + modelVersion);
    }

    @Override
    public void modelCalled(int windows) {
        modelCalls.add(windows);
    }

    @Override
    public void inferenceFailed() {
        inferenceFailures.incrementAndGet();
    }

    @Override
    public void forecastScored(ScoredForecast s) {
        if (s.actual() == poisonClose) {
            throw poison.get();
        }
        scored.add(s);
    }
}
