package io.tickcast.training;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.tickcast.config.TickcastConfig;
import io.tickcast.interval.Calibration;
import io.tickcast.interval.ForecasterCalibration;
import io.tickcast.records.Tick;
import io.tickcast.registry.ModelFollower;
import io.tickcast.registry.ModelRecord;
import io.tickcast.registry.ServingTerms;
import io.tickcast.registry.ModelRecordCodec;
import io.tickcast.registry.PromotedBy;
import io.tickcast.serving.ModelSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's live check of the model in service (the challenger): it scores the model on every new tick after
 * its training data, against naive ({@link LiveScorer}), for the pooled live RMSE ratio. For a model that serves
 * every symbol ({@code evidence.decision=pooled}, or forced by an operator) only, when the pooled anytime-valid
 * demotion test reaches {@code 1 / evidence.alpha}, it publishes a demotion (per symbol, the stream's own evidence
 * demotes): the newest other version that passed the gate and was never demoted serves again, or, if there is none,
 * the naive forecast. Runs on the feed thread only.
 */
final class LiveCheck implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveCheck.class);

    private final TickcastConfig config;
    private final TrainingEvents events;
    private final Clock clock;
    private final TickHistory history;
    private final ModelFollower follower;
    private final ModelSlot registryView;
    private final ModelPublishing publishing;
    private final LiveScorer live;
    private volatile LiveScorer.Verdict lastVerdict;

    LiveCheck(TickcastConfig config, TrainingEvents events, Clock clock, TickHistory history, ModelFollower follower,
              ModelPublishing publishing) {
        this.config = config;
        this.events = events;
        this.clock = clock;
        this.history = history;
        this.follower = follower;
        this.registryView = follower.slot();
        this.publishing = publishing;
        this.live = new LiveScorer(config.trainer().demotionWindow(), config.gate().minWindows(),
                config.evidence().settings(), config.intervals().settings().halfLife());
    }

    /** The last live test of the model in service (null before enough live scores). */
    LiveScorer.Verdict lastVerdict() {
        return lastVerdict;
    }

    /** Points the check at the model in service (nothing while naive serves or a demotion is on its way). */
    void followServedModel() {
        ModelSlot.Versioned current = registryView.current();
        ModelRecord record = follower.current();
        if (current == null || record == null || record.version() != current.version()
                || publishing.demoted().contains(current.version())) {
            if (!live.scores(null)) {
                live.serving(null, null);
            }
            return;
        }
        if (live.scores(current)) {
            return;
        }
        ModelSlot.Versioned lease = registryView.acquire();
        LocalDate after = record.data() != null ? record.data().to() : history.snapshotEnd();
        live.serving(lease, after);
    }

    /** A new tick, before it goes into the history (which holds the closes before it). */
    void observe(Tick tick) {
        live.observe(tick.symbol(), tick.date(), history.windowBefore(tick, config.windowSize()), tick.close());
    }

    /** Scores the ticks observed since the last call, and demotes a model serving every symbol if the test says so. */
    void check() {
        LiveScorer.Verdict v = live.score();
        if (v == null) {
            return;
        }
        lastVerdict = v;
        events.liveChecked(v);
        // a challenger is demoted per symbol by the stream's own evidence, and this check only measures it
        ModelRecord served = follower.current();
        if (v.demote() && served != null && ServingTerms.terms(served, config.evidence().decision()).servesEverywhere()) {
            demote(v);
        }
    }

    private void demote(LiveScorer.Verdict v) {
        ModelRecord.Demotion why = new ModelRecord.Demotion(v.version(), clock.instant(), v.ratioToNaive(), v.worse(),
                config.evidence().settings().alpha(), v.evidence(), v.days());
        ModelRecord published = publishing.demote(v.version(), (demoted, nextVersion) -> {
            ModelRecord fallback = fallback(demoted);
            return fallback != null ? fallback.republished(PromotedBy.DEMOTION, why)
                    : ModelRecord.naive(nextVersion, clock.instant(), why).withCalibration(naiveCalibration());
        });
        if (published == null) {
            return;
        }
        live.serving(null, null);
        long fallback = published.isNaive() ? 0 : published.version();
        LOG.warn("demoted model v{}: {}; now serving {}", v.version(), ServingTerms.describe(why),
                fallback == 0 ? "the naive forecast" : "model v" + fallback);
        events.demoted(v.version(), fallback);
    }

    /**
     * The naive forecast's calibration of the newest record that carried one, for a "serve naive" record: instances
     * that start on that record then keep the naive intervals calibrated on the trainer's data (null: none yet).
     */
    private ForecasterCalibration naiveCalibration() {
        Calibration naive = registryView.naiveCalibration();
        return naive == null ? null : new ForecasterCalibration(null, naive, null);
    }

    /**
     * The newest version that passed the gate, was never demoted, and whose model bytes load (the follower loads
     * only the model it serves, so a fallback is checked here, as instances will check it), or null.
     */
    private ModelRecord fallback(Set<Long> demoted) {
        List<ModelRecord> versions = follower.versions();
        for (int i = versions.size() - 1; i >= 0; i--) {
            ModelRecord r = versions.get(i);
            if (demoted.contains(r.version()) || !r.passedGate()) {
                continue;
            }
            try {
                ModelRecordCodec.loadModel(r, config.lstm(), config.windowSize()).close();
                return r;
            } catch (ModelRecordCodec.InvalidRecordException e) {
                LOG.warn("v{} cannot be a fallback: {}", r.version(), e.getMessage());
            }
        }
        return null;
    }

    /** Releases the model it scores; on the feed thread, as it ends. */
    @Override
    public void close() {
        live.close();
    }
}
