package io.tickcast.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import io.tickcast.records.Forecast;
import org.junit.jupiter.api.Test;

class ScoredForecastTest {

    private static Forecast forecast(double last, double predicted) {
        return new Forecast("X", LocalDate.of(2020, 1, 1), 1, last, predicted, "lstm", 1, Instant.EPOCH);
    }

    @Test
    void errorsAgainstTheActualAndTheNaiveForecast() {
        // last 100, forecast 103, actual 101: error 2 (sq 4); naive error 1 (sq 1); both called "up": hit
        ScoredForecast s = ScoredForecast.of(forecast(100, 103), 101);
        assertThat(s.absError()).isEqualTo(2.0);
        assertThat(s.squaredError()).isEqualTo(4.0);
        assertThat(s.naiveAbsError()).isEqualTo(1.0);
        assertThat(s.naiveSquaredError()).isEqualTo(1.0);
        assertThat(s.directionHit()).isTrue();
    }

    @Test
    void wrongDirectionAndFlatForecastsMiss() {
        // last 100, forecast 99 (down), actual 104 (up): error 5 (sq 25), naive 4 (sq 16), miss
        ScoredForecast down = ScoredForecast.of(forecast(100, 99), 104);
        assertThat(down.squaredError()).isEqualTo(25.0);
        assertThat(down.naiveSquaredError()).isEqualTo(16.0);
        assertThat(down.directionHit()).isFalse();
        // a flat (naive) forecast calls no direction
        assertThat(ScoredForecast.of(forecast(100, 100), 104).directionHit()).isFalse();
        assertThat(ScoredForecast.of(forecast(100, 100), 100).directionHit()).isFalse();
    }

    @Test
    void eachIntervalIsCheckedAgainstTheActualClose() {
        Forecast f = new Forecast("X", LocalDate.of(2020, 1, 1), 1, 100, 101, "lstm", 1, Instant.EPOCH,
                java.util.List.of(new io.tickcast.records.Interval(0.8, 99, 103),
                        new io.tickcast.records.Interval(0.95, 97, 105)));
        ScoredForecast s = ScoredForecast.of(f, 104);
        assertThat(s.intervals()).extracting(ScoredForecast.IntervalCheck::level).containsExactly(0.8, 0.95);
        assertThat(s.intervals()).extracting(ScoredForecast.IntervalCheck::inside).containsExactly(false, true);
        assertThat(s.intervals().get(0).winkler()).isCloseTo(4 + 2 / 0.2 * 1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.inside(0.95)).isTrue();
        assertThat(ScoredForecast.of(forecast(100, 101), 104).intervals()).as("no intervals, no checks").isEmpty();
    }
}
