package io.tickcast.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Demotion: a promoted challenger whose edge disappears is demoted within a bounded horizon, and a challenger
 * that is truly better is demoted in at most alpha of sequences (the mirror test's validity).
 */
class DemotionTest {

    private static final LocalDate START = LocalDate.of(2020, 1, 1);
    private static final EvidenceSettings SETTINGS = EvidenceSettings.DEFAULT;

    /**
     * AR(0.3) returns with its oracle until promotion, then a random walk: the challenger either keeps forecasting
     * the vanished pattern ({@code noise = 0}) or forecasts noise of {@code noise} sigmas.
     */
    @ParameterizedTest(name = "stale pattern, noise {0} sigma: 90% demoted within {1} days")
    @CsvSource({"0, 2500", "0.5, 700"})
    void aChallengerThatLostItsEdgeIsDemoted(double noise, int horizon) {
        int seeds = PowerTest.SEEDS;
        int[] days = new int[seeds];
        int within = 0;
        for (int seed = 0; seed < seeds; seed++) {
            days[seed] = daysToDemotion(seed, noise, horizon);
            within += days[seed] <= horizon ? 1 : 0;
        }
        Arrays.sort(days);
        System.out.printf(Locale.ROOT, "edge gone (stale AR(0.3) guess%s): demoted in %d of %d seeds within %d "
                + "days; median %d days after the change%n", noise > 0 ? " plus noise of " + noise + " sigma" : "",
                within, seeds, horizon, days[seeds / 2]);
        assertThat(within).isGreaterThanOrEqualTo(seeds * 9 / 10);
    }

    @Test
    void aTrulyBetterChallengerIsDemotedInAtMostAlphaOfSequences() {
        // AR(0.05) returns and their oracle: a small but real edge, close to the mirror null's boundary
        int sequences = 2_000;
        int demoted = 0;
        for (int i = 0; i < sequences; i++) {
            Market.Noise noise = i % 2 == 0 ? Market.Noise.GAUSSIAN : Market.Noise.STUDENT_T4;
            Market market = new Market(31L * i + 5, 0.05, noise, Market.Challenger.ar(0.05));
            SymbolEvidence state = serving();
            for (int t = 0; t < 1_000; t++) {
                SymbolEvidence.Step step = state.afterScore(START.plusDays(t), market.nextScore(4.0), SETTINGS);
                if (step.decision() == SymbolEvidence.Decision.DEMOTED) {
                    demoted++;
                    break;
                }
                state = step.next();
            }
        }
        double share = (double) demoted / sequences;
        System.out.printf(Locale.ROOT, "false demotion share %.4f (%d of %d sequences of 1000 days)%n", share,
                demoted, sequences);
        assertThat(share).isLessThanOrEqualTo(SETTINGS.alpha());
    }

    /** A promoted symbol with fresh demotion evidence. */
    private static SymbolEvidence serving() {
        SymbolEvidence fresh = SymbolEvidence.fresh();
        return new SymbolEvidence(SymbolEvidence.Serving.LSTM, fresh.forPromotion(), fresh.forDemotion(), 0, null,
                1, 0);
    }

    private static int daysToDemotion(int seed, double noise, int horizon) {
        Market market = new Market(7_919L * seed + 3, 0.3, Market.Noise.GAUSSIAN, Market.Challenger.ar(0.3));
        SymbolEvidence state = SymbolEvidence.fresh(SETTINGS);
        LocalDate day = START;
        while (state.serving() == SymbolEvidence.Serving.NAIVE && day.isBefore(START.plusDays(20_000))) {
            day = day.plusDays(1);
            state = state.afterScore(day, market.nextScore(SETTINGS.lossBound()), SETTINGS).next();
        }
        assertThat(state.serving()).isEqualTo(SymbolEvidence.Serving.LSTM);
        assertThat(state.forDemotion().eValue()).isEqualTo(1.0);
        Market.Challenger stale = Market.Challenger.ar(0.3);
        Market.Challenger noisy = Market.Challenger.noisyNaive(noise);
        market.change(0, (r, sigma, rnd) -> stale.logForecast(r, sigma, rnd) + noisy.logForecast(r, sigma, rnd));
        for (int t = 1; t <= horizon; t++) {
            SymbolEvidence.Step step = state.afterScore(day.plusDays(t), market.nextScore(SETTINGS.lossBound()),
                    SETTINGS);
            if (step.decision() == SymbolEvidence.Decision.DEMOTED) {
                assertThat(step.next().forPromotion().eValue()).isEqualTo(1.0);
                return t;
            }
            state = step.next();
        }
        return horizon + 1;
    }
}
