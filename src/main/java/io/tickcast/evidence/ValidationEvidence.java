package io.tickcast.evidence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.tickcast.evidence.BettingEProcess.Direction;

/**
 * A candidate's evidence on one symbol's validation windows, folded before it serves anywhere, so that a symbol with
 * a real pattern does not wait for hundreds of live days: both tests run over the windows' scores in date order
 * from wealth 1. Honest because the candidate neither trained on these windows nor was selected on them (its best
 * epoch is chosen on a tail of its training part), and each forecast was fixed before the outcome it is scored on.
 * It travels in the model's registry record (a few numbers per symbol, not the windows) and joins a symbol's live
 * evidence only where it adds days not counted yet ({@link SymbolEvidence#withValidation}).
 *
 * @param first        the first window's target date
 * @param last         the last window's target date
 * @param windows      windows scored
 * @param forPromotion the promotion test over them
 * @param forDemotion  the demotion test over them
 */
public record ValidationEvidence(LocalDate first, LocalDate last, long windows, BettingEProcess forPromotion,
                                 BettingEProcess forDemotion) {

    public ValidationEvidence {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(forPromotion, "forPromotion");
        Objects.requireNonNull(forDemotion, "forDemotion");
        if (last.isBefore(first) || windows < 1) {
            throw new IllegalArgumentException("validation evidence needs at least one window and first <= last, got "
                    + windows + " windows from " + first + " to " + last);
        }
    }

    /** Both tests folded over {@code scores} in date order (one per target date; null if there are none). */
    public static ValidationEvidence of(List<SymbolEvidence.DatedScore> scores, EvidenceSettings settings) {
        if (scores.isEmpty()) {
            return null;
        }
        List<SymbolEvidence.DatedScore> inOrder = new ArrayList<>(scores);
        inOrder.sort(Comparator.comparing(SymbolEvidence.DatedScore::target));
        BettingEProcess promotion = BettingEProcess.start(Direction.CHALLENGER_BETTER, settings);
        BettingEProcess demotion = BettingEProcess.start(Direction.CHALLENGER_NOT_BETTER, settings);
        LocalDate previous = null;
        long n = 0;
        for (SymbolEvidence.DatedScore s : inOrder) {
            if (previous != null && !s.target().isAfter(previous)) {
                continue; // one score per target date
            }
            promotion = promotion.after(s.x(), settings);
            demotion = demotion.after(s.x(), settings);
            previous = s.target();
            n++;
        }
        return new ValidationEvidence(inOrder.get(0).target(), previous, n, promotion, demotion);
    }
}
