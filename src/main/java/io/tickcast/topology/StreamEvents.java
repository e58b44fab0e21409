package io.tickcast.topology;

import io.tickcast.evaluation.ScoredForecast;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.records.ModelKind;
import io.tickcast.records.RejectReason;

/** What the topology reports as it runs; the metrics package implements it. Calls come from stream threads. */
public interface StreamEvents {

    void tickAccepted(PriceWindow.Outcome outcome);

    void tickRejected(RejectReason reason);

    void forecastMade(ModelKind modelKind, long modelVersion, long inferenceNanos);

    /** One model call forecast {@code windows} windows (a batch; see {@code stream.batch.max-size}). */
    void modelCalled(int windows);

    /** The model threw instead of forecasting; the naive forecast went out instead. */
    void inferenceFailed();

    /**
     * A task's local state directory was deleted before the stream started because a store in it was damaged: the
     * task is restored from its changelog topics instead.
     */
    default void localStoreDiscarded() {
    }

    /** A forecast met the actual close of its target day (the symbol's next tick). */
    void forecastScored(ScoredForecast scored);

    /** What moved a symbol's evidence. */
    enum EvidenceSource {
        /** The challenger's forecast met the actual close of its target day. */
        LIVE,
        /** A new challenger's validation evidence on the symbol joined it. */
        VALIDATION
    }

    /**
     * A symbol's evidence about the challenger (version {@code challengerVersion}) moved, by {@code source}, and
     * {@code decision} says whether it promoted or demoted it.
     */
    default void evidenceUpdated(String symbol, SymbolEvidence.Decision decision, SymbolEvidence evidence,
                                 long challengerVersion, EvidenceSource source) {
    }

    StreamEvents NONE = new StreamEvents() {
        @Override
        public void tickAccepted(PriceWindow.Outcome outcome) {
        }

        @Override
        public void tickRejected(RejectReason reason) {
        }

        @Override
        public void forecastMade(ModelKind modelKind, long modelVersion, long inferenceNanos) {
        }

        @Override
        public void modelCalled(int windows) {
        }

        @Override
        public void inferenceFailed() {
        }

        @Override
        public void forecastScored(ScoredForecast scored) {
        }
    };
}
