package io.tickcast.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Time to value: a challenger that knows a real pattern (AR(1) returns, forecast {@code exp(phi r_(t-1))} times
 * the last close) is promoted in most seeds within a bounded number of days.
 */
class PowerTest {

    static final int SEEDS = 200;
    private static final LocalDate START = LocalDate.of(2020, 1, 1);

    @ParameterizedTest(name = "phi {0}: 90% promoted within {1} days")
    @CsvSource({"0.2, 2000", "0.3, 900"})
    void anOracleOfThePatternIsPromoted(double phi, int horizon) {
        EvidenceSettings settings = EvidenceSettings.DEFAULT;
        int[] days = new int[SEEDS];
        int within = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            days[seed] = daysToPromotion(seed, phi, horizon, settings);
            within += days[seed] <= horizon ? 1 : 0;
        }
        Arrays.sort(days);
        System.out.printf(Locale.ROOT, "phi %.1f: promoted in %d of %d seeds within %d days; median %d days, "
                + "90th percentile %s%n", phi, within, SEEDS, horizon, days[SEEDS / 2],
                days[SEEDS * 9 / 10] > horizon ? "> " + horizon : days[SEEDS * 9 / 10]);
        assertThat(within).isGreaterThanOrEqualTo(SEEDS * 9 / 10);
    }

    /** Days until the symbol is promoted, or {@code horizon + 1} if it is not within the horizon. */
    static int daysToPromotion(int seed, double phi, int horizon, EvidenceSettings settings) {
        Market market = new Market(7_919L * seed + 1, phi, Market.Noise.GAUSSIAN, Market.Challenger.ar(phi));
        SymbolEvidence state = SymbolEvidence.fresh(settings);
        for (int t = 1; t <= horizon; t++) {
            SymbolEvidence.Step step = state.afterScore(START.plusDays(t), market.nextScore(settings.lossBound()),
                    settings);
            if (step.decision() == SymbolEvidence.Decision.PROMOTED) {
                return t;
            }
            state = step.next();
        }
        return horizon + 1;
    }
}
