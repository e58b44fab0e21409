package io.tickcast.evidence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.tickcast.evidence.BettingEProcess.Direction;

/**
 * What one symbol has shown so far about the challenger (the LSTM) against the naive forecast, and which of the
 * two it serves: the per-symbol state a Kafka Streams store keeps (immutable; plain components for JSON).
 *
 * <p>A symbol serves naive until {@link #forPromotion} (H0: the challenger does not beat naive by the margin)
 * reaches {@code 1 / alpha}; it then serves the LSTM until {@link #forDemotion} (H0: it does) reaches
 * {@code 1 / alpha}. Each test starts from wealth 1 when the state it can end begins, so it uses only evidence
 * gathered since: a promotion restarts the demotion test and a demotion restarts the promotion test, and a
 * symbol earns promotion again only with new evidence. By Ville's inequality each stretch of naive serving ends
 * in a false promotion with probability at most alpha, and each stretch of LSTM serving in a false demotion with
 * probability at most alpha. While the LSTM serves, the promotion test keeps running: it decides nothing then
 * and is restarted at the next demotion, so this is harmless, and it keeps both tests on the same days.
 * Likewise the demotion test runs (deciding nothing) while naive serves.
 *
 * <p>Every target date counts once: a score for a date on or before {@link #lastCounted} is ignored, so replays,
 * duplicates and a validation window that overlaps live scores add no evidence.
 *
 * @param serving      which forecast the symbol serves
 * @param forPromotion evidence that the challenger beats naive by the margin (decides while naive serves)
 * @param forDemotion  evidence that it does not (decides while the LSTM serves)
 * @param scored       challenger forecasts scored (counted dates)
 * @param lastCounted  the newest target date counted, null if none
 * @param promotions   promotions so far
 * @param demotions    demotions so far
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY) // compact in the store and its changelog: written per tick
public record SymbolEvidence(Serving serving, BettingEProcess forPromotion, BettingEProcess forDemotion, long scored,
                             LocalDate lastCounted, long promotions, long demotions) {

    /** The forecast a symbol serves. */
    public enum Serving { NAIVE, LSTM }

    /** What one score changed. */
    public enum Decision { NONE, PROMOTED, DEMOTED }

    /** The state after one score, and the decision it led to. */
    public record Step(SymbolEvidence next, Decision decision) {
    }

    /** An honest out-of-sample score {@code x} ({@link ScoreDifference}) of a forecast for {@code target}. */
    public record DatedScore(LocalDate target, double x) {

        public DatedScore {
            Objects.requireNonNull(target, "target");
        }
    }

    public SymbolEvidence {
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(forPromotion, "forPromotion");
        Objects.requireNonNull(forDemotion, "forDemotion");
        if (forPromotion.direction() != Direction.CHALLENGER_BETTER
                || forDemotion.direction() != Direction.CHALLENGER_NOT_BETTER) {
            throw new IllegalArgumentException("forPromotion must bet CHALLENGER_BETTER and forDemotion "
                    + "CHALLENGER_NOT_BETTER, got " + forPromotion.direction() + " and " + forDemotion.direction());
        }
        if (scored < 0 || promotions < 0 || demotions < 0) {
            throw new IllegalArgumentException("scored, promotions and demotions must be >= 0, got " + scored + ", "
                    + promotions + " and " + demotions);
        }
    }

    /** A symbol with no evidence, serving naive, with the default bet grid. */
    public static SymbolEvidence fresh() {
        return fresh(EvidenceSettings.DEFAULT);
    }

    /** A symbol with no evidence, serving naive, with the bet grid of {@code settings}. */
    public static SymbolEvidence fresh(EvidenceSettings settings) {
        return new SymbolEvidence(Serving.NAIVE, BettingEProcess.start(Direction.CHALLENGER_BETTER, settings),
                BettingEProcess.start(Direction.CHALLENGER_NOT_BETTER, settings), 0, null, 0, 0);
    }

    /**
     * A symbol already served by the LSTM with no evidence yet (a model that serves every symbol from the start):
     * only the demotion test can decide.
     */
    public static SymbolEvidence freshServingLstm(EvidenceSettings settings) {
        SymbolEvidence fresh = fresh(settings);
        return new SymbolEvidence(Serving.LSTM, fresh.forPromotion, fresh.forDemotion, 0, null, 0, 0);
    }

    /** Whether a score for {@code target} would count: its date is after {@link #lastCounted} (or none is). */
    public boolean counts(LocalDate target) {
        return lastCounted == null || target.isAfter(lastCounted);
    }

    /**
     * Folds in the score {@code x} of the challenger's forecast for {@code target}: unchanged if that date is
     * already counted; otherwise both tests take the score, then the one that can end the current serving
     * decides (promotion while naive serves, demotion while the LSTM serves).
     */
    public Step afterScore(LocalDate target, double x, EvidenceSettings settings) {
        return afterScore(target, x, settings, settings.threshold());
    }

    /**
     * As {@link #afterScore(LocalDate, double, EvidenceSettings)}, with promotion at {@code promotionAt} (at least
     * {@code 1 / alpha}; see {@link Multiplicity}) instead of {@code 1 / alpha}.
     */
    public Step afterScore(LocalDate target, double x, EvidenceSettings settings, double promotionAt) {
        Objects.requireNonNull(target, "target");
        if (!counts(target)) {
            return new Step(this, Decision.NONE);
        }
        return decide(forPromotion.after(x, settings), forDemotion.after(x, settings), scored + 1, target, settings,
                promotionAt);
    }

    /**
     * Folds in, in order of target date, a candidate's scores from before it served (its validation windows),
     * through {@link #afterScore}: dates already counted are skipped, and the scores may promote. Only scores of
     * forecasts the candidate was neither trained on nor selected on (no choice of model, epoch or settings by
     * these windows) may be used: the tests are valid only if each forecast was fixed before its outcome was
     * known to the process that made it.
     */
    public SymbolEvidence warmStart(List<DatedScore> validation, EvidenceSettings settings) {
        List<DatedScore> inOrder = new ArrayList<>(validation);
        inOrder.sort(Comparator.comparing(DatedScore::target));
        SymbolEvidence state = this;
        for (DatedScore score : inOrder) {
            state = state.afterScore(score.target(), score.x(), settings).next();
        }
        return state;
    }

    /**
     * Joins a candidate's validation evidence ({@link ValidationEvidence}) where it adds only days not counted yet
     * (all its windows after {@link #lastCounted}; otherwise unchanged): the test that can end the current serving
     * continues over them and may decide (a promotion restarts the demotion test, a demotion the promotion test,
     * as in {@link #afterScore}); the other test takes them too.
     */
    public Step withValidation(ValidationEvidence validation, EvidenceSettings settings) {
        return withValidation(validation, settings, settings.threshold());
    }

    /** As {@link #withValidation(ValidationEvidence, EvidenceSettings)}, with promotion at {@code promotionAt}. */
    public Step withValidation(ValidationEvidence validation, EvidenceSettings settings, double promotionAt) {
        if (validation == null || !counts(validation.first())) {
            return new Step(this, Decision.NONE);
        }
        return decide(forPromotion.then(validation.forPromotion()), forDemotion.then(validation.forDemotion()),
                scored + validation.windows(), validation.last(), settings, promotionAt);
    }

    /**
     * The state with both tests moved on to {@code promotion} and {@code demotion}: the one that can end the current
     * serving decides (a promotion restarts the demotion test, a demotion restarts the promotion test).
     */
    private Step decide(BettingEProcess promotion, BettingEProcess demotion, long newScored, LocalDate counted,
                        EvidenceSettings settings, double promotionAt) {
        if (!(promotionAt >= settings.threshold())) {
            throw new IllegalArgumentException("promotion threshold must be >= 1/alpha = " + settings.threshold()
                    + ", got " + promotionAt);
        }
        double logThreshold = Math.log(settings.threshold());
        if (serving == Serving.NAIVE && promotion.logEValue() >= Math.log(promotionAt)) {
            return new Step(new SymbolEvidence(Serving.LSTM, promotion,
                    BettingEProcess.start(Direction.CHALLENGER_NOT_BETTER, settings), newScored, counted,
                    promotions + 1, demotions), Decision.PROMOTED);
        }
        if (serving == Serving.LSTM && demotion.logEValue() >= logThreshold) {
            return new Step(new SymbolEvidence(Serving.NAIVE, BettingEProcess.start(Direction.CHALLENGER_BETTER, settings),
                    demotion, newScored, counted, promotions, demotions + 1), Decision.DEMOTED);
        }
        return new Step(new SymbolEvidence(serving, promotion, demotion, newScored, counted, promotions, demotions),
                Decision.NONE);
    }

    /** The e-value of the test that can change what is served now, for display. */
    public double evidence() {
        return serving == Serving.NAIVE ? forPromotion.eValue() : forDemotion.eValue();
    }
}
