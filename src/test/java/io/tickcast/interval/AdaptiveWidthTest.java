package io.tickcast.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import io.tickcast.records.Interval;
import org.junit.jupiter.api.Test;

class AdaptiveWidthTest {

    /** Normal quantiles of |error|: right for errors of standard deviation 1. */
    private static final Calibration UNIT = new Calibration(Calibration.SCALE_NONE, 11.2, 100_000,
            List.of(new Calibration.Quantile(0.8, 1.2816), new Calibration.Quantile(0.95, 1.9600)));

    @Test
    void aMissWidensByRateTimesLevelAndAHitNarrowsByRateTimesItsComplement() {
        AdaptiveWidth a = new AdaptiveWidth(0.05);
        assertThat(a.next(0, 0.8, false)).isCloseTo(0.05 * 0.8, within(1e-12));
        assertThat(a.next(0, 0.8, true)).isCloseTo(-0.05 * 0.2, within(1e-12));
        assertThat(a.next(AdaptiveWidth.LIMIT, 0.95, false)).isEqualTo(AdaptiveWidth.LIMIT);
        assertThat(a.next(-AdaptiveWidth.LIMIT, 0.95, true)).isEqualTo(-AdaptiveWidth.LIMIT);
        assertThat(AdaptiveWidth.OFF.next(0.3, 0.8, false)).isEqualTo(0.3);
        assertThatThrownBy(() -> new AdaptiveWidth(-0.1)).hasMessageContaining("adapt rate");
    }

    @Test
    void theWidthFactorWidensBothSidesInLogPrice() {
        List<Interval> plain = UNIT.intervals(100, 0.01);
        List<Interval> wider = UNIT.intervals(100, 0.01, new double[] {Math.log(2), 0});
        assertThat(Math.log(wider.get(0).upper() / 100)).isCloseTo(2 * Math.log(plain.get(0).upper() / 100), within(1e-12));
        assertThat(Math.log(100 / wider.get(0).lower())).isCloseTo(2 * Math.log(100 / plain.get(0).lower()), within(1e-12));
        assertThat(wider.get(1)).isEqualTo(plain.get(1));
    }

    /**
     * Errors whose spread is not the calibration's (1.6 times wider, then 0.6 times): the calibrated intervals
     * cover far too little, then too much; corrected online, each regime's coverage comes back to nominal.
     */
    @Test
    void coverageReturnsToNominalWhenTheErrorsNoLongerMatchTheCalibration() {
        for (double spread : new double[] {1.6, 0.6}) {
            Random random = new Random(5);
            AdaptiveWidth adapt = new AdaptiveWidth(IntervalSettings.DEFAULT_ADAPT_RATE);
            double[] theta = new double[2];
            int n = 6000;
            int[] fixedInside = new int[2];
            int[] adaptedInside = new int[2];
            for (int t = 0; t < n; t++) {
                double actual = Math.exp(spread * random.nextGaussian());   // the forecast is 1, the scale 1
                List<Interval> fixed = UNIT.intervals(1, 1);
                List<Interval> adapted = UNIT.intervals(1, 1, theta);
                for (int l = 0; l < 2; l++) {
                    fixedInside[l] += fixed.get(l).contains(actual) ? 1 : 0;
                    boolean in = adapted.get(l).contains(actual);
                    adaptedInside[l] += in ? 1 : 0;
                    theta[l] = adapt.next(theta[l], adapted.get(l).level(), in);
                }
            }
            double[] nominal = {0.8, 0.95};
            for (int l = 0; l < 2; l++) {
                double fixedCoverage = fixedInside[l] / (double) n;
                double adaptedCoverage = adaptedInside[l] / (double) n;
                assertThat(Math.abs(fixedCoverage - nominal[l])).as("spread %s, level %s: calibrated alone", spread, nominal[l])
                        .isGreaterThan(0.03);
                assertThat(adaptedCoverage).as("spread %s, level %s: corrected online", spread, nominal[l])
                        .isCloseTo(nominal[l], within(0.02));
            }
        }
    }
}
