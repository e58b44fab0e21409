package io.tickcast.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.tickcast.interval.IntervalSettings;
import io.tickcast.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;

class IntervalConfigTest {

    private static TickcastConfig with(String key, String value) {
        return TickcastConfig.load(List.of(), Map.of(), Map.of(key, value));
    }

    @Test
    void defaultsAreEightyAndNinetyFivePercentWithTheRiskMetricsHalfLife() {
        TickcastConfig.Intervals i = TickcastConfig.defaults().intervals();
        assertThat(i.settings().levels()).containsExactly(0.8, 0.95);
        assertThat(i.settings().halfLife()).isEqualTo(11.2);
        assertThat(i.settings()).isEqualTo(IntervalSettings.DEFAULT);
        assertThat(i.coverageTolerance()).isEqualTo(0.05);
        assertThat(i).isEqualTo(TickcastConfig.Intervals.DEFAULT);
    }

    @Test
    void levelsHalfLifeAndToleranceAreRead() {
        assertThat(with("interval.levels", " 0.5, 0.9 ,0.99").intervals().settings().levels())
                .containsExactly(0.5, 0.9, 0.99);
        assertThat(with("interval.half-life", "20").intervals().settings().halfLife()).isEqualTo(20);
        assertThat(TickcastConfig.load(List.of(), Map.of("TICKCAST_GATE_COVERAGE_TOLERANCE", "0.03"), Map.of())
                .intervals().coverageTolerance()).isEqualTo(0.03);
    }

    @Test
    void badValuesFailWithTheKeyAndTheRule() {
        assertThatThrownBy(() -> with("interval.levels", "0.8,high"))
                .hasMessageContaining("interval.levels must be comma-separated numbers");
        assertThatThrownBy(() -> with("interval.levels", "0.95,0.8")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("interval.levels must be ascending without repeats")
                .hasMessageEndingWith("(set on the command line)");
        assertThatThrownBy(() -> with("interval.levels", "80"))
                .hasMessage("interval.levels must each be between 0 and 1 (exclusive), was 80.0 (set on the command line)");
        assertThatThrownBy(() -> with("interval.half-life", "0.5")).hasMessageContaining("interval.half-life");
        assertThatThrownBy(() -> with("gate.coverage-tolerance", "0.5"))
                .hasMessageContaining("gate.coverage-tolerance must be between 0 and 0.5");
    }
}
