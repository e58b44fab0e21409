package io.tickcast.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.tickcast.gate.ValidationWindow;
import org.junit.jupiter.api.Test;

/** The gate's coverage check: calibrate on the older half of the validation windows, count on the newer half. */
class ValidationCalibrationTest {

    private static final double SIGMA = 0.01;
    private static final LocalDate D0 = LocalDate.of(2010, 1, 1);

    /** Windows of two symbols whose model errors are Gaussian with {@code later} times the volatility after day n/2. */
    private static List<ValidationWindow> windows(int days, double later, Random random, double[] modelOut) {
        List<ValidationWindow> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            for (int s = 0; s < 2; s++) {
                double scale = d < days / 2 ? 1 : later;
                double last = 100;
                double forecast = 100 * Math.exp(0.001);
                double actual = forecast * Math.exp(scale * SIGMA * random.nextGaussian());
                modelOut[out.size()] = forecast;
                out.add(new ValidationWindow("S" + s, D0.plusDays(d), new double[] {99, 100, 101, 99.5, last}, actual));
            }
        }
        return out;
    }

    private static CoverageCheck check(int days, double later, long seed) {
        double[] model = new double[2 * days];
        List<ValidationWindow> w = windows(days, later, new Random(seed), model);
        double[] sigmas = new double[w.size()];
        java.util.Arrays.fill(sigmas, SIGMA);
        ForecasterCalibration c = ValidationCalibration.fit(w, model, sigmas, IntervalSettings.DEFAULT, 0.05, 0.05);
        assertThat(c.lstm().samples()).isEqualTo(w.size());
        assertThat(c.naive().samples()).isEqualTo(w.size());
        return c.check();
    }

    @Test
    void exchangeableErrorsPassWithCoverageNearNominal() {
        CoverageCheck c = check(600, 1, 1);
        assertThat(c.passed()).as(c.summary()).isTrue();
        assertThat(c.calibrationWindows()).isEqualTo(600);
        assertThat(c.checkWindows()).isEqualTo(600);
        assertThat(c.levels().get(0).coverage()).isCloseTo(0.8, within(0.05));
        assertThat(c.levels().get(1).coverage()).isCloseTo(0.95, within(0.03));
    }

    @Test
    void errorsThatGrowBeyondTheScaleFailTheCheck() {
        CoverageCheck c = check(600, 2, 2); // the newer half's errors are twice what the scale says
        assertThat(c.passed()).as(c.summary()).isFalse();
        assertThat(c.levels().get(0).coverage()).isLessThan(0.6);
        assertThat(c.levels().get(0).pValue()).isLessThan(0.001);
        assertThat(c.summary()).contains("at 80%", "tolerance 5 points");
    }

    @Test
    void aSmallGapOnFewWindowsIsNoEvidence() {
        // 60 check windows, 48 inside at 80%: 80%, nothing to see; 44 inside (73%): 2 points beyond the tolerance,
        // within the noise of 60 windows
        assertThat(ValidationCalibration.shortfallPValue(48, 60, 0.8, 0.05)).isGreaterThan(0.3);
        assertThat(ValidationCalibration.shortfallPValue(44, 60, 0.8, 0.05)).isGreaterThan(0.05);
        // the same share on 2,000 windows is evidence
        assertThat(ValidationCalibration.shortfallPValue(1467, 2000, 0.8, 0.05)).isLessThan(0.05);
        // too wide is no shortfall: an accurate model whose intervals are wider than needed is not refused for it
        assertThat(ValidationCalibration.shortfallPValue(1900, 2000, 0.8, 0.05)).isGreaterThan(0.99);
    }
}
