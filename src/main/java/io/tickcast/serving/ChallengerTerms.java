package io.tickcast.serving;

import java.time.LocalDate;
import java.util.Map;

import io.tickcast.evidence.ValidationEvidence;

/**
 * What comes with a model besides its weights: whether it serves every symbol without per-symbol evidence (a model
 * an operator installed, or one that passed the pooled gate under {@code evidence.decision=pooled}), the newest date
 * of the data it was trained and validated on (live forecasts for windows ending before it are not counted as
 * evidence: the model may have seen their outcome), and its evidence on each symbol's validation windows.
 *
 * @param servesEverywhere true: the model serves every symbol whatever their evidence says
 * @param trainedThrough   the newest date the model's training or validation saw, null if not known
 * @param validation       per symbol, the model's evidence on its validation windows (none for some or all symbols)
 * @param symbols          how many symbols the model was trained on (at least 1), the family size of
 *                         {@code evidence.multiplicity=family}
 */
public record ChallengerTerms(boolean servesEverywhere, LocalDate trainedThrough,
                              Map<String, ValidationEvidence> validation, int symbols) {

    /** A model installed by hand (an operator, a test): it serves everywhere, and what it saw is not known. */
    public static final ChallengerTerms INSTALLED = new ChallengerTerms(true, null, Map.of(), 1);

    public ChallengerTerms {
        validation = validation == null ? Map.of() : Map.copyOf(validation);
        symbols = Math.max(1, symbols);
    }
}
