package io.tickcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import io.tickcast.records.Tick;
import org.junit.jupiter.api.Test;

class TickHistoryTest {

    private static final LocalDate D0 = LocalDate.of(2020, 1, 1);

    @Test
    void keepsTheMostRecentDaysPerSymbolAndReplacesCorrections() {
        TickHistory h = new TickHistory(3, 100);
        for (int i = 0; i < 5; i++) {
            h.add(Tick.of("A", D0.plusDays(i), 10 + i));
        }
        h.add(Tick.of("A", D0.plusDays(4), 99));
        TickHistory.Snapshot s = h.snapshot();
        assertThat(s.series().get("A")).containsExactly(12, 13, 99);
        assertThat(s.ticks()).isEqualTo(3);
        assertThat(s.from()).isEqualTo(D0.plusDays(2));
        assertThat(s.to()).isEqualTo(D0.plusDays(4));
    }

    @Test
    void theTotalBoundTrimsTheLongestSeriesFirst() {
        TickHistory h = new TickHistory(100, 6);
        for (int i = 0; i < 5; i++) {
            h.add(Tick.of("LONG", D0.plusDays(i), 1 + i));
        }
        h.add(Tick.of("SHORT", D0, 1));
        h.add(Tick.of("SHORT", D0.plusDays(1), 2));
        assertThat(h.size()).isEqualTo(6);
        assertThat(h.snapshot().series().get("LONG")).containsExactly(2, 3, 4, 5);
        assertThat(h.snapshot().series().get("SHORT")).containsExactly(1, 2);
    }

    @Test
    void ticksArriveInAnyDateOrder() {
        TickHistory h = new TickHistory(10, 100);
        h.add(Tick.of("A", D0.plusDays(2), 3));
        h.add(Tick.of("A", D0, 1));
        h.add(Tick.of("A", D0.plusDays(1), 2));
        assertThat(h.snapshot().series().get("A")).containsExactly(1, 2, 3);
    }
}
