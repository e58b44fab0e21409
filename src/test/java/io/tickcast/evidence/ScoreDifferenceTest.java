package io.tickcast.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScoreDifferenceTest {

    @Test
    void matchesTheDifferenceWorkedOutByHand() {
        // eN = ln(102/100)/0.01 = 1.980263, eL = ln(102/101)/0.01 = 0.985230; 1.980263^2 - 0.985230^2 = 2.950763
        assertThat(ScoreDifference.lossDifference(100, 101, 102, 0.01)).isCloseTo(2.950763026, within(1e-8));
        assertThat(ScoreDifference.score(100, 101, 102, 0.01, 4)).isCloseTo(2.950763026 / 4, within(1e-8));
        // eN = ln(0.99)/0.02 = -0.502517, eL = ln(99/98)/0.02 = 0.507593: the challenger was slightly worse
        assertThat(ScoreDifference.score(100, 98, 99, 0.02, 4)).isCloseTo(-0.005153489 / 4, within(1e-9));
    }

    @Test
    void isZeroForTheNaiveForecastAndClippedToPlusMinusOne() {
        assertThat(ScoreDifference.score(100, 100, 103, 0.01, 4)).isEqualTo(0.0);
        // a forecast 10 sigmas off on a quiet day: delta = -100, clipped
        assertThat(ScoreDifference.score(100, 110, 100, 0.01, 4)).isEqualTo(-1.0);
        // a 10-sigma move forecast exactly: delta = eN^2 = 91, clipped
        assertThat(ScoreDifference.score(100, 110, 110, 0.01, 4)).isEqualTo(1.0);
        assertThat(ScoreDifference.score(100, 110, 110, 0.01, 200)).isCloseTo(Math.pow(Math.log(1.1) / 0.01, 2) / 200,
                within(1e-12));
    }

    @Test
    void symmetricReturnsGiveEveryForecastANonPositiveMeanScore() {
        // the javadoc's argument, path by path: a return and its mirror image score at most 0 together
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            double sigma = 0.005 + 0.03 * rnd.nextDouble();
            double c = rnd.nextGaussian() * (i % 3 == 0 ? 3 : 0.3);
            double r = sigma * rnd.nextGaussian() / Math.sqrt(rnd.nextDouble() + 1e-3);
            double forecast = 100 * Math.exp(c * sigma);
            double up = ScoreDifference.score(100, forecast, 100 * Math.exp(r), sigma, 4);
            double down = ScoreDifference.score(100, forecast, 100 * Math.exp(-r), sigma, 4);
            assertThat(up + down).isLessThanOrEqualTo(1e-12);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsNonPositiveOrNonFiniteInputs(double bad) {
        assertThatThrownBy(() -> ScoreDifference.score(bad, 100, 100, 0.01, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lastClose");
        assertThatThrownBy(() -> ScoreDifference.score(100, bad, 100, 0.01, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("challengerForecast");
        assertThatThrownBy(() -> ScoreDifference.score(100, 100, bad, 0.01, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actual");
        assertThatThrownBy(() -> ScoreDifference.score(100, 100, 100, bad, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma");
        assertThatThrownBy(() -> ScoreDifference.score(100, 100, 100, 0.01, bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bound");
    }
}
