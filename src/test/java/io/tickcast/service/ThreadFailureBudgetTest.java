package io.tickcast.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.tickcast.config.TickcastConfig;
import org.junit.jupiter.api.Test;

class ThreadFailureBudgetTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private static ThreadFailureBudget budget(int limit, Duration window) {
        return new ThreadFailureBudget(new TickcastConfig.ThreadFailures(limit, window));
    }

    @Test
    void theLimitThFailureWithinTheWindowStopsFewerAreReplaced() {
        ThreadFailureBudget budget = budget(3, Duration.ofMinutes(10));
        assertThat(budget.stops(budget.count(T0))).isFalse();
        assertThat(budget.stops(budget.count(T0.plusSeconds(60)))).isFalse();
        int third = budget.count(T0.plusSeconds(599));
        assertThat(third).isEqualTo(3);
        assertThat(budget.stops(third)).isTrue();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        ThreadFailureBudget budget = budget(3, Duration.ofMinutes(10));
        budget.count(T0);
        budget.count(T0.plusSeconds(60));
        // ten minutes after the first: the first has left the window
        int failures = budget.count(T0.plusSeconds(600));
        assertThat(failures).isEqualTo(2);
        assertThat(budget.stops(failures)).isFalse();
        // a steady trickle of one failure every six minutes never stops the instance
        for (int i = 1; i <= 20; i++) {
            assertThat(budget.stops(budget.count(T0.plusSeconds(600 + 360L * i)))).as("failure %d", i).isFalse();
        }
        // but a third within ten minutes of the last two does
        Instant last = T0.plusSeconds(600 + 360L * 20);
        assertThat(budget.stops(budget.count(last.plusSeconds(1)))).isTrue();
    }

    @Test
    void aLimitOfOneNeverReplacesAThread() {
        ThreadFailureBudget budget = budget(1, Duration.ofSeconds(1));
        assertThat(budget.stops(budget.count(T0))).isTrue();
    }
}
