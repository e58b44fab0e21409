package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetrainScheduleTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private final RetrainSchedule schedule = new RetrainSchedule(HOUR, 1000);

    @Test
    void withoutAnyModelTheFirstTicksStartATraining() {
        assertThat(schedule.due(false, false, 1, Duration.ZERO)).isTrue();
        assertThat(schedule.due(false, false, 0, Duration.ZERO)).as("nothing read yet").isFalse();
        // once tried (say, skipped for too little history), the usual triggers apply
        assertThat(schedule.due(false, true, 10, Duration.ofMinutes(1))).isFalse();
    }

    @Test
    void everyKNewTicks() {
        assertThat(schedule.due(true, true, 999, Duration.ofMinutes(5))).isFalse();
        assertThat(schedule.due(true, true, 1000, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void afterTheIntervalButOnlyWithNewTicks() {
        assertThat(schedule.due(true, true, 3, Duration.ofMinutes(59))).isFalse();
        assertThat(schedule.due(true, true, 3, HOUR)).isTrue();
        assertThat(schedule.due(true, true, 0, Duration.ofHours(5))).as("unchanged history").isFalse();
    }

    @Test
    void zeroSwitchesATriggerOff() {
        RetrainSchedule countOnly = new RetrainSchedule(Duration.ZERO, 1000);
        assertThat(countOnly.due(true, true, 5, Duration.ofDays(30))).isFalse();
        assertThat(countOnly.due(true, true, 1000, Duration.ZERO)).isTrue();
        RetrainSchedule timerOnly = new RetrainSchedule(HOUR, 0);
        assertThat(timerOnly.due(true, true, 1_000_000, Duration.ofMinutes(1))).isFalse();
        assertThat(timerOnly.due(true, true, 1, HOUR)).isTrue();
    }
}
