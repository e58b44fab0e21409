package io.tickcast.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DieboldMarianoTest {

    private static List<DieboldMariano.Loss> differentials(double[] d) {
        List<DieboldMariano.Loss> out = new ArrayList<>();
        for (int t = 0; t < d.length; t++) {
            out.add(new DieboldMariano.Loss(t, 5 + d[t], 5));
        }
        return out;
    }

    @Test
    void matchesTheStatisticWorkedOutByHand() {
        // d = -1, -2, -3: mean -2; 1 Newey-West lag (floor(4 * 0.03^(2/9))); gamma0 = 2/3, gamma1 = 0;
        // DM = -2 / sqrt((2/3) / 3) = -4.2426; HLN: x sqrt(2/3) = -3.4641; t(2) cdf = 0.5 + t / (2 sqrt(2 + t^2)) = 0.03709
        DieboldMariano dm = DieboldMariano.modelBetter(differentials(new double[] {-1, -2, -3}));
        assertThat(dm.dates()).isEqualTo(3);
        assertThat(dm.lags()).isEqualTo(1);
        assertThat(dm.meanDifferential()).isCloseTo(-2, within(1e-12));
        assertThat(dm.statistic()).isCloseTo(-2 / Math.sqrt(2.0 / 9) * Math.sqrt(2.0 / 3), within(1e-9));
        double t = dm.statistic();
        assertThat(dm.pValue()).isCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), within(1e-9));
        assertThat(DieboldMariano.modelWorse(differentials(new double[] {-1, -2, -3})).pValue())
                .isCloseTo(1 - dm.pValue(), within(1e-12));
    }

    @Test
    void identicalForecastsAreNoEvidenceEitherWay() {
        DieboldMariano dm = DieboldMariano.modelBetter(differentials(new double[] {0, 0, 0, 0, 0}));
        assertThat(dm.statistic()).isNaN();
        assertThat(dm.pValue()).isEqualTo(1.0);
        assertThat(dm.significantAt(0.05)).isFalse();
        assertThat(DieboldMariano.modelWorse(differentials(new double[] {0, 0, 0, 0, 0})).pValue()).isEqualTo(1.0);
    }

    @Test
    void forecastsOfOneDateCountOnceNotOncePerSymbol() {
        Random rnd = new Random(3);
        double[] d = new double[120];
        for (int t = 0; t < d.length; t++) {
            d[t] = rnd.nextGaussian() - 0.15;
        }
        DieboldMariano one = DieboldMariano.modelBetter(differentials(d));
        // ten symbols with the same differential on each date: ten times the windows, no more evidence
        List<DieboldMariano.Loss> tenSymbols = new ArrayList<>();
        for (int t = 0; t < d.length; t++) {
            for (int s = 0; s < 10; s++) {
                tenSymbols.add(new DieboldMariano.Loss(t, 5 + d[t], 5));
            }
        }
        DieboldMariano ten = DieboldMariano.modelBetter(tenSymbols);
        assertThat(ten.windows()).isEqualTo(1200);
        assertThat(ten.dates()).isEqualTo(120);
        assertThat(ten.statistic()).isCloseTo(one.statistic(), within(1e-9));
        assertThat(ten.pValue()).isCloseTo(one.pValue(), within(1e-12));
    }

    @Test
    void underTheNullItRejectsAtAboutItsLevelEvenWhenDaysAreCorrelated() {
        Random rnd = new Random(42);
        int runs = 2000;
        int rejectedIid = 0;
        int rejectedCorrelated = 0;
        int rejectedByAPlainTTest = 0;
        for (int r = 0; r < runs; r++) {
            double[] iid = new double[200];
            double[] ar = new double[200];
            double prev = 0;
            for (int t = 0; t < 200; t++) {
                iid[t] = rnd.nextGaussian();
                prev = 0.5 * prev + rnd.nextGaussian(); // AR(1): neighbouring days' differentials correlate
                ar[t] = prev;
            }
            if (DieboldMariano.modelBetter(differentials(iid)).significantAt(0.05)) {
                rejectedIid++;
            }
            if (DieboldMariano.modelBetter(differentials(ar)).significantAt(0.05)) {
                rejectedCorrelated++;
            }
            if (plainOneSidedT(ar) < -1.653) {
                rejectedByAPlainTTest++;
            }
        }
        assertThat(rejectedIid / (double) runs).isBetween(0.03, 0.07);
        // Newey-West keeps the size near 5% where a test that assumes independent days rejects far more often
        assertThat(rejectedCorrelated / (double) runs).isBetween(0.03, 0.09);
        assertThat(rejectedByAPlainTTest / (double) runs).isGreaterThan(0.11);
    }

    @Test
    void aModelWithARealEdgeIsFoundBetterAndTheOtherWayRoundWorse() {
        Random rnd = new Random(9);
        double[] d = new double[250];
        for (int t = 0; t < d.length; t++) {
            d[t] = -0.3 + rnd.nextGaussian();
        }
        DieboldMariano better = DieboldMariano.modelBetter(differentials(d));
        assertThat(better.statistic()).isLessThan(-2);
        assertThat(better.pValue()).isLessThan(0.01);
        assertThat(DieboldMariano.modelWorse(differentials(d)).pValue()).isGreaterThan(0.99);
    }

    private static double plainOneSidedT(double[] d) {
        double mean = 0;
        for (double v : d) {
            mean += v / d.length;
        }
        double var = 0;
        for (double v : d) {
            var += (v - mean) * (v - mean) / (d.length - 1);
        }
        return mean / Math.sqrt(var / d.length);
    }
}
