package io.tickcast.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * Validity: on random walks no challenger has an edge, so a symbol must be promoted (its promotion e-process
 * ever reaching {@code 1 / alpha}) in at most alpha of independent sequences, whatever the challenger does.
 */
class FalsePromotionTest {

    private static final int SEQUENCES = 2_000;
    private static final int DAYS = 1_000;
    private static final LocalDate START = LocalDate.of(2020, 1, 1);

    @Test
    void randomWalksArePromotedInAtMostAlphaOfSequences() {
        EvidenceSettings settings = EvidenceSettings.DEFAULT;
        int[] promoted = new int[4];
        for (int i = 0; i < SEQUENCES; i++) {
            if (everPromoted(i, settings)) {
                promoted[i % 4]++;
            }
        }
        int total = promoted[0] + promoted[1] + promoted[2] + promoted[3];
        double share = (double) total / SEQUENCES;
        System.out.printf(Locale.ROOT, "false promotion share %.4f (%d of %d sequences of %d days; alpha %.2f); "
                        + "by variant (gauss/noisy, t4/noisy, gauss/ar, t4/ar of %d each): %d %d %d %d%n",
                share, total, SEQUENCES, DAYS, settings.alpha(), SEQUENCES / 4,
                promoted[0], promoted[1], promoted[2], promoted[3]);
        assertThat(share).isLessThanOrEqualTo(settings.alpha());
    }

    /** Sequence {@code i}: Gaussian or t4 innovations, a noisy naive challenger or an AR guess with random b. */
    private static boolean everPromoted(int i, EvidenceSettings settings) {
        Market.Noise noise = i % 2 == 0 ? Market.Noise.GAUSSIAN : Market.Noise.STUDENT_T4;
        long seed = 1_000_003L * i + 17;
        Market market = new Market(seed, 0, noise, Market.Challenger.noisyNaive(0.1));
        if (i % 4 >= 2) {
            double b = market.random().nextDouble(-0.5, 0.5);
            market.change(0, Market.Challenger.ar(b));
        }
        SymbolEvidence state = SymbolEvidence.fresh(settings);
        for (int t = 0; t < DAYS; t++) {
            SymbolEvidence.Step step = state.afterScore(START.plusDays(t), market.nextScore(settings.lossBound()),
                    settings);
            if (step.decision() == SymbolEvidence.Decision.PROMOTED) {
                return true;
            }
            state = step.next();
        }
        return false;
    }
}
