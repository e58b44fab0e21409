package io.tickcast.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@code evidence.multiplicity=family}: on panels where no symbol has an edge, the share of panels in which any
 * symbol is ever promoted stays at most alpha, where testing each symbol at {@code 1 / alpha} does not.
 */
class MultiplicityTest {

    private static final int PANELS = 200;
    private static final int SYMBOLS = 10;
    private static final int DAYS = 1_000;
    private static final LocalDate START = LocalDate.of(2020, 1, 1);

    @Test
    void familyKeepsTheChanceOfAnyFalsePromotionInAPanelAtMostAlpha() {
        EvidenceSettings settings = EvidenceSettings.DEFAULT;
        int anyNone = 0;
        int anyFamily = 0;
        for (int p = 0; p < PANELS; p++) {
            boolean none = false;
            boolean family = false;
            for (int s = 0; s < SYMBOLS; s++) {
                long seed = 7_919L * (p * SYMBOLS + s) + 3;
                none |= everPromoted(seed, settings, Multiplicity.NONE.promotionThreshold(settings, SYMBOLS));
                family |= everPromoted(seed, settings, Multiplicity.FAMILY.promotionThreshold(settings, SYMBOLS));
            }
            anyNone += none ? 1 : 0;
            anyFamily += family ? 1 : 0;
        }
        double shareNone = (double) anyNone / PANELS;
        double shareFamily = (double) anyFamily / PANELS;
        System.out.printf(Locale.ROOT, "panels of %d symbols at the null boundary with any promotion: none %.3f, "
                + "family %.3f (%d panels of %d days; alpha %.2f)%n", SYMBOLS, shareNone, shareFamily, PANELS, DAYS,
                settings.alpha());
        assertThat(shareFamily).isLessThanOrEqualTo(settings.alpha());
        assertThat(shareNone).as("without the correction, some panel has a false promotion more often")
                .isGreaterThan(shareFamily);
    }

    @Test
    void theFamilyThresholdGrowsWithTheSymbolsAndNeverFallsBelowOneOverAlpha() {
        EvidenceSettings settings = EvidenceSettings.DEFAULT;
        assertThat(Multiplicity.FAMILY.promotionThreshold(settings, 12)).isEqualTo(240.0);
        assertThat(Multiplicity.FAMILY.promotionThreshold(settings, 0)).isEqualTo(20.0);
        assertThat(Multiplicity.NONE.promotionThreshold(settings, 12)).isEqualTo(20.0);
        assertThat(Multiplicity.of("family")).contains(Multiplicity.FAMILY);
        assertThat(Multiplicity.of("e-bh")).isEmpty();
        assertThatThrownBy(() -> SymbolEvidence.fresh().afterScore(START, 0.1, settings, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 1/alpha");
    }

    @Test
    void aRealEdgeIsPromotedUnderEitherOnlyLaterUnderFamily() {
        EvidenceSettings settings = EvidenceSettings.DEFAULT;
        int none = daysToPromotion(11, settings, Multiplicity.NONE.promotionThreshold(settings, SYMBOLS));
        int family = daysToPromotion(11, settings, Multiplicity.FAMILY.promotionThreshold(settings, SYMBOLS));
        assertThat(none).isPositive();
        assertThat(family).isGreaterThan(none);
    }

    /** Scores symmetric about 0 (the null's boundary at margin 0): nothing beats naive, nothing loses to it. */
    private static boolean everPromoted(long seed, EvidenceSettings settings, double promotionAt) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SymbolEvidence state = SymbolEvidence.fresh(settings);
        for (int t = 0; t < DAYS; t++) {
            double x = (rnd.nextDouble() * 2 - 1) * rnd.nextDouble();
            SymbolEvidence.Step step = state.afterScore(START.plusDays(t), x, settings, promotionAt);
            if (step.decision() == SymbolEvidence.Decision.PROMOTED) {
                return true;
            }
            state = step.next();
        }
        return false;
    }

    /** Days until promotion when scores have mean 0.1 (-1 if never within 5,000). */
    private static int daysToPromotion(long seed, EvidenceSettings settings, double promotionAt) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SymbolEvidence state = SymbolEvidence.fresh(settings);
        for (int t = 0; t < 5_000; t++) {
            double x = Math.max(-1, Math.min(1, 0.1 + (rnd.nextDouble() * 2 - 1) * 0.6));
            SymbolEvidence.Step step = state.afterScore(START.plusDays(t), x, settings, promotionAt);
            if (step.decision() == SymbolEvidence.Decision.PROMOTED) {
                return t + 1;
            }
            state = step.next();
        }
        return -1;
    }
}
