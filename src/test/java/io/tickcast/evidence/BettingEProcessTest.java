package io.tickcast.evidence;

import static io.tickcast.evidence.BettingEProcess.Direction.CHALLENGER_BETTER;
import static io.tickcast.evidence.BettingEProcess.Direction.CHALLENGER_NOT_BETTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.tickcast.evidence.BettingEProcess.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BettingEProcessTest {

    private static final List<Double> TWO_BETS = List.of(0.1, 0.5);

    @Test
    void startsWithWealthOne() {
        BettingEProcess p = BettingEProcess.start(CHALLENGER_BETTER, 6);
        assertThat(p.eValue()).isEqualTo(1.0);
        assertThat(p.logEValue()).isEqualTo(0.0);
        assertThat(p.observations()).isZero();
        assertThat(p.logWealth()).hasSize(6);
        assertThatThrownBy(() -> BettingEProcess.start(CHALLENGER_BETTER, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gridSize");
    }

    @Test
    void mixesTheComponentsWorkedOutByHand() {
        // x = 0.4, bets 0.1 and 0.5; the adaptive bet has no past, so it bets 0: wealth (1.04 + 1.2 + 1) / 3
        BettingEProcess better = BettingEProcess.start(CHALLENGER_BETTER, 2).after(0.4, 0, TWO_BETS);
        assertThat(better.eValue()).isCloseTo(3.24 / 3, within(1e-12));
        // the mirror bets on x < m: (0.96 + 0.8 + 1) / 3
        BettingEProcess notBetter = BettingEProcess.start(CHALLENGER_NOT_BETTER, 2).after(0.4, 0, TWO_BETS);
        assertThat(notBetter.eValue()).isCloseTo(2.76 / 3, within(1e-12));
        // a margin of 0.1 leaves 0.3 to win on: (1.03 + 1.15 + 1) / 3
        BettingEProcess margin = BettingEProcess.start(CHALLENGER_BETTER, 2).after(0.4, 0.1, TWO_BETS);
        assertThat(margin.eValue()).isCloseTo(3.18 / 3, within(1e-12));
        assertThat(better.observations()).isEqualTo(1);
    }

    @Test
    void theAdaptiveBetIsAGrapaOnThePastOnly() {
        // after x = 0.1: mean 0.1 / 2, second moment (0.25 + 0.01) / 2, bet 0.05 / 0.13
        BettingEProcess p = BettingEProcess.start(CHALLENGER_BETTER, 2).after(0.1, 0, TWO_BETS);
        assertThat(p.adaptiveBet(0, 0.5)).isCloseTo(0.05 / 0.13, within(1e-12));
        assertThat(p.adaptiveBet(0, 0.2)).isEqualTo(0.2);
        BettingEProcess q = p.after(0.3, 0, TWO_BETS);
        assertThat(q.adaptiveLogWealth()).isCloseTo(Math.log1p(0.05 / 0.13 * 0.3), within(1e-12));
        // the mirror sees a negative edge in the same past and does not bet
        BettingEProcess mirror = BettingEProcess.start(CHALLENGER_NOT_BETTER, 2).after(0.1, 0, TWO_BETS);
        assertThat(mirror.adaptiveBet(0, 0.5)).isZero();
    }

    @Test
    void theMixtureIsComputedStablyFarBeyondTheRangeOfADouble() {
        BettingEProcess huge = new BettingEProcess(CHALLENGER_BETTER, List.of(1000.0, 1000.0), 1000, 0, 0, 0, 3);
        assertThat(huge.logEValue()).isCloseTo(1000, within(1e-9));
        assertThat(huge.eValue()).isInfinite();
        BettingEProcess tiny = new BettingEProcess(CHALLENGER_BETTER, List.of(-1000.0, -1000.0), -1000, 0, 0, 0, 3);
        assertThat(tiny.logEValue()).isCloseTo(-1000, within(1e-9));
        BettingEProcess mixed = new BettingEProcess(CHALLENGER_BETTER, List.of(800.0, 0.0), 0, 0, 0, 0, 3);
        assertThat(mixed.logEValue()).isCloseTo(800 - Math.log(3), within(1e-9));
    }

    @Test
    void extremeScoresKeepEveryLogWealthFinite() {
        // the largest margin with bets just inside (0, 1 / (1 + m)): a loss leaves 1 - 0.67 * 1.49 of the stake
        EvidenceSettings edge = new EvidenceSettings(0.05, 0.49, 4, List.of(0.001, 0.3, 0.67));
        SplittableRandom rnd = new SplittableRandom(5);
        for (EvidenceSettings s : List.of(edge, EvidenceSettings.DEFAULT)) {
            BettingEProcess up = BettingEProcess.start(CHALLENGER_BETTER, s);
            BettingEProcess down = BettingEProcess.start(CHALLENGER_NOT_BETTER, s);
            for (int t = 0; t < 100_000; t++) {
                double x = (t / 1000) % 2 == 0 ? (rnd.nextBoolean() ? 1 : -1) : ((t / 1000) % 4 == 1 ? -1 : 1);
                up = up.after(x, s);
                down = down.after(x, s);
            }
            for (BettingEProcess p : List.of(up, down)) {
                assertThat(p.logWealth()).allMatch(Double::isFinite);
                assertThat(p.adaptiveLogWealth()).isFinite();
                assertThat(p.logEValue()).isFinite();
                assertThat(p.observations()).isEqualTo(100_000);
            }
        }
    }

    @Test
    void aChangedGridRestartsEveryComponentAtTheMixturesWealth() {
        BettingEProcess p = BettingEProcess.start(CHALLENGER_BETTER, EvidenceSettings.DEFAULT);
        for (double x : new double[] {0.3, -0.1, 0.5, 0.2}) {
            p = p.after(x, EvidenceSettings.DEFAULT);
        }
        double before = p.eValue();
        // a score equal to the margin pays nothing, so the re-mixed wealth must equal the old mixture's
        BettingEProcess remixed = p.after(0.0, 0, TWO_BETS);
        assertThat(remixed.logWealth()).hasSize(2);
        assertThat(remixed.eValue()).isCloseTo(before, within(1e-12));
        assertThat(remixed.logWealth()).allSatisfy(l -> assertThat(l).isCloseTo(Math.log(before), within(1e-12)));
    }

    @Test
    void rejectsScoresBetsAndStatesOutsideTheirRanges() {
        BettingEProcess p = BettingEProcess.start(CHALLENGER_BETTER, 2);
        assertThatThrownBy(() -> p.after(1.5, 0, TWO_BETS)).hasMessageContaining("x must be in [-1, 1]");
        assertThatThrownBy(() -> p.after(Double.NaN, 0, TWO_BETS)).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> p.after(0, 0.3, List.of(0.1, 0.8))).hasMessageContaining("got 0.8");
        assertThatThrownBy(() -> p.after(0, 0, List.of(0.1, 0.0))).hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> new BettingEProcess(CHALLENGER_BETTER, List.of(Double.NEGATIVE_INFINITY), 0, 0, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logWealth");
        assertThatThrownBy(() -> new BettingEProcess(null, List.of(0.0), 0, 0, 0, 0, 0))
                .isInstanceOf(NullPointerException.class);
    }

    /**
     * Ville at the boundary of each null: scores of mean exactly {@code m}, spread wide so that the wealth moves a
     * lot, reach {@code 1 / alpha} in at most alpha of sequences.
     */
    @ParameterizedTest
    @EnumSource(Direction.class)
    void atTheNullsBoundaryTheThresholdIsReachedInAtMostAlphaOfSequences(Direction direction) {
        EvidenceSettings s = new EvidenceSettings(0.05, 0.1, 4, List.of(0.025, 0.05, 0.1, 0.2, 0.4, 0.8));
        int sequences = 2_000;
        int reached = 0;
        for (int i = 0; i < sequences; i++) {
            SplittableRandom rnd = new SplittableRandom(977L * i + direction.ordinal());
            double spread = i % 2 == 0 ? 0.9 : 0.2;
            BettingEProcess p = BettingEProcess.start(direction, s);
            for (int t = 0; t < 500; t++) {
                double x = s.margin() + (rnd.nextBoolean() ? spread : -spread) * rnd.nextDouble();
                p = p.after(x, s);
                if (p.logEValue() >= Math.log(s.threshold())) {
                    reached++;
                    break;
                }
            }
        }
        double share = (double) reached / sequences;
        System.out.printf(Locale.ROOT, "%s at the null's boundary: threshold reached in %.4f of %d sequences%n",
                direction, share, sequences);
        assertThat(share).isLessThanOrEqualTo(s.alpha());
    }
}
