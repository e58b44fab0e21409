package io.tickcast.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Every expected value below is worked out by hand in the comments. */
class ForecastMetricsTest {

    //                                        day:   1    2    3    4
    private static final double[] FORECAST = {101, 99, 103, 100};
    private static final double[] ACTUAL = {100, 100, 102, 104};
    private static final double[] PREVIOUS = {99, 100, 100, 103};
    // errors forecast - actual: +1, -1, +1, -4
    // a training series for the MASE scale: 10, 12, 11, 15
    private static final double[] TRAINING = {10, 12, 11, 15};

    @Test
    void rmse() {
        // sqrt((1 + 1 + 1 + 16) / 4) = sqrt(4.75) = 2.1794494717703365
        assertThat(ForecastMetrics.rmse(FORECAST, ACTUAL)).isCloseTo(2.1794494717703365, within(1e-12));
    }

    @Test
    void mae() {
        // (1 + 1 + 1 + 4) / 4 = 1.75
        assertThat(ForecastMetrics.mae(FORECAST, ACTUAL)).isCloseTo(1.75, within(1e-12));
    }

    @Test
    void mapeIsInPercent() {
        // 100 * (1/100 + 1/100 + 1/102 + 4/104) / 4 = 100 * (0.01 + 0.01 + 0.00980392 + 0.03846154) / 4 = 1.7066365
        assertThat(ForecastMetrics.mape(FORECAST, ACTUAL)).isCloseTo(1.7066365, within(1e-6));
    }

    @Test
    void maseScalesByTheInSampleNaiveMaeOfTheTrainingSeries() {
        // naive MAE in sample: (|12-10| + |11-12| + |15-11|) / 3 = 7/3; MASE = 1.75 / (7/3) = 0.75
        assertThat(ForecastMetrics.naiveMae(TRAINING)).isCloseTo(7.0 / 3, within(1e-12));
        assertThat(ForecastMetrics.mase(FORECAST, ACTUAL, TRAINING)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void directionalAccuracyComparesSignsOfMovesFromThePreviousValue() {
        // forecast - previous: +2, -1, +3, -3
        // actual - previous:   +1,  0, +2, +1
        // hits:                 y,  n,  y,  n  -> 2 / 4
        assertThat(ForecastMetrics.directionalAccuracy(FORECAST, ACTUAL, PREVIOUS)).isEqualTo(0.5);
    }

    @Test
    void aFlatForecastOnlyHitsAFlatDay() {
        // naive forecasts (= previous): direction 0; actual moves +1, 0, +2, +1 -> one hit in 4
        assertThat(ForecastMetrics.directionalAccuracy(PREVIOUS, ACTUAL, PREVIOUS)).isEqualTo(0.25);
    }

    @Test
    void upShareCountsOnlyRises() {
        // actual > previous: 100>99 y, 100>100 n, 102>100 y, 104>103 y -> 3 / 4
        assertThat(ForecastMetrics.upShare(ACTUAL, PREVIOUS)).isEqualTo(0.75);
    }

    @Test
    void aPerfectForecastScoresZeroErrorAndFullDirection() {
        assertThat(ForecastMetrics.rmse(ACTUAL, ACTUAL)).isZero();
        assertThat(ForecastMetrics.mape(ACTUAL, ACTUAL)).isZero();
        assertThat(ForecastMetrics.mase(ACTUAL, ACTUAL, TRAINING)).isZero();
        assertThat(ForecastMetrics.directionalAccuracy(ACTUAL, ACTUAL, PREVIOUS)).isEqualTo(1.0);
    }

    @Test
    void undefinedInputsAreRefused() {
        assertThatThrownBy(() -> ForecastMetrics.rmse(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length");
        assertThatThrownBy(() -> ForecastMetrics.mae(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no values");
        assertThatThrownBy(() -> ForecastMetrics.mape(new double[] {1}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actual value of 0");
        assertThatThrownBy(() -> ForecastMetrics.naiveMae(new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> ForecastMetrics.directionalAccuracy(FORECAST, ACTUAL, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
