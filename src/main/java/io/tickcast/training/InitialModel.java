package io.tickcast.training;

import java.time.Clock;
import java.util.List;

import io.tickcast.config.TickcastConfig;
import io.tickcast.gate.GateSettings;
import io.tickcast.gate.ModelGate;
import io.tickcast.interval.ForecasterCalibration;
import io.tickcast.lstm.LstmModel;
import io.tickcast.lstm.LstmTrainer;
import io.tickcast.records.PriceSeries;
import io.tickcast.registry.ModelRecord;

/**
 * The first model of a registry, made the way every model is: it passes the gate on data it has not trained
 * on, or is at least sane there (the challenger, which serves where each symbol's evidence promotes it), or it is
 * not published and the service forecasts naive and says why. Only an operator's explicit
 * {@code --force} publishes a model without evidence, and its record says so.
 *
 * @param record      the record to publish (version 0 until published), or null when the model did not pass
 * @param verdict     why it passed or did not, with its evidence
 * @param calibration the interval calibration fitted on the gate's validation windows when a candidate was judged
 *                    (also when it was rejected: its {@code naive()} part calibrates the naive forecast the service
 *                    then serves), else null
 */
public record InitialModel(ModelRecord record, String verdict, ForecasterCalibration calibration) {

    public InitialModel(ModelRecord record, String verdict) {
        this(record, verdict, null);
    }

    public boolean publishable() {
        return record != null;
    }

    /** Trains a candidate on the series' older part and gates it on their most recent part (as the trainer does). */
    public static InitialModel train(List<PriceSeries> series, TickcastConfig config, Clock clock,
                                     LstmTrainer.EpochListener progress) {
        TickcastConfig.Trainer t = config.trainer();
        RetrainCycle.Attempt a = RetrainCycle.run(TickHistory.Snapshot.of(series),
                GatedTraining.Settings.of(config.lstm(), t.validationFraction(), t.minWindows(), config.gate())
                        .withIntervals(config.intervals()).withEvidence(config.evidence().settings()),
                null, clock, progress, config.evidence().decision());
        if (!a.outcome().publishes()) {
            return new InitialModel(null, a.outcome().label() + ": " + a.detail(), a.calibration());
        }
        a.model().close(); // the record holds its bytes
        return new InitialModel(a.record(), (a.outcome() == RetrainCycle.Outcome.PROMOTED ? "passed the gate: "
                : "the challenger: ") + a.detail(), a.calibration());
    }

    /** Gates a model trained elsewhere on every window of {@code series}, which it must not have trained on. */
    public static InitialModel validate(LstmModel model, List<PriceSeries> series, GateSettings gate, Clock clock) {
        ModelGate.Verdict v = GatedTraining.judgeExisting(model, series, gate);
        String verdict = v.reason() + ": " + v.evidence().summary();
        if (!v.passed()) {
            return new InitialModel(null, "rejected: " + verdict);
        }
        return new InitialModel(ModelRecord.gated(model, 0, clock.instant(), null, dataRange(series), v.evidence()),
                "passed the gate: " + verdict);
    }

    /** Publishes without evidence, on the operator's word ({@code --force}). */
    public static InitialModel forced(LstmModel model, Clock clock) {
        return new InitialModel(ModelRecord.forced(model, 0, clock.instant()),
                "published with --force: not validated, the live check still demotes it if it loses to naive");
    }

    private static ModelRecord.DataRange dataRange(List<PriceSeries> series) {
        TickHistory.Snapshot s = TickHistory.Snapshot.of(series);
        return new ModelRecord.DataRange(series.size(), s.ticks(), s.from(), s.to());
    }
}
