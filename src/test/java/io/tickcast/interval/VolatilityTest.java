package io.tickcast.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class VolatilityTest {

    @Test
    void theEwmaOfSquaredLogReturnsFindsAConstantVolatility() {
        Random random = new Random(7);
        double[] closes = new double[5000];
        closes[0] = 100;
        for (int i = 1; i < closes.length; i++) {
            closes[i] = closes[i - 1] * Math.exp(0.012 * random.nextGaussian());
        }
        double[] sigmas = Volatility.sigmas(closes, 11.2);
        double mean = 0;
        for (int i = 1000; i < sigmas.length; i++) {
            mean += sigmas[i];
        }
        mean /= sigmas.length - 1000;
        // an EWMA of ~16 effective returns: each estimate is noisy, their mean is close (sqrt bias under 2%)
        assertThat(mean).isCloseTo(0.012, within(0.0006));
    }

    @Test
    void itFollowsAVolatilityChangeWithinAFewHalfLives() {
        double[] closes = new double[400];
        closes[0] = 100;
        for (int i = 1; i < closes.length; i++) {
            double r = i < 200 ? 0.005 : 0.03;
            closes[i] = closes[i - 1] * Math.exp(i % 2 == 0 ? r : -r); // |return| is exactly r
        }
        double[] sigmas = Volatility.sigmas(closes, 10);
        assertThat(sigmas[199]).isCloseTo(0.005, within(1e-9));
        assertThat(sigmas[210]).as("one half-life later: variance halfway").isCloseTo(
                Math.sqrt(0.5 * 0.005 * 0.005 + 0.5 * 0.03 * 0.03), within(0.001));
        assertThat(sigmas[260]).isCloseTo(0.03, within(0.001));
    }

    @Test
    void theFirstReturnsGetAPlainMeanAndAFlatSeriesIsFloored() {
        Volatility v = Volatility.NONE.next(100, 101, 11.2).next(101, 99, 11.2);
        double r1 = Math.log(1.01);
        double r2 = Math.log(99 / 101.0);
        assertThat(v.variance()).isCloseTo((r1 * r1 + r2 * r2) / 2, within(1e-15));
        assertThat(v.returns()).isEqualTo(2);
        assertThat(Volatility.NONE.next(100, 100, 11.2).sigma()).isEqualTo(Volatility.MIN_SIGMA);
    }
}
