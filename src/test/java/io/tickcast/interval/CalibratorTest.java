package io.tickcast.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.tickcast.records.Interval;
import io.tickcast.records.IntervalScore;
import org.junit.jupiter.api.Test;

/** The calibration maths on data whose quantiles are known. */
class CalibratorTest {

    private static final IntervalSettings LEVELS = IntervalSettings.DEFAULT;

    @Test
    void theConformalQuantileIsTheCeilOfNPlusOneTimesLevelThSmallest() {
        double[] oneToNinetyNine = new double[99];
        Arrays.setAll(oneToNinetyNine, i -> i + 1);
        // (99 + 1) * 0.8 = 80, (99 + 1) * 0.95 = 95: exact ranks, no off-by-one
        assertThat(Calibrator.conformalQuantile(oneToNinetyNine, 0.8)).isEqualTo(80);
        assertThat(Calibrator.conformalQuantile(oneToNinetyNine, 0.95)).isEqualTo(95);
        double[] ten = Arrays.copyOf(oneToNinetyNine, 10);
        assertThat(Calibrator.conformalQuantile(ten, 0.8)).as("ceil(11 * 0.8) = 9").isEqualTo(9);
        assertThat(Calibrator.conformalQuantile(ten, 0.95)).as("ceil(11 * 0.95) = 11 > n: the largest").isEqualTo(10);
    }

    @Test
    void gaussianErrorsGiveTheNormalQuantilesAndTheirCoverage() {
        Random random = new Random(1);
        int n = 20_000;
        double sigma = 0.01;
        double[] forecasts = new double[n];
        double[] actuals = new double[n];
        double[] sigmas = new double[n];
        for (int i = 0; i < n; i++) {
            forecasts[i] = 100;
            actuals[i] = 100 * Math.exp(sigma * random.nextGaussian());
            sigmas[i] = sigma;
        }
        Calibration c = Calibrator.fit(forecasts, actuals, sigmas, LEVELS, Calibration.SCALE_EWMA);
        assertThat(c.samples()).isEqualTo(n);
        assertThat(c.quantiles()).extracting(Calibration.Quantile::level).containsExactly(0.8, 0.95);
        // |N(0,1)| quantiles: 1.2816 at 80%, 1.9600 at 95%; sampling error at n = 20,000 is about 0.015-0.025
        assertThat(c.quantiles().get(0).quantile()).isCloseTo(1.2816, within(0.05));
        assertThat(c.quantiles().get(1).quantile()).isCloseTo(1.9600, within(0.08));
        double[] coverage = coverage(c, new Random(2), n, i -> sigma, false, false);
        assertThat(coverage[0]).isCloseTo(0.80, within(0.015));
        assertThat(coverage[1]).isCloseTo(0.95, within(0.01));
    }

    /**
     * Laplace errors whose scale changes from day to day (volatility known at forecast time): normalised by it,
     * they are Laplace(0, 1), whose quantile of |e| at p is -ln(1 - p). The scaled calibration covers at the
     * nominal levels; unconditional intervals (one width for calm and turbulent days) score worse.
     */
    @Test
    void volatilityScaledLaplaceErrorsGiveTheLaplaceQuantilesAndBeatUnconditionalIntervals() {
        Random random = new Random(3);
        int n = 20_000;
        double[] forecasts = new double[n];
        double[] actuals = new double[n];
        double[] sigmas = new double[n];
        for (int i = 0; i < n; i++) {
            sigmas[i] = volatility(i);
            forecasts[i] = 50;
            actuals[i] = 50 * Math.exp(sigmas[i] * laplace(random));
        }
        Calibration scaled = Calibrator.fit(forecasts, actuals, sigmas, LEVELS, Calibration.SCALE_EWMA);
        Calibration unconditional = Calibrator.fit(forecasts, actuals, sigmas, LEVELS, Calibration.SCALE_NONE);
        assertThat(scaled.quantiles().get(0).quantile()).isCloseTo(Math.log(5), within(0.06));
        assertThat(scaled.quantiles().get(1).quantile()).isCloseTo(Math.log(20), within(0.12));
        double[] covered = coverage(scaled, new Random(4), n, CalibratorTest::volatility, true, false);
        assertThat(covered[0]).isCloseTo(0.80, within(0.015));
        assertThat(covered[1]).isCloseTo(0.95, within(0.01));
        double[] uncovered = coverage(unconditional, new Random(4), n, CalibratorTest::volatility, true, false);
        assertThat(uncovered[0]).as("unconditional intervals cover on average too").isCloseTo(0.80, within(0.015));
        double[] scaledWinkler = coverage(scaled, new Random(5), n, CalibratorTest::volatility, true, true);
        double[] unconditionalWinkler = coverage(unconditional, new Random(5), n, CalibratorTest::volatility, true, true);
        assertThat(scaledWinkler[0]).isLessThan(0.9 * unconditionalWinkler[0]);
        assertThat(scaledWinkler[1]).isLessThan(0.9 * unconditionalWinkler[1]);
    }

