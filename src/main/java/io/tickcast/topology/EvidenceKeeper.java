package io.tickcast.topology;

import java.time.LocalDate;

import io.tickcast.config.TickcastConfig;
import io.tickcast.evidence.EvidenceSettings;
import io.tickcast.evidence.Multiplicity;
import io.tickcast.evidence.ScoreDifference;
import io.tickcast.evidence.ServingDecision;
import io.tickcast.evidence.SymbolEvidence;
import io.tickcast.evidence.ValidationEvidence;
import io.tickcast.records.Forecast;
import io.tickcast.serving.ChallengerTerms;
import io.tickcast.serving.ModelSlot;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Each symbol's live evidence about the challenger against naive ({@link SymbolEvidence}), in the changelogged
 * evidence store, written in the same transaction as the window and the forecasts it decides: it is restored after
 * a restart or a rebalance, and every target day counts once. Decides, per symbol, whether the challenger serves
 * ({@link #lstmServes}), and scores the challenger's forecast when the actual close of its target day arrives
 * ({@link #score}). Under {@code evidence.decision=pooled} it keeps nothing: the challenger then serves only where
 * its terms say it serves everywhere.
 */
final class EvidenceKeeper implements WindowForecaster.ServingChoice {

    /** Most symbols whose evidence a task keeps in memory besides the store (least recently used go first). */
    static final int CACHED_SYMBOLS = 100_000;

    private final KeyValueStore<String, SymbolEvidence> store;
    /**
     * The evidence read or written last, per symbol: each tick reads its symbol's evidence twice (to decide, and to
     * score) and the store (RocksDB, a binary value) need not be read for it. Only this task's processor writes the store, so
     * the copy cannot go stale; a new task (after a rebalance or a restart) starts with an empty copy.
     */
    private final java.util.LinkedHashMap<String, SymbolEvidence> cache = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, SymbolEvidence> eldest) {
            return size() > CACHED_SYMBOLS;
        }
    };
    private final ServingDecision decision;
    private final EvidenceSettings settings;
    private final Multiplicity multiplicity;
    private final ModelSlot slot;
    private final StreamEvents events;

    EvidenceKeeper(KeyValueStore<String, SymbolEvidence> store, TickcastConfig.LiveEvidence evidence, ModelSlot slot,
                   StreamEvents events) {
        this.store = store;
        this.decision = evidence.decision();
        this.settings = evidence.settings();
        this.multiplicity = evidence.multiplicity();
        this.slot = slot;
        this.events = events;
    }

    /** The e-value that promotes under the challenger's {@code terms} ({@link Multiplicity}). */
    private double promotionAt(ChallengerTerms terms) {
        return multiplicity.promotionThreshold(settings, terms == null ? 1 : terms.symbols());
    }

    /** The symbol's evidence (a fresh one for a symbol not scored yet). */
    SymbolEvidence of(String symbol) {
        SymbolEvidence e = cache.get(symbol);
        if (e == null) {
            e = store.get(symbol);
            if (e == null) {
                return SymbolEvidence.fresh(settings);
            }
            cache.put(symbol, e);
        }
        return e;
    }

    private void put(String symbol, SymbolEvidence e) {
        store.put(symbol, e);
        cache.put(symbol, e);
    }

    /**
     * Whether the challenger's forecast is served for {@code symbol}: everywhere when its terms say so; otherwise
     * (per symbol) when the symbol's evidence has promoted it, after joining the challenger's validation evidence on
     * the symbol where that adds days not counted yet (which may promote it at once).
     */
    @Override
    public boolean lstmServes(String symbol, ModelSlot.Versioned challenger) {
        if (challenger.terms().servesEverywhere()) {
            return true;
        }
        if (decision != ServingDecision.PER_SYMBOL) {
            return false;
        }
        SymbolEvidence evidence = of(symbol);
        ValidationEvidence validation = challenger.terms().validation().get(symbol);
        if (validation != null && evidence.counts(validation.first())) {
            SymbolEvidence.Step step = evidence.withValidation(validation, settings, promotionAt(challenger.terms()));
            evidence = step.next();
            put(symbol, evidence);
            events.evidenceUpdated(symbol, step.decision(), evidence, challenger.version(),
                    StreamEvents.EvidenceSource.VALIDATION);
        }
        return evidence.serving() == SymbolEvidence.Serving.LSTM;
    }

    /**
     * Scores the challenger's forecast in {@code waiting} (the symbol's newest forecast) against {@code actual}, the
     * close of its target day {@code target}, with {@code sigma} the symbol's daily volatility when it was made.
     * Counted only if the challenger had not seen the target day (its data end on or before the window's last
     * day); nothing under the pooled decision.
     */
    void score(Forecast waiting, LocalDate target, double actual, double sigma) {
        Forecast.ChallengerForecast c = waiting.challenger();
        if (c == null || decision != ServingDecision.PER_SYMBOL || c.trainedThrough() == null
                || waiting.asOf().isBefore(c.trainedThrough())) {
            return;
        }
        double x = ScoreDifference.score(waiting.lastClose(), c.forecastClose(), actual, sigma, settings.lossBound());
        SymbolEvidence before = of(waiting.symbol());
        ModelSlot.Versioned current = slot.current();
        SymbolEvidence.Step step = before.afterScore(target, x, settings,
                promotionAt(current == null ? null : current.terms()));
        if (step.next() != before) {
            put(waiting.symbol(), step.next());
            events.evidenceUpdated(waiting.symbol(), step.decision(), step.next(), c.modelVersion(),
                    StreamEvents.EvidenceSource.LIVE);
        }
    }
}