    /** The finite-sample guarantee: averaged over many small calibration sets, coverage is in [p, p + 1/(n+1)]. */
    @Test
    void smallCalibrationSetsCoverAtLeastTheNominalLevelOnAverage() {
        Random random = new Random(6);
        int n = 20;
        int repetitions = 4000;
        IntervalSettings eighty = new IntervalSettings(List.of(0.8), 11.2);
        double total = 0;
        for (int r = 0; r < repetitions; r++) {
            double[] f = new double[n];
            double[] a = new double[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                f[i] = 1;
                a[i] = Math.exp(0.01 * random.nextGaussian());
                s[i] = 0.01;
            }
            Calibration c = Calibrator.fit(f, a, s, eighty, Calibration.SCALE_EWMA);
            Interval next = c.intervals(1, 0.01).get(0);
            total += next.contains(Math.exp(0.01 * random.nextGaussian())) ? 1 : 0;
        }
        double coverage = total / repetitions;
        // exactly (ceil(21 * 0.8)) / 21 = 17/21 = 0.8095 in expectation; 4000 draws: standard error 0.006
        assertThat(coverage).isBetween(0.8 - 0.02, 0.8 + 1.0 / (n + 1) + 0.02);
    }

    @Test
    void intervalsAreMultiplicativeAroundTheForecastAndNestedByLevel() {
        Calibration c = new Calibration(Calibration.SCALE_EWMA, 11.2, 100,
                List.of(new Calibration.Quantile(0.8, 1.3), new Calibration.Quantile(0.95, 2.0)));
        List<Interval> bands = c.intervals(200, 0.01);
        assertThat(bands.get(0).lower()).isCloseTo(200 * Math.exp(-0.013), within(1e-9));
        assertThat(bands.get(0).upper()).isCloseTo(200 * Math.exp(0.013), within(1e-9));
        assertThat(bands.get(1).lower()).isLessThan(bands.get(0).lower());
        assertThat(bands.get(1).upper()).isGreaterThan(bands.get(0).upper());
        assertThat(c.intervals(200, 0.02).get(0).width()).as("twice the volatility, about twice the width")
                .isCloseTo(2 * bands.get(0).width(), within(0.01 * bands.get(0).width()));
    }

    @Test
    void theWinklerScoreIsTheWidthPlusTwoOverAlphaTimesTheMiss() {
        assertThat(IntervalScore.winkler(90, 110, 100, 0.8)).isEqualTo(20);
        assertThat(IntervalScore.winkler(90, 110, 115, 0.8)).isCloseTo(20 + 2 / 0.2 * 5, within(1e-9));
        assertThat(IntervalScore.winkler(90, 110, 88, 0.95)).isCloseTo(20 + 2 / 0.05 * 2, within(1e-9));
    }

    private static double volatility(int day) {
        // calm and turbulent stretches: 0.5% to 3% a day
        return 0.005 + 0.025 * (0.5 + 0.5 * Math.sin(day / 40.0));
    }

    private static double laplace(Random random) {
        double u = random.nextDouble() - 0.5;
        return -Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
    }

    /** Coverage (or mean Winkler score, relative) per level on fresh draws (Laplace or Gaussian errors). */
    private static double[] coverage(Calibration c, Random random, int n, java.util.function.IntToDoubleFunction vol,
                                     boolean laplace, boolean winkler) {
        double[] out = new double[c.quantiles().size()];
        for (int i = 0; i < n; i++) {
            double sigma = vol.applyAsDouble(i);
            double e = laplace ? laplace(random) : random.nextGaussian();
            double actual = 100 * Math.exp(sigma * e);
            List<Interval> bands = c.intervals(100, sigma);
            for (int l = 0; l < out.length; l++) {
                out[l] += winkler ? bands.get(l).winkler(actual) / 100 : (bands.get(l).contains(actual) ? 1 : 0);
            }
        }
        for (int l = 0; l < out.length; l++) {
            out[l] /= n;
        }
        return out;
    }
}
